#include "kernelbuilders.h"
#include "kernelgrideditor.h"
#include "kernelgridmodel.h"
#include "kerneltext.h"
#include "numbertext.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

#include <cmath>

using ks::Kernel;
using ks::KernelGridEditor;

Q_DECLARE_METATYPE(ks::Kernel)

namespace {

Kernel numbered3x3() // 1..9 row-major: every cell distinct, so moves are visible
{
    return Kernel(3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9});
}

QList<float> weightsOf(const Kernel &kernel)
{
    return QList<float>(kernel.weights().begin(), kernel.weights().end());
}

double luminance(const QColor &c)
{
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
}

} // namespace

class tst_KernelGridEditor : public QObject
{
    Q_OBJECT

private:
    struct Ui
    {
        QTableView *grid;
        QSpinBox *width;
        QSpinBox *height;
        QLineEdit *factor;
        QLineEdit *bias;
        QLabel *summary;
        QLabel *error;
        QPushButton *normalise;
        QPushButton *copy;
        QPushButton *paste;
        QPushButton *editAsCustom;
    };

    static Ui ui(KernelGridEditor &editor)
    {
        Ui u{editor.findChild<QTableView *>("kernelGrid"),      editor.findChild<QSpinBox *>("kernelWidth"),
             editor.findChild<QSpinBox *>("kernelHeight"),      editor.findChild<QLineEdit *>("kernelFactor"),
             editor.findChild<QLineEdit *>("kernelBias"),       editor.findChild<QLabel *>("kernelSummary"),
             editor.findChild<QLabel *>("kernelError"),         editor.findChild<QPushButton *>("kernelNormalize"),
             editor.findChild<QPushButton *>("kernelCopy"),     editor.findChild<QPushButton *>("kernelPaste"),
             editor.findChild<QPushButton *>("kernelEditAsCustom")};
        return u;
    }

    static void showAndWait(KernelGridEditor &editor)
    {
        editor.resize(380, 480);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
    }

    // Types text into a line edit the way a person does: select all, type, Return.
    static void typeInto(QWidget *field, const QString &text)
    {
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(field, Qt::Key_Delete);
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Return);
    }

private slots:
    void objectNamesAndAccessibleNames_data();
    void objectNamesAndAccessibleNames();
    void tabOrder();

    void setKernelShowsIt_data();
    void setKernelShowsIt();
    void cellColors();

    void editCell_data();
    void editCell();
    void typingStartsEditing();
    void modelSetDataIsAUserEdit();

    void resizeKeepsValuesCentred_data();
    void resizeKeepsValuesCentred();

    void normalize();
    void normalizeRefusedForZeroSum();

    void factorAndBias_data();
    void factorAndBias();

    void copyPutsTextOnClipboard();
    void pasteParsesClipboard();
    void badPasteShowsReason_data();
    void badPasteShowsReason();

    void readOnlyRefusesEdits();
    void largeKernelIsAModelNotWidgets();

    void sideOutOfRangeIsRefusedVisibly_data();
    void sideOutOfRangeIsRefusedVisibly();
    void editAsCustomHasPastesLimit_data();
    void editAsCustomHasPastesLimit();
    void cellsFollowADarkPalette();
    void columnsFitALargerFont();
    void accessibleChildrenAreBounded();
};

void tst_KernelGridEditor::objectNamesAndAccessibleNames_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"kernelGrid", "kernelWidth", "kernelHeight", "kernelFactor", "kernelBias",
                             "kernelNormalize", "kernelCopy", "kernelPaste", "kernelEditAsCustom", "kernelError",
                             "kernelSummary"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_KernelGridEditor::objectNamesAndAccessibleNames()
{
    QFETCH(QString, name);
    KernelGridEditor editor;
    auto *widget = editor.findChild<QWidget *>(name);
    QVERIFY2(widget, qPrintable(name));
    QVERIFY(!widget->accessibleName().isEmpty());
}

