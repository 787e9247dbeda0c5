#include "kernelgrideditor.h"

#include "kernelgridmodel.h"
#include "kernelgridview.h"
#include "kerneltext.h"
#include "numbertext.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>

namespace ks {

namespace {

// Enter moves on to the next cell like Tab does, so a kernel can be typed in reading order
// without reaching for the mouse. The editor is a plain line edit: a spin box would clamp,
// round to fixed decimals and read numbers in the user's locale.
class CellDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        auto *editor = new QLineEdit(parent);
        editor->setAlignment(Qt::AlignCenter);
        editor->setFrame(false);
        editor->setAccessibleName(QStringLiteral("Kernel weight, row %1, column %2")
                                      .arg(index.row() + 1)
                                      .arg(index.column() + 1));
        return editor;
    }

protected:
    bool eventFilter(QObject *object, QEvent *event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const auto key = static_cast<QKeyEvent *>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter) {
                if (auto *editor = qobject_cast<QWidget *>(object)) {
                    emit commitData(editor);
                    emit closeEditor(editor, QAbstractItemDelegate::EditNextItem);
                    return true;
                }
            }
        }
        return QStyledItemDelegate::eventFilter(object, event);
    }
};

// A kernel side. Qt's spin box drops a keystroke that leaves its range, so typing 26 where 25
// is the most gives 2; this one takes any whole number as typed and, on Return or leaving the
// field, refuses one out of range (`refused` says which, and the value stays as it was).
class SideSpinBox : public QSpinBox
{
public:
    using QSpinBox::QSpinBox;
    std::function<void(const QString &typed)> refused;

    QValidator::State validate(QString &input, int &pos) const override
    {
        const QValidator::State state = QSpinBox::validate(input, pos);
        if (state != QValidator::Invalid)
            return state;
        bool whole = false;
        input.trimmed().toLongLong(&whole);
        return whole ? QValidator::Intermediate : state;
    }

    void fixup(QString &input) const override
    {
        // Qt calls this with the text it is about to replace by the previous value.
        if (refused && !input.trimmed().isEmpty())
            refused(input.trimmed());
        QSpinBox::fixup(input);
    }
};

QString sumText(double value)
{
    // Six digits hide float noise (0.99999994) that would only alarm people.
    return QString::number(value, 'g', 6);
}

QPushButton *makeButton(const QString &text, const QString &objectName, const QString &description, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(QString(text).remove(u'&'));
    button->setAccessibleDescription(description);
    button->setToolTip(description);
    button->setAutoDefault(false);
    return button;
}

} // namespace

