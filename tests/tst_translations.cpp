// The translation pipeline end to end: the German .qm built from resources/translations is
// embedded, found for German locales, and turns the main window's menus German; English stays.
#include "filterregistry.h"
#include "filtersettings.h"
#include "mainwindow.h"
#include "stackpanel.h"
#include "translations.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QMenuBar>
#include <QSet>
#include <QXmlStreamReader>
#include <QStandardPaths>
#include <QTest>

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { ks::installTranslations(QLocale(QLocale::English)); }
    void menusFollowTheLocale_data();
    void menusFollowTheLocale();
    void pluralForms();
    void everyStringIsTranslated();
    void newerPartsAreGerman();
    void filterWordsAreInTheCatalogue();
    void filtersSpeakGerman();
    void englishPluralForms_data();
    void englishPluralForms();
};

void tst_Translations::menusFollowTheLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QStringList>("menus");
    QTest::newRow("de_DE") << "de_DE" << true << QStringList{"&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe"};
    QTest::newRow("de_AT falls back to de") << "de_AT" << true << QStringList{"&Datei", "&Bearbeiten"};
    QTest::newRow("en_US") << "en_US" << false << QStringList{"&File", "&Edit", "&View", "&Help"};
}

void tst_Translations::menusFollowTheLocale()
{
    QFETCH(QString, locale);
    QFETCH(bool, found);
    QFETCH(QStringList, menus);
    QCOMPARE(ks::installTranslations(QLocale(locale)), found);
    ks::MainWindow window;
    QStringList titles;
    for (QAction *action : window.menuBar()->actions())
        titles << action->text();
    for (const QString &menu : menus)
        QVERIFY2(titles.contains(menu), qPrintable(titles.join(u' ')));
}

void tst_Translations::pluralForms()
{
    QVERIFY(ks::installTranslations(QLocale(QStringLiteral("de_DE"))));
    QCOMPARE(QCoreApplication::translate("ks::PresetMenu", "Imported %n preset(s)", nullptr, 1),
             QStringLiteral("1 Vorgabe importiert"));
    QCOMPARE(QCoreApplication::translate("ks::PresetMenu", "Imported %n preset(s)", nullptr, 3),
             QStringLiteral("3 Vorgaben importiert"));
}

// lupdate marks a string it found new as unfinished; the German file must have none of those.
void tst_Translations::everyStringIsTranslated()
{
    QFile file(QStringLiteral(KS_TS_FILE));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    QString source;
    QStringList missing;
    int messages = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            ++messages;
            const bool unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (unfinished || text.trimmed().isEmpty())
                missing << source;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 250);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
}

void tst_Translations::newerPartsAreGerman()
{
    QVERIFY(ks::installTranslations(QLocale(QStringLiteral("de_DE"))));
    ks::MainWindow window;
    QCOMPARE(window.findChild<QAction *>(QStringLiteral("actionCloseImage"))->text(), QStringLiteral("Bild &schließen"));
    QCOMPARE(window.findChild<QAction *>(QStringLiteral("actionPasteImage"))->text(), QStringLiteral("Bild &einfügen"));
    QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("histogramDock"))->windowTitle(), QStringLiteral("Histogramm"));
}

// Every word a filter declaration shows reached the German file: core/filters/ marks them with
// QT_TRANSLATE_NOOP, and a word left unmarked would stay English in the German editor.
void tst_Translations::filterWordsAreInTheCatalogue()
{
    QFile file(QStringLiteral(KS_TS_FILE));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    QString context;
    QSet<QString> sources;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"name")
            context = xml.readElementText();
        else if (xml.name() == u"source" && context == u"ks::FilterDeclaration")
            sources.insert(xml.readElementText());
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QStringList words;
    for (const ks::FilterDeclaration *filter : ks::allFilters()) {
        words << QString::fromUtf8(filter->displayName) << QString::fromUtf8(filter->description);
        for (const ks::ParamDeclaration &p : filter->params) {
            words << QString::fromUtf8(p.label);
            if (p.zeroMeansAuto)
                words << QString::fromUtf8(p.zeroLabel);
        }
    }
    QStringList missing;
    for (const QString &word : words)
        if (!sources.contains(word))
            missing << word;
    QVERIFY(words.size() > 50);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
}

// The filter chooser, the parameter labels and the stack's summaries in German; English unchanged,
// lower-case labels in the summary included (German nouns keep their capital).
void tst_Translations::filtersSpeakGerman()
{
    ks::FilterSettings median(*ks::findFilter(u"median"));
    median.setValue(u"size", 5);
    QCOMPARE(ks::StackPanel::stepSummary(median), QStringLiteral("Median — size 5"));

    QVERIFY(ks::installTranslations(QLocale(QStringLiteral("de_DE"))));
    QCOMPARE(ks::StackPanel::stepSummary(median), QStringLiteral("Median — Größe 5"));
    ks::MainWindow window;
    auto *chooser = window.findChild<QComboBox *>(QStringLiteral("filterChooser"));
    QVERIFY(chooser);
    const int gaussian = chooser->findData(QStringLiteral("gaussian"));
    QVERIFY(gaussian >= 0);
    QCOMPARE(chooser->itemText(gaussian), QStringLiteral("Gaußscher Weichzeichner"));
    QVERIFY2(chooser->itemData(gaussian, Qt::ToolTipRole).toString().startsWith(QStringLiteral("w(x, y) = exp")),
             qPrintable(chooser->itemData(gaussian, Qt::ToolTipRole).toString()));
    QVERIFY(chooser->itemData(gaussian, Qt::ToolTipRole).toString().contains(QStringLiteral("abgetastet")));
}

// Without a translation of its own a language still gets "1 step", not "1 step(s)".
void tst_Translations::englishPluralForms_data()
{
    QTest::addColumn<QString>("locale");
    QTest::newRow("en_US") << "en_US";
    QTest::newRow("fr_FR (no translation)") << "fr_FR";
}

void tst_Translations::englishPluralForms()
{
    QFETCH(QString, locale);
    ks::installTranslations(QLocale(locale));
    const auto opened = [](int n) {
        return QCoreApplication::translate("ks::MainWindow", "Opened %1 (%n step(s))", nullptr, n);
    };
    QCOMPARE(opened(1), QStringLiteral("Opened %1 (1 step)"));
    QCOMPARE(opened(3), QStringLiteral("Opened %1 (3 steps)"));
    QCOMPARE(QCoreApplication::translate("ks::PresetMenu", "Imported %n preset(s)", nullptr, 1),
             QStringLiteral("Imported 1 preset"));
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