void tst_KernelGridEditor::tabOrder()
{
    KernelGridEditor editor;
    editor.setEditable(true);
    const QStringList expected{"kernelWidth", "kernelHeight", "kernelFactor", "kernelBias", "kernelGrid",
                               "kernelNormalize", "kernelCopy", "kernelPaste"};
    QStringList seen;
    QWidget *w = editor.findChild<QWidget *>("kernelWidth");
    for (int guard = 0; w && guard < 200; ++guard, w = w->nextInFocusChain()) {
        if (expected.contains(w->objectName()) && !seen.contains(w->objectName()))
            seen << w->objectName();
        if (seen.size() == expected.size())
            break;
    }
    QCOMPARE(seen, expected);
}

void tst_KernelGridEditor::setKernelShowsIt_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::addColumn<QString>("size");
    QTest::addColumn<bool>("separable");

    QTest::newRow("gaussian 7") << ks::gaussian(7, 1.2) << "7×7" << true;
    QTest::newRow("sharpen 3x3") << ks::sharpen3x3() << "3×3" << false;
    QTest::newRow("emboss 5x5") << ks::emboss5x5() << "5×5" << false;
    QTest::newRow("binomial 5x5") << ks::binomial5x5() << "5×5" << true;
    QTest::newRow("custom 4x2") << Kernel(4, 2, {1, -2, 0.5f, 3, 0, 7, -1, 2}) << "4×2" << false;
    QTest::newRow("custom 3x1 row") << Kernel(3, 1, {1, 2, 1}) << "3×1" << true;
}

void tst_KernelGridEditor::setKernelShowsIt()
{
    QFETCH(Kernel, kernel);
    QFETCH(QString, size);
    QFETCH(bool, separable);

    KernelGridEditor editor;
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);
    editor.setKernel(kernel);
    const Ui u = ui(editor);
    QCOMPARE(editor.kernel(), kernel);
    QCOMPARE(edited.count(), 0);

    const QAbstractItemModel *model = u.grid->model();
    QCOMPARE(model->columnCount(), kernel.width());
    QCOMPARE(model->rowCount(), kernel.height());
    for (int y = 0; y < kernel.height(); ++y)
        for (int x = 0; x < kernel.width(); ++x) {
            const QModelIndex index = model->index(y, x);
            QCOMPARE(index.data(Qt::EditRole).toString(), ks::numberText(kernel.at(x, y)));
            QCOMPARE(index.data(Qt::DisplayRole).toString(), ks::compactNumberText(kernel.at(x, y)));
            QVERIFY(index.data(Qt::DisplayRole).toString().size() <= 7);
            // Never elided: the cell is wider than its text.
            QVERIFY(QFontMetrics(u.grid->font()).horizontalAdvance(index.data().toString()) + 6
                    < u.grid->columnWidth(x));
            QVERIFY(index.data(Qt::ToolTipRole).toString().contains(ks::numberText(kernel.at(x, y))));
        }

    const QString summary = u.summary->text();
    QVERIFY2(summary.contains(size), qPrintable(summary));
    QVERIFY2(summary.contains("sum " + QString::number(kernel.sum(), 'g', 6)), qPrintable(summary));
    QVERIFY2(summary.contains("effective sum " + QString::number(kernel.effectiveSum(), 'g', 6)), qPrintable(summary));
    QCOMPARE(summary.contains("Separable (rank 1)"), separable);
    QCOMPARE(summary.contains("Not separable"), !separable);
}

void tst_KernelGridEditor::cellColors()
{
    KernelGridEditor editor;
    editor.setKernel(Kernel(3, 1, {-4, 0, 2}));
    const QAbstractItemModel *model = ui(editor).grid->model();
    const QColor negative = model->index(0, 0).data(Qt::BackgroundRole).value<QColor>();
    const QColor zero = model->index(0, 1).data(Qt::BackgroundRole).value<QColor>();
    const QColor positive = model->index(0, 2).data(Qt::BackgroundRole).value<QColor>();

    QVERIFY(negative.blue() > negative.red() + 60); // cool
    QVERIFY(positive.red() > positive.blue() + 60); // warm
    QCOMPARE(zero.red(), zero.blue());               // neutral grey
    // The largest |w| is the strongest: -4 is further from the neutral than 2.
    QVERIFY(std::abs(negative.red() - zero.red()) > std::abs(positive.blue() - zero.blue()));
    for (int x = 0; x < 3; ++x) {
        const QModelIndex index = model->index(0, x);
        const QColor bg = index.data(Qt::BackgroundRole).value<QColor>();
        const QColor fg = index.data(Qt::ForegroundRole).value<QColor>();
        QVERIFY2(std::abs(luminance(bg) - luminance(fg)) > 0.4, qPrintable(QString::number(x)));
    }
}