KernelGridEditor::KernelGridEditor(QWidget *parent)
    : QWidget(parent), m_model(new KernelGridModel(this))
{
    setObjectName(QStringLiteral("kernelGridEditor"));
    setAccessibleName(tr("Kernel"));

    // Size, factor and bias: only while the kernel is editable.
    m_editControls = new QWidget(this);
    m_editControls->setObjectName(QStringLiteral("kernelEditControls"));
    auto *form = new QGridLayout(m_editControls);
    form->setContentsMargins(0, 0, 0, 0);

    auto *width = new SideSpinBox(m_editControls);
    auto *height = new SideSpinBox(m_editControls);
    width->refused = [this](const QString &typed) { refuseSide(m_width, typed); };
    height->refused = [this](const QString &typed) { refuseSide(m_height, typed); };
    m_width = width;
    m_width->setObjectName(QStringLiteral("kernelWidth"));
    m_width->setAccessibleName(tr("Kernel width"));
    m_width->setAccessibleDescription(tr("Columns, 1 to %1; resizing keeps the values centred").arg(MaxEditSide));
    m_height = height;
    m_height->setObjectName(QStringLiteral("kernelHeight"));
    m_height->setAccessibleName(tr("Kernel height"));
    m_height->setAccessibleDescription(tr("Rows, 1 to %1; resizing keeps the values centred").arg(MaxEditSide));
    for (QSpinBox *spin : {m_width, m_height}) {
        spin->setRange(1, MaxEditSide);
        // Typing "12" must not resize through 1 first (that would drop the outer values).
        spin->setKeyboardTracking(false);
        spin->setToolTip(spin->accessibleDescription());
    }

    m_factor = new QLineEdit(m_editControls);
    m_factor->setObjectName(QStringLiteral("kernelFactor"));
    m_factor->setAccessibleName(tr("Kernel factor"));
    m_factor->setAccessibleDescription(tr("Multiplies the weighted sum, e.g. 1/16; applied before the bias"));
    m_factor->setToolTip(m_factor->accessibleDescription());
    m_bias = new QLineEdit(m_editControls);
    m_bias->setObjectName(QStringLiteral("kernelBias"));
    m_bias->setAccessibleName(tr("Kernel bias"));
    m_bias->setAccessibleDescription(tr("Added after the factor, in 8-bit units (0 to 255), e.g. 128 for emboss"));
    m_bias->setToolTip(m_bias->accessibleDescription());

    auto *widthLabel = new QLabel(tr("&Width"), m_editControls);
    widthLabel->setBuddy(m_width);
    auto *heightLabel = new QLabel(tr("&Height"), m_editControls);
    heightLabel->setBuddy(m_height);
    auto *factorLabel = new QLabel(tr("&Factor"), m_editControls);
    factorLabel->setBuddy(m_factor);
    auto *biasLabel = new QLabel(tr("&Bias"), m_editControls);
    biasLabel->setBuddy(m_bias);
    form->addWidget(widthLabel, 0, 0);
    form->addWidget(m_width, 0, 1);
    form->addWidget(heightLabel, 0, 2);
    form->addWidget(m_height, 0, 3);
    form->addWidget(factorLabel, 1, 0);
    form->addWidget(m_factor, 1, 1);
    form->addWidget(biasLabel, 1, 2);
    form->addWidget(m_bias, 1, 3);
    form->setColumnStretch(1, 1);
    form->setColumnStretch(3, 1);

    m_grid = new KernelGridView(this);
    m_grid->setObjectName(QStringLiteral("kernelGrid"));
    m_grid->setAccessibleName(tr("Kernel weights"));
    m_grid->setModel(m_model);
    m_grid->setItemDelegate(new CellDelegate(m_grid));
    m_grid->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    // Tab leaves the grid (arrow keys move inside it); otherwise a 25x25 kernel would be
    // 625 Tab presses away from the buttons. Tab inside a cell editor still moves on.
    m_grid->setTabKeyNavigation(false);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setWordWrap(false);
    m_grid->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_grid->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Fixed, uniform sections: the view never measures 90,000 cells (fitCellSize() sizes them
    // from the font, and again when the font changes).
    for (QHeaderView *header : {m_grid->horizontalHeader(), m_grid->verticalHeader()}) {
        header->setSectionResizeMode(QHeaderView::Fixed);
        header->setHighlightSections(true);
    }
    m_grid->verticalHeader()->setDefaultAlignment(Qt::AlignCenter);
    m_model->setPalette(m_grid->palette());

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("kernelSummary"));
    m_summary->setAccessibleName(tr("Kernel summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_role = new QLabel(this);
    m_role->setObjectName(QStringLiteral("kernelRole"));
    m_role->setAccessibleName(tr("What the kernel means"));
    m_role->setWordWrap(true);
    m_role->hide();

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("kernelError"));
    m_error->setAccessibleName(tr("Kernel error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_normalize = makeButton(tr("&Normalise"), QStringLiteral("kernelNormalize"),
                             tr("Scale the weights so they sum to 1 and set the factor to 1"), this);
    m_copy = makeButton(tr("&Copy"), QStringLiteral("kernelCopy"),
                        tr("Copy the kernel to the clipboard as ImageMagick text (WxH: v,v,...)"), this);
    m_paste = makeButton(tr("&Paste"), QStringLiteral("kernelPaste"),
                         tr("Replace the kernel with ImageMagick kernel text from the clipboard "
                            "(up to %1x%1; factor 1, bias 0)")
                             .arg(MaxEditSide),
                         this);
    m_editAsCustom = makeButton(tr("&Edit as Custom"), QStringLiteral("kernelEditAsCustom"),
                                tr("Copy this kernel into the custom filter and edit it there (up to %1x%1)")
                                    .arg(MaxEditSide),
                                this);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_normalize);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_paste);
    buttons->addStretch(1);
    buttons->addWidget(m_editAsCustom);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editControls);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_role);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    // Takes what a small grid leaves, so the summary and buttons stay right under the cells.
    layout->addStretch(0);

    m_grid->viewport()->installEventFilter(this);
    m_grid->installEventFilter(this); // its palette and font

    setTabOrder(m_width, m_height);
    setTabOrder(m_height, m_factor);
    setTabOrder(m_factor, m_bias);
    setTabOrder(m_bias, m_grid);
    setTabOrder(m_grid, m_normalize);
    setTabOrder(m_normalize, m_copy);
    setTabOrder(m_copy, m_paste);
    setTabOrder(m_paste, m_editAsCustom);

    connect(m_model, &KernelGridModel::cellEdited, this, [this] {
        clearError();
        showKernelState();
        emit kernelEdited(m_model->kernel());
    });
    connect(m_model, &KernelGridModel::cellRejected, this,
            [this](int, int, const QString &message) { showError(message); });
    connect(m_width, &QSpinBox::valueChanged, this, [this](int width) { resizeKernel(width, m_model->kernel().height()); });
    connect(m_height, &QSpinBox::valueChanged, this, [this](int height) { resizeKernel(m_model->kernel().width(), height); });
    connect(m_factor, &QLineEdit::editingFinished, this, &KernelGridEditor::commitFactor);
    connect(m_bias, &QLineEdit::editingFinished, this, &KernelGridEditor::commitBias);
    connect(m_normalize, &QPushButton::clicked, this, &KernelGridEditor::normalize);
    connect(m_copy, &QPushButton::clicked, this, &KernelGridEditor::copyText);
    connect(m_paste, &QPushButton::clicked, this, &KernelGridEditor::pasteText);
    connect(m_grid, &KernelGridView::copyRequested, this, &KernelGridEditor::copyText);
    connect(m_grid, &KernelGridView::pasteRequested, this, [this] {
        if (m_paste->isVisible()) // only a custom kernel takes pasted text
            pasteText();
    });
    connect(m_editAsCustom, &QPushButton::clicked, this, &KernelGridEditor::requestEditAsCustom);

    setEditable(false);
    showKernelState();
}

