// Presets in core: the built-in list and the presets file format.
#include "filterregistry.h"
#include "filtersettings.h"
#include "presets.h"
#include "testimages.h"

#include <QSet>
#include <QTest>

using namespace ks;

class tst_Presets : public QObject
{
    Q_OBJECT

private slots:
    void builtInsAreValidAndUnique();
    void builtInsHoldEveryReferenceStep();
    void builtInsHaveCommonBlursAndSharpens_data();
    void builtInsHaveCommonBlursAndSharpens();
    void roundTrip();
    void refusesBadFiles_data();
    void refusesBadFiles();
};

void tst_Presets::builtInsAreValidAndUnique()
{
    const QList<Preset> presets = builtInPresets();
    QVERIFY(presets.size() > 16);
    QSet<QString> names;
    for (const Preset &preset : presets) {
        QVERIFY2(!preset.name.isEmpty(), "a preset without a name");
        QVERIFY2(!names.contains(preset.name), qPrintable(preset.name));
        names.insert(preset.name);
        QVERIFY2(!preset.recipe.steps.isEmpty(), qPrintable(preset.name));
        for (const FilterSettings &step : preset.recipe.steps)
            QVERIFY2(validate(step).ok(), qPrintable(preset.name + QStringLiteral(": ") + validate(step).error()));
    }
}

void tst_Presets::builtInsHoldEveryReferenceStep()
{
    const QList<Preset> presets = builtInPresets();
    const Recipe example = referenceExample();
    QCOMPARE(example.steps.size(), 16);
    for (qsizetype i = 0; i < example.steps.size(); ++i) {
        const QString prefix = QStringLiteral("Reference %1: ").arg(i + 1);
        const auto found =
            std::find_if(presets.begin(), presets.end(), [&](const Preset &p) { return p.name.startsWith(prefix); });
        QVERIFY2(found != presets.end(), qPrintable(prefix));
        QCOMPARE(found->recipe.steps.size(), 1);
        QCOMPARE(found->recipe.steps.first(), example.steps[i]);
    }
    QCOMPARE(presets.first().name, QStringLiteral("Reference 1: Emboss 3×3"));
}

void tst_Presets::builtInsHaveCommonBlursAndSharpens_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("filter");
    QTest::newRow("soft blur") << QStringLiteral("Soft blur") << QStringLiteral("gaussian");
    QTest::newRow("strong blur") << QStringLiteral("Strong blur") << QStringLiteral("gaussian");
    QTest::newRow("box 9") << QStringLiteral("Box blur 9") << QStringLiteral("box");
    QTest::newRow("unsharp") << QStringLiteral("Unsharp mask") << QStringLiteral("gaussian-sharpen");
    QTest::newRow("strong sharpen") << QStringLiteral("Strong sharpen") << QStringLiteral("gaussian-sharpen");
    QTest::newRow("median") << QStringLiteral("Denoise (median 3)") << QStringLiteral("median");
    QTest::newRow("bilateral") << QStringLiteral("Smooth (bilateral)") << QStringLiteral("bilateral");
}

void tst_Presets::builtInsHaveCommonBlursAndSharpens()
{
    QFETCH(QString, name);
    QFETCH(QString, filter);
    const QList<Preset> presets = builtInPresets();
    const auto found = std::find_if(presets.begin(), presets.end(), [&](const Preset &p) { return p.name == name; });
    QVERIFY2(found != presets.end(), qPrintable(name));
    QCOMPARE(QLatin1String(found->recipe.steps.first().filter().name), filter);
}

void tst_Presets::roundTrip()
{
    QList<Preset> presets = builtInPresets();
    FilterSettings disabled = filterNamed("motion");
    disabled.setValue(u"angle", 30);
    disabled.enabled = false;
    disabled.region = QRect(1, 2, 30, 40);
    presets.append({QStringLiteral("Mine: two steps"), Recipe{{filterNamed("sharpen3x3"), disabled}}});
    const Result<QList<Preset>> parsed = presetsFromJson(presetsToJson(presets));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(*parsed, presets);
    QVERIFY(presetsToJson(presets).contains("\"format\": \"kernel-studio-presets\""));

    const Result<QList<Preset>> empty = presetsFromJson(presetsToJson({}));
    QVERIFY2(empty.ok(), qPrintable(empty.error()));
    QVERIFY(empty->isEmpty());
}

void tst_Presets::refusesBadFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    const QByteArray head = R"({"format": "kernel-studio-presets", "version": 1, "presets": )";
    QTest::newRow("not json") << QByteArray("{ nope") << QStringLiteral("not valid JSON");
    QTest::newRow("a recipe") << QByteArray(R"({"format": "kernel-studio-recipe", "version": 1, "steps": []})")
                              << QStringLiteral("not a Kernel Studio presets file");
    QTest::newRow("newer") << QByteArray(R"({"format": "kernel-studio-presets", "version": 7, "presets": []})")
                           << QStringLiteral("version 7 is newer");
    QTest::newRow("no list") << head + "3}" << QStringLiteral("needs \"presets\"");
    QTest::newRow("not an object") << head + "[1]}" << QStringLiteral("preset 1 is not an object");
    QTest::newRow("no name") << head + R"([{"steps": [{"filter": "box"}]}]})"
                             << QStringLiteral("preset 1 needs a \"name\"");
    QTest::newRow("no steps") << head + R"([{"name": "A", "steps": []}]})"
                              << QStringLiteral("preset \"A\" needs \"steps\"");
    QTest::newRow("duplicate") << head + R"([{"name": "A", "steps": [{"filter": "box"}]},
                                             {"name": "A", "steps": [{"filter": "box"}]}]})"
                               << QStringLiteral("two presets are called \"A\"");
    QTest::newRow("unknown filter") << head + R"([{"name": "A", "steps": [{"filter": "box"}, {"filter": "zoom"}]}]})"
                                    << QStringLiteral("preset \"A\", step 2: unknown filter 'zoom'");
    QTest::newRow("out of range") << head + R"([{"name": "B", "steps": [{"filter": "box", "size": -4}]}]})"
                                  << QStringLiteral("preset \"B\", step 1:");
}

void tst_Presets::refusesBadFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    const Result<QList<Preset>> parsed = presetsFromJson(json);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().contains(reason), qPrintable(parsed.error()));
}

QTEST_GUILESS_MAIN(tst_Presets)
#include "tst_presets.moc"