void tst_KernelGridEditor::editCell_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<float>("expected");

    QTest::newRow("decimal") << "0.5" << true << 0.5f;
    QTest::newRow("negative") << "-2" << true << -2.0f;
    QTest::newRow("plus sign") << "+3" << true << 3.0f;
    QTest::newRow("exponent") << "1e-3" << true << 1e-3f;
    QTest::newRow("fraction") << "1/16" << true << 0.0625f;
    QTest::newRow("spaces") << "  0.25 " << true << 0.25f;
    QTest::newRow("word") << "abc" << false << 0.0f;
    QTest::newRow("nan") << "nan" << false << 0.0f;
    QTest::newRow("inf") << "inf" << false << 0.0f;
    QTest::newRow("empty") << "" << false << 0.0f;
    QTest::newRow("comma decimal") << "0,5" << false << 0.0f;
    QTest::newRow("too large for float") << "1e40" << false << 0.0f;
    QTest::newRow("divide by zero") << "1/0" << false << 0.0f;
    QTest::newRow("trailing junk") << "2x" << false << 0.0f;
}

void tst_KernelGridEditor::editCell()
{
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(float, expected);

    KernelGridEditor editor;
    editor.setEditable(true);
    editor.setKernel(numbered3x3());
    showAndWait(editor);
    const Ui u = ui(editor);
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);

    // Row 2, column 3 (1-based) holds 6.
    const QModelIndex cell = u.grid->model()->index(1, 2);
    u.grid->setCurrentIndex(cell);
    QTest::keyClick(u.grid, Qt::Key_F2);
    auto *lineEdit = u.grid->viewport()->findChild<QLineEdit *>();
    QVERIFY(lineEdit);
    QCOMPARE(lineEdit->text(), QStringLiteral("6"));
    typeInto(lineEdit, text);

    if (accepted) {
        QCOMPARE(edited.count(), 1);
        QCOMPARE(edited.at(0).at(0).value<Kernel>().at(2, 1), expected);
        QCOMPARE(editor.kernel().at(2, 1), expected);
        QVERIFY(u.error->isHidden());
        // Enter moved on to the next cell in reading order.
        QCOMPARE(u.grid->currentIndex(), u.grid->model()->index(2, 0));
        QVERIFY(u.summary->text().contains("sum " + QString::number(editor.kernel().sum(), 'g', 6)));
    } else {
        QCOMPARE(edited.count(), 0);
        QCOMPARE(editor.kernel(), numbered3x3());
        QVERIFY(u.error->isVisible());
        QVERIFY2(u.error->text().startsWith("Row 2, column 3: "), qPrintable(u.error->text()));
        QVERIFY2(u.error->text().endsWith("kept 6"), qPrintable(u.error->text()));
        QCOMPARE(editor.errorText(), u.error->text());
        QCOMPARE(u.grid->model()->index(1, 2).data().toString(), QStringLiteral("6"));
    }
}

void tst_KernelGridEditor::typingStartsEditing()
{
    KernelGridEditor editor;
    editor.setEditable(true);
    editor.setKernel(numbered3x3());
    showAndWait(editor);
    const Ui u = ui(editor);
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);

    u.grid->setFocus();
    u.grid->setCurrentIndex(u.grid->model()->index(0, 0));
    QTest::keyClick(u.grid, Qt::Key_7);
    auto *lineEdit = u.grid->viewport()->findChild<QLineEdit *>();
    QVERIFY(lineEdit);
    QCOMPARE(lineEdit->text(), QStringLiteral("7"));
    QTest::keyClick(lineEdit, Qt::Key_Tab);
    QCOMPARE(edited.count(), 1);
    QCOMPARE(editor.kernel().at(0, 0), 7.0f);
    QCOMPARE(u.grid->currentIndex(), u.grid->model()->index(0, 1));
}