KernelGridEditor::~KernelGridEditor()
{
    // Children lose focus while they are torn down; their editingFinished must not commit
    // into a half-destroyed editor.
    disconnect(m_factor, nullptr, this, nullptr);
    disconnect(m_bias, nullptr, this, nullptr);
}

void KernelGridEditor::setKernel(const Kernel &kernel)
{
    m_model->setKernel(kernel);
    clearError(); // a refusal about the previous kernel would mislead
    showKernelState();
    // The top-left corner of a large kernel is its least interesting part.
    m_centrePending = true;
    if (m_grid->viewport()->isVisible())
        centreOnAnchor();
}

void KernelGridEditor::centreOnAnchor()
{
    m_centrePending = false;
    const Kernel &k = m_model->kernel();
    m_grid->scrollTo(m_model->index(k.anchorY(), k.anchorX()), QAbstractItemView::PositionAtCenter);
}

void KernelGridEditor::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitGridToContents();
}

bool KernelGridEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_grid && event->type() == QEvent::PaletteChange)
        m_model->setPalette(m_grid->palette());
    if (watched == m_grid && event->type() == QEvent::FontChange) {
        fitCellSize();
        fitGridToContents();
    }
    // Before the first show the viewport has no real size to centre in.
    if (m_centrePending && watched == m_grid->viewport()
        && (event->type() == QEvent::Resize || event->type() == QEvent::Show) && m_grid->viewport()->isVisible())
        centreOnAnchor();
    return QWidget::eventFilter(watched, event);
}

void KernelGridEditor::fitCellSize()
{
    // Small kernels get cells as wide as their longest value, measured in the bold font of the
    // anchor cell, so a 5x5 fits a narrow dock and no minus sign is cut off at any font size;
    // large ones take the widest compact text (7 characters) without measuring every cell.
    const Kernel &k = m_model->kernel();
    QFont bold = m_grid->font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int textWidth = metrics.horizontalAdvance(QStringLiteral("-0.0000"));
    if (k.weights().size() <= size_t(MaxEditSide * MaxEditSide)) {
        textWidth = metrics.horizontalAdvance(QStringLiteral("888"));
        for (float w : k.weights())
            textWidth = std::max(textWidth, metrics.horizontalAdvance(compactNumberText(double(w))));
    }
    const int cellWidth = textWidth + 14;
    const int cellHeight = metrics.height() + 8;
    QHeaderView *columns = m_grid->horizontalHeader();
    QHeaderView *rows = m_grid->verticalHeader();
    if (columns->defaultSectionSize() != cellWidth) {
        columns->setMinimumSectionSize(cellWidth);
        columns->setDefaultSectionSize(cellWidth);
    }
    if (rows->defaultSectionSize() != cellHeight) {
        rows->setMinimumSectionSize(cellHeight);
        rows->setDefaultSectionSize(cellHeight);
    }
}