void tst_KernelGridEditor::modelSetDataIsAUserEdit()
{
    KernelGridEditor editor;
    editor.setEditable(true);
    editor.setKernel(numbered3x3());
    QAbstractItemModel *model = ui(editor).grid->model();
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);

    QVERIFY(model->setData(model->index(0, 0), QStringLiteral("-1.5")));
    QCOMPARE(edited.count(), 1);
    QCOMPARE(editor.kernel().at(0, 0), -1.5f);
    // The same value again is not an edit.
    QVERIFY(model->setData(model->index(0, 0), QStringLiteral("-1.5")));
    QCOMPARE(edited.count(), 1);
    QVERIFY(!model->setData(model->index(0, 0), QStringLiteral("nan")));
    QCOMPARE(edited.count(), 1);
    QCOMPARE(editor.kernel().at(0, 0), -1.5f);
}

void tst_KernelGridEditor::resizeKeepsValuesCentred_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<QList<float>>("expected");

    QTest::newRow("grow 5x5") << 5 << 5
                              << QList<float>{0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0, 7, 8, 9, 0, 0, 0, 0, 0, 0};
    QTest::newRow("shrink 1x1") << 1 << 1 << QList<float>{5};
    QTest::newRow("wide 5x3") << 5 << 3 << QList<float>{0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0, 7, 8, 9, 0};
    QTest::newRow("tall 3x1") << 3 << 1 << QList<float>{4, 5, 6};
    QTest::newRow("even 4x4") << 4 << 4 << QList<float>{1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 0, 0, 0, 0};
    QTest::newRow("even 2x3") << 2 << 3 << QList<float>{2, 3, 5, 6, 8, 9};
}

void tst_KernelGridEditor::resizeKeepsValuesCentred()
{
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(QList<float>, expected);

    KernelGridEditor editor;
    editor.setEditable(true);
    Kernel start = numbered3x3();
    start.setFactor(0.5);
    start.setBias(3);
    editor.setKernel(start);
    showAndWait(editor);
    const Ui u = ui(editor);
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);

    typeInto(u.width, QString::number(width));
    typeInto(u.height, QString::number(height));

    QCOMPARE(edited.count(), int(width != 3) + int(height != 3));
    const Kernel &k = editor.kernel();
    QCOMPARE(k.width(), width);
    QCOMPARE(k.height(), height);
    QCOMPARE(weightsOf(k), expected);
    QCOMPARE(k.factor(), 0.5);
    QCOMPARE(k.bias(), 3.0);
    QCOMPARE(u.grid->model()->columnCount(), width);
    QCOMPARE(u.grid->model()->rowCount(), height);
    QVERIFY(u.summary->text().contains(QStringLiteral("%1×%2").arg(width).arg(height)));
}

void tst_KernelGridEditor::normalize()
{
    KernelGridEditor editor;
    editor.setEditable(true);
    Kernel k(3, 3, std::vector<float>(9, 2.0f));
    k.setFactor(0.5);
    editor.setKernel(k);
    showAndWait(editor);
    const Ui u = ui(editor);
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);

    QVERIFY(u.normalise->isEnabled());
    QTest::mouseClick(u.normalise, Qt::LeftButton);
    QCOMPARE(edited.count(), 1);
    QVERIFY(std::fabs(editor.kernel().sum() - 1.0) < 1e-6);
    QCOMPARE(editor.kernel().factor(), 1.0);
    QCOMPARE(editor.kernel().at(1, 1), 1.0f / 9.0f);
    QCOMPARE(u.factor->text(), QStringLiteral("1"));
}