void KernelGridEditor::fitGridToContents()
{
    // A 3x3 kernel should not sit in a large empty white table; a large one fills the panel.
    if (!layout())
        return;
    // Room for a scroll bar only where the other side overflows, else a strip of empty base
    // colour shows beside the cells.
    const int extent = m_grid->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_grid);
    const int frame = 2 * m_grid->frameWidth();
    const int contentWidth = m_grid->verticalHeader()->sizeHint().width() + m_grid->horizontalHeader()->length() + frame;
    const int contentHeight = m_grid->horizontalHeader()->sizeHint().height() + m_grid->verticalHeader()->length() + frame;
    const QMargins margins = layout()->contentsMargins();
    const int availableWidth = width() - margins.left() - margins.right();
    const int othersHeight = layout()->sizeHint().height() - m_grid->sizeHint().height();
    const int availableHeight = height() - othersHeight;
    m_grid->setMaximumSize(contentWidth + (contentHeight > availableHeight ? extent : 0),
                           contentHeight + (contentWidth > availableWidth ? extent : 0));
}

void KernelGridEditor::setScaleEditable(bool editable)
{
    const QString why = tr("This filter normalises its kernel to sum 1: factor and bias do not apply");
    for (QLineEdit *field : {m_factor, m_bias}) {
        field->setEnabled(editable);
        field->setToolTip(editable ? field->accessibleDescription() : why);
    }
}

const Kernel &KernelGridEditor::kernel() const
{
    return m_model->kernel();
}

void KernelGridEditor::setEditable(bool editable)
{
    m_model->setEditable(editable);
    m_editControls->setVisible(editable);
    m_normalize->setVisible(editable);
    m_paste->setVisible(editable);
    m_editAsCustom->setVisible(!editable);
    m_grid->setAccessibleDescription(editable ? tr("Type a number or a fraction such as 1/16 into a cell; "
                                                   "Enter or Tab moves to the next cell")
                                              : tr("Read only; use Edit as Custom to change this kernel"));
    clearError();
    showKernelState();
}

bool KernelGridEditor::isEditable() const
{
    return m_model->isEditable();
}

QString KernelGridEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void KernelGridEditor::applyEdit(const Kernel &kernel)
{
    if (kernel == m_model->kernel()) {
        showKernelState(); // puts normalised text back into the fields
        return;
    }
    m_model->setKernel(kernel);
    clearError();
    showKernelState();
    emit kernelEdited(m_model->kernel());
}

void KernelGridEditor::setRole(const QString &role)
{
    m_role->setText(role);
    m_role->setVisible(!role.isEmpty());
}

QString KernelGridEditor::role() const
{
    return m_role->text();
}

void KernelGridEditor::showKernelState()
{
    const Kernel &k = m_model->kernel();
    const bool separable = k.isSeparable();
    m_summary->setText(tr("%1×%2 · sum %3 · effective sum %4\nfactor %5 · bias %6 · %7")
                           .arg(k.width())
                           .arg(k.height())
                           .arg(sumText(k.sum()), sumText(k.effectiveSum()), numberText(k.factor()),
                                numberText(k.bias()), separable ? tr("Separable (rank 1)") : tr("Not separable")));
    m_summary->setAccessibleDescription(m_summary->text());

    {
        // Only people change these; showing a kernel must not resize or re-emit it.
        const QSignalBlocker blockWidth(m_width), blockHeight(m_height);
        // A larger kernel (shown, then made editable) keeps its true size on display.
        m_width->setMaximum(std::max(MaxEditSide, k.width()));
        m_height->setMaximum(std::max(MaxEditSide, k.height()));
        m_width->setValue(k.width());
        m_height->setValue(k.height());
    }
    m_factor->setText(numberText(k.factor()));
    m_bias->setText(numberText(k.bias()));

    const bool zeroSum = std::fabs(k.effectiveSum()) < 1e-12;
    m_normalize->setEnabled(isEditable() && !zeroSum);
    m_normalize->setToolTip(zeroSum ? tr("The weights sum to 0 (as in edge detectors and embosses), "
                                         "so they cannot be scaled to sum to 1")
                                    : tr("Scale the weights so they sum to 1 and set the factor to 1"));
    m_normalize->setAccessibleDescription(m_normalize->toolTip());
    fitCellSize();
    fitGridToContents(); // after the texts: the summary's height counts
}

void KernelGridEditor::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setAccessibleDescription(message);
    m_error->show();
    fitGridToContents();
}

void KernelGridEditor::clearError()
{
    m_error->clear();
    m_error->hide();
    fitGridToContents();
}

void KernelGridEditor::resizeKernel(int width, int height)
{
    if (!isEditable())
        return;
    const Kernel &old = m_model->kernel();
    if (width == old.width() && height == old.height())
        return;
    // Centre over centre (the default anchors), so growing 3x3 to 5x5 pads a ring of zeros.
    const int dx = (width - 1) / 2 - (old.width() - 1) / 2;
    const int dy = (height - 1) / 2 - (old.height() - 1) / 2;
    Kernel resized(width, height, std::vector<float>(size_t(width) * size_t(height), 0.0f));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const int ox = x - dx, oy = y - dy;
            if (ox >= 0 && oy >= 0 && ox < old.width() && oy < old.height())
                resized.set(x, y, old.at(ox, oy));
        }
    resized.setAnchor(old.anchorX() + dx, old.anchorY() + dy);
    resized.setFactor(old.factor());
    resized.setBias(old.bias());
    applyEdit(resized);
}

void KernelGridEditor::refuseSide(QSpinBox *spin, const QString &typed)
{
    const Kernel &k = m_model->kernel();
    const bool width = spin == m_width;
    showError(tr("%1: %2 is not a size the grid edits (1 to %3) — kept %4")
                  .arg(width ? tr("Width") : tr("Height"), typed)
                  .arg(spin->maximum())
                  .arg(width ? k.width() : k.height()));
}

void KernelGridEditor::requestEditAsCustom()
{
    const Kernel &k = m_model->kernel();
    if (k.width() > MaxEditSide || k.height() > MaxEditSide) {
        showError(tr("Edit as Custom refused: the kernel is %1x%2; the grid edits kernels up to %3x%3. "
                     "Copy puts it on the clipboard as text (a recipe can hold it)")
                      .arg(k.width())
                      .arg(k.height())
                      .arg(MaxEditSide));
        return;
    }
    emit editAsCustomRequested();
}

void KernelGridEditor::commitFactor()
{
    if (!isEditable())
        return;
    const auto value = parseCellNumber(m_factor->text());
    if (!value) {
        showError(tr("Factor: '%1' is not a finite number — kept %2")
                      .arg(m_factor->text().trimmed(), numberText(m_model->kernel().factor())));
        m_factor->setText(numberText(m_model->kernel().factor()));
        return;
    }
    Kernel k = m_model->kernel();
    k.setFactor(*value);
    applyEdit(k);
}

void KernelGridEditor::commitBias()
{
    if (!isEditable())
        return;
    const auto value = parseCellNumber(m_bias->text());
    if (!value) {
        showError(tr("Bias: '%1' is not a finite number — kept %2")
                      .arg(m_bias->text().trimmed(), numberText(m_model->kernel().bias())));
        m_bias->setText(numberText(m_model->kernel().bias()));
        return;
    }
    Kernel k = m_model->kernel();
    k.setBias(*value);
    applyEdit(k);
}

void KernelGridEditor::normalize()
{
    if (!isEditable())
        return;
    if (std::fabs(m_model->kernel().effectiveSum()) < 1e-12) {
        showError(tr("Normalise: the weights sum to 0, so they cannot be scaled to sum to 1"));
        return;
    }
    applyEdit(m_model->kernel().normalized());
}

void KernelGridEditor::copyText()
{
    QGuiApplication::clipboard()->setText(kernelToText(m_model->kernel()));
}

void KernelGridEditor::pasteText()
{
    if (!isEditable())
        return;
    const QString text = QGuiApplication::clipboard()->text().trimmed();
    if (text.isEmpty()) {
        showError(tr("Paste refused: the clipboard holds no text"));
        return;
    }
    const Result<Kernel> parsed = parseKernelText(text);
    if (!parsed) {
        showError(tr("Paste refused: %1").arg(parsed.error()));
        return;
    }
    const Kernel &k = *parsed;
    if (k.width() > MaxEditSide || k.height() > MaxEditSide) {
        showError(tr("Paste refused: the kernel is %1x%2; the grid edits kernels up to %3x%3")
                      .arg(k.width())
                      .arg(k.height())
                      .arg(MaxEditSide));
        return;
    }
    if (!k.isFinite()) {
        showError(tr("Paste refused: the kernel holds a value that is not a finite number"));
        return;
    }
    applyEdit(k);
}

} // namespace ks