void tst_KernelGridEditor::normalizeRefusedForZeroSum()
{
    KernelGridEditor editor;
    editor.setEditable(true);
    editor.setKernel(ks::laplace4());
    showAndWait(editor);
    const Ui u = ui(editor);
    QVERIFY(!u.normalise->isEnabled());
    QVERIFY(u.normalise->toolTip().contains("sum to 0"));

    // Editing the centre away from a zero sum makes it possible again.
    QVERIFY(u.grid->model()->setData(u.grid->model()->index(1, 1), QStringLiteral("5")));
    QVERIFY(u.normalise->isEnabled());
}

void tst_KernelGridEditor::factorAndBias_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<double>("expected");

    QTest::newRow("factor fraction") << "kernelFactor" << "1/16" << true << 0.0625;
    QTest::newRow("factor decimal") << "kernelFactor" << "0.25" << true << 0.25;
    QTest::newRow("factor word") << "kernelFactor" << "abc" << false << 1.0;
    QTest::newRow("factor inf") << "kernelFactor" << "inf" << false << 1.0;
    QTest::newRow("bias 128") << "kernelBias" << "128" << true << 128.0;
    QTest::newRow("bias negative") << "kernelBias" << "-12.5" << true << -12.5;
    QTest::newRow("bias nan") << "kernelBias" << "nan" << false << 0.0;
    QTest::newRow("bias empty") << "kernelBias" << "" << false << 0.0;
}

void tst_KernelGridEditor::factorAndBias()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(double, expected);

    KernelGridEditor editor;
    editor.setEditable(true);
    editor.setKernel(ks::sharpen3x3());
    showAndWait(editor);
    const Ui u = ui(editor);
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);
    auto *lineEdit = editor.findChild<QLineEdit *>(field);
    QVERIFY(lineEdit);
    lineEdit->setFocus();
    typeInto(lineEdit, text);

    const double actual = field == "kernelFactor" ? editor.kernel().factor() : editor.kernel().bias();
    QCOMPARE(actual, expected);
    QCOMPARE(edited.count(), accepted ? 1 : 0);
    QCOMPARE(u.error->isVisible(), !accepted);
    QCOMPARE(lineEdit->text(), ks::numberText(expected)); // refused text is put back
    if (!accepted)
        QVERIFY(u.error->text().contains("kept"));
    QCOMPARE(weightsOf(editor.kernel()), weightsOf(ks::sharpen3x3()));
}

void tst_KernelGridEditor::copyPutsTextOnClipboard()
{
    for (bool editable : {true, false}) {
        KernelGridEditor editor;
        editor.setEditable(editable);
        editor.setKernel(ks::emboss5x5());
        showAndWait(editor);
        QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
        QPushButton *copy = ui(editor).copy;
        QVERIFY(copy->isVisible());
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), ks::kernelToText(ks::emboss5x5()));
    }
}

void tst_KernelGridEditor::pasteParsesClipboard()
{
    KernelGridEditor editor;
    editor.setEditable(true);
    editor.setKernel(ks::sharpen3x3());
    showAndWait(editor);
    const Ui u = ui(editor);
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);

    const QString text = QStringLiteral("5x3: 1,2,3,2,1, 2,4,6,4,2, 1,2,3,2,1");
    QGuiApplication::clipboard()->setText(text);
    QTest::mouseClick(u.paste, Qt::LeftButton);
    QCOMPARE(edited.count(), 1);
    QCOMPARE(editor.kernel(), *ks::parseKernelText(text));
    QCOMPARE(u.grid->model()->columnCount(), 5);
    QCOMPARE(u.width->value(), 5);
    QCOMPARE(u.height->value(), 3);
    QVERIFY(u.error->isHidden());
}

void tst_KernelGridEditor::badPasteShowsReason_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason"); // empty: the parser's own error

    QTest::newRow("prose") << "hello world" << "";
    QTest::newRow("too few values") << "3x3: 1,2,3" << "";
    QTest::newRow("bad value") << "3x3: 1,2,3,4,x,6,7,8,9" << "";
    QStringList ones;
    for (int i = 0; i < 31 * 31; ++i)
        ones << "1";
    QTest::newRow("larger than 25") << "31x31: " + ones.join(',') << "up to 25x25";
    QTest::newRow("empty clipboard") << "" << "no text";
}

void tst_KernelGridEditor::badPasteShowsReason()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    KernelGridEditor editor;
    editor.setEditable(true);
    editor.setKernel(ks::sharpen3x3());
    showAndWait(editor);
    const Ui u = ui(editor);
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);

    QGuiApplication::clipboard()->setText(text);
    QTest::mouseClick(u.paste, Qt::LeftButton);
    QCOMPARE(edited.count(), 0);
    QCOMPARE(editor.kernel(), ks::sharpen3x3());
    QVERIFY(u.error->isVisible());
    if (reason.isEmpty()) {
        const QString parserError = ks::parseKernelText(text).error();
        QVERIFY(!parserError.isEmpty());
        reason = parserError;
    }
    QVERIFY2(u.error->text().contains(reason), qPrintable(u.error->text()));
}

void tst_KernelGridEditor::readOnlyRefusesEdits()
{
    KernelGridEditor editor;
    editor.setKernel(ks::gaussian(13, 2.0));
    QVERIFY(!editor.isEditable());
    showAndWait(editor);
    const Ui u = ui(editor);
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);
    QSignalSpy editAsCustom(&editor, &KernelGridEditor::editAsCustomRequested);

    u.grid->setCurrentIndex(u.grid->model()->index(6, 6));
    QTest::keyClick(u.grid, Qt::Key_F2);
    QTest::keyClick(u.grid, Qt::Key_5);
    QVERIFY(!u.grid->viewport()->findChild<QLineEdit *>());
    QVERIFY(!(u.grid->model()->flags(u.grid->model()->index(6, 6)) & Qt::ItemIsEditable));
    QVERIFY(!u.grid->model()->setData(u.grid->model()->index(6, 6), QStringLiteral("1")));
    QCOMPARE(edited.count(), 0);
    QCOMPARE(editor.kernel(), ks::gaussian(13, 2.0));

    QVERIFY(!u.width->isVisible());
    QVERIFY(!u.factor->isVisible());
    QVERIFY(!u.normalise->isVisible());
    QVERIFY(!u.paste->isVisible());
    QVERIFY(u.copy->isVisible());
    QVERIFY(u.summary->isVisible());
    QVERIFY(u.editAsCustom->isVisible());
    QTest::mouseClick(u.editAsCustom, Qt::LeftButton);
    QCOMPARE(editAsCustom.count(), 1);

    editor.setEditable(true);
    QVERIFY(!u.editAsCustom->isVisible());
    QVERIFY(u.width->isVisible());
    QVERIFY(u.grid->model()->flags(u.grid->model()->index(6, 6)) & Qt::ItemIsEditable);
}

void tst_KernelGridEditor::largeKernelIsAModelNotWidgets()
{
    KernelGridEditor editor;
    showAndWait(editor);
    const int widgetsBefore = editor.findChildren<QWidget *>().size();
    const Kernel big = ks::gaussian(301, 50.0);
    editor.setKernel(big);
    const Ui u = ui(editor);
    QCoreApplication::processEvents();

    QCOMPARE(u.grid->model()->rowCount(), 301);
    QCOMPARE(u.grid->model()->columnCount(), 301);
    QCOMPARE(editor.findChildren<QWidget *>().size(), widgetsBefore);
    QVERIFY(u.summary->text().contains("301×301"));
    QVERIFY(u.summary->text().contains("Separable (rank 1)"));
    // It scrolls, with cells still wide enough for the compact numbers.
    QVERIFY(u.grid->horizontalScrollBar()->maximum() > 0);
    QVERIFY(u.grid->verticalScrollBar()->maximum() > 0);
    const QFontMetrics metrics(u.grid->font());
    QVERIFY(u.grid->columnWidth(300) >= metrics.horizontalAdvance("-0.0000"));
    QVERIFY(u.grid->rowHeight(300) >= metrics.height());
    u.grid->scrollTo(u.grid->model()->index(300, 300));
    QVERIFY(!u.grid->grab().isNull());
    QCOMPARE(editor.kernel(), big);
}

void tst_KernelGridEditor::sideOutOfRangeIsRefusedVisibly_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("typed");
    QTest::newRow("width 26") << "width" << "26";
    QTest::newRow("width 100") << "width" << "100";
    QTest::newRow("height 26") << "height" << "26";
    QTest::newRow("width 0") << "width" << "0";
}

// Typing a side over the limit used to lose the keystroke that went over (26 became 2) and
// resize to that: now the whole entry is refused with the reason and the kernel stays.
void tst_KernelGridEditor::sideOutOfRangeIsRefusedVisibly()
{
    QFETCH(QString, field);
    QFETCH(QString, typed);
    KernelGridEditor editor;
    editor.setKernel(ks::sharpen5x5());
    editor.setEditable(true);
    showAndWait(editor);
    const Ui u = ui(editor);
    QSpinBox *spin = field == "width" ? u.width : u.height;
    QSignalSpy edited(&editor, &KernelGridEditor::kernelEdited);

    spin->setFocus();
    typeInto(spin, typed);

    QCOMPARE(edited.count(), 0);
    QCOMPARE(editor.kernel(), ks::sharpen5x5());
    QCOMPARE(spin->value(), 5);
    QVERIFY(u.error->isVisible());
    const QString error = editor.errorText();
    QVERIFY2(error.contains(typed) && error.contains("1 to 25") && error.contains("kept 5"), qPrintable(error));

    // An entry in range still resizes (and clears the refusal).
    typeInto(spin, "7");
    QCOMPARE(edited.count(), 1);
    QCOMPARE(field == "width" ? editor.kernel().width() : editor.kernel().height(), 7);
    QVERIFY(editor.errorText().isEmpty());
}

void tst_KernelGridEditor::editAsCustomHasPastesLimit_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("sigma 10 Gaussian, 61x61") << ks::gaussian(61, 10.0) << false;
    QTest::newRow("box 26x26") << ks::box(26) << false;
    QTest::newRow("25x25") << ks::gaussian(25, 4.0) << true;
    QTest::newRow("sharpen 3x3") << ks::sharpen3x3() << true;
}

// Paste refuses what is over 25x25; Edit as Custom, which makes the kernel editable, has the
// same limit and says so rather than making an editable grid nothing else would accept.
void tst_KernelGridEditor::editAsCustomHasPastesLimit()
{
    QFETCH(Kernel, kernel);
    QFETCH(bool, accepted);
    KernelGridEditor editor;
    editor.setKernel(kernel);
    showAndWait(editor);
    const Ui u = ui(editor);
    QSignalSpy requested(&editor, &KernelGridEditor::editAsCustomRequested);
    QTest::mouseClick(u.editAsCustom, Qt::LeftButton);
    QCOMPARE(requested.count(), accepted ? 1 : 0);
    QCOMPARE(editor.errorText().isEmpty(), accepted);
    if (!accepted) {
        const QString size = QStringLiteral("%1x%2").arg(kernel.width()).arg(kernel.height());
        QVERIFY2(editor.errorText().contains(size) && editor.errorText().contains("25x25"),
                 qPrintable(editor.errorText()));
        QVERIFY(u.error->isVisible());
    }
    // Paste says the same limit.
    editor.setEditable(true);
    QGuiApplication::clipboard()->setText(ks::kernelToText(kernel));
    QTest::mouseClick(u.paste, Qt::LeftButton);
    QCOMPARE(editor.errorText().isEmpty(), accepted);
}

// A dark theme: zero weights sit on the palette's dark base, not on a hard-coded light grey,
// and every cell's text contrasts with its background.
void tst_KernelGridEditor::cellsFollowADarkPalette()
{
    KernelGridEditor editor;
    editor.setKernel(Kernel(5, 1, {-4, -0.1f, 0, 0.1f, 2}));
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(30, 30, 34));
    dark.setColor(QPalette::Text, QColor(235, 235, 235));
    dark.setColor(QPalette::Window, QColor(45, 45, 48));
    dark.setColor(QPalette::WindowText, QColor(235, 235, 235));
    editor.setPalette(dark);
    showAndWait(editor);
    const QAbstractItemModel *model = ui(editor).grid->model();

    const QColor zero = model->index(0, 2).data(Qt::BackgroundRole).value<QColor>();
    QCOMPARE(zero, dark.color(QPalette::Base));
    QCOMPARE(model->index(0, 2).data(Qt::ForegroundRole).value<QColor>(), dark.color(QPalette::Text));
    for (int x = 0; x < 5; ++x) {
        const QColor bg = model->index(0, x).data(Qt::BackgroundRole).value<QColor>();
        const QColor fg = model->index(0, x).data(Qt::ForegroundRole).value<QColor>();
        QVERIFY2(luminance(bg) < 0.5, qPrintable(bg.name())); // no light cell on a dark theme
        QVERIFY2(std::abs(luminance(bg) - luminance(fg)) > 0.4, qPrintable(bg.name() + " " + fg.name()));
    }
    // Back to a light palette: the cells follow.
    editor.setPalette(QPalette(Qt::white));
    QVERIFY(luminance(model->index(0, 2).data(Qt::BackgroundRole).value<QColor>()) > 0.5);
}

// With a larger font, each column is as wide as its widest value in the bold anchor font, so
// the leading minus signs of a 5x5 sharpen are not cut off; rows grow with the font too.
void tst_KernelGridEditor::columnsFitALargerFont()
{
    KernelGridEditor editor;
    editor.setKernel(Kernel(5, 5, std::vector<float>(25, -0.125f)));
    showAndWait(editor);
    QFont big = editor.font();
    big.setPointSize(big.pointSize() * 2 + 6);
    editor.setFont(big);
    QCoreApplication::processEvents();

    const Ui u = ui(editor);
    QFont bold = u.grid->font();
    bold.setBold(true);
    QCOMPARE(u.grid->font().pointSize(), big.pointSize());
    const QFontMetrics metrics(bold);
    for (int column = 0; column < 5; ++column)
        QVERIFY2(u.grid->columnWidth(column) > metrics.horizontalAdvance(QStringLiteral("-0.125")),
                 qPrintable(QString::number(u.grid->columnWidth(column))));
    QVERIFY(u.grid->rowHeight(0) > metrics.height());
}

// Qt exposes each cell of a table as an accessible child: a sigma-88 Gaussian would be 282,000
// of them. Above 25x25 cells the grid is one summarised element; small grids keep their cells.
void tst_KernelGridEditor::accessibleChildrenAreBounded()
{
    KernelGridEditor editor;
    showAndWait(editor);
    QTableView *grid = ui(editor).grid;

    editor.setKernel(ks::sharpen5x5());
    QAccessibleInterface *small = QAccessible::queryAccessibleInterface(grid);
    QVERIFY(small);
    QVERIFY2(small->childCount() >= 25, qPrintable(QString::number(small->childCount())));
    QVERIFY(small->tableInterface());

    const Kernel big = ks::gaussian(531, 88.0);
    editor.setKernel(big);
    QAccessibleInterface *summary = QAccessible::queryAccessibleInterface(grid);
    QVERIFY(summary);
    QVERIFY2(summary->childCount() <= 25 * 25, qPrintable(QString::number(summary->childCount())));
    QCOMPARE(summary->text(QAccessible::Name), QStringLiteral("Kernel weights"));
    QVERIFY2(summary->text(QAccessible::Description).contains("531 columns × 531 rows"),
             qPrintable(summary->text(QAccessible::Description)));
    QCOMPARE(summary->role(), QAccessible::Table);

    // 25x25 is still listed cell by cell, and a small kernel after a large one is again.
    editor.setKernel(ks::gaussian(25, 4.0));
    QVERIFY(QAccessible::queryAccessibleInterface(grid)->childCount() >= 625);
    editor.setKernel(ks::sharpen3x3());
    QVERIFY(QAccessible::queryAccessibleInterface(grid)->childCount() >= 9);
    QVERIFY(QAccessible::queryAccessibleInterface(grid)->childCount() <= 16);
}

QTEST_MAIN(tst_KernelGridEditor)
#include "tst_kernelgrideditor.moc"
