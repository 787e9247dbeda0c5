#include "filterregistry.h"
#include "filtersettings.h"
#include "kernelbuilders.h"
#include "recipe.h"
#include "testimages.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <cmath>

using namespace ks;

class tst_FilterSettings : public QObject
{
    Q_OBJECT

private slots:
    void catalogueCoversEveryKind();
    void gaussianSigmaYIsElliptic();
    void autoSizeIsTheBuiltKernels();
    void parsesSpecs_data();
    void parsesSpecs();
    void specKeysWinOverBase();
    void refusesBadSpecs_data();
    void refusesBadSpecs();
    void specRoundTrips_data();
    void specRoundTrips();
    void jsonRoundTrips_data();
    void jsonRoundTrips();
    void refusesBadJson_data();
    void refusesBadJson();
    void recipeRoundTrips();
    void refusesBadRecipes_data();
    void refusesBadRecipes();
};

namespace {

// Every filter at its defaults, plus variations that exercise the other fields.
QList<FilterSettings> variedSettings()
{
    QList<FilterSettings> list;
    for (const FilterDeclaration *f : allFilters())
        list << FilterSettings(*f);
    FilterSettings motion = filterNamed("motion");
    motion.setValue(u"size", 15);
    motion.setValue(u"angle", -33.25);
    motion.border = BorderMode::Reflect;
    motion.alpha = AlphaMode::Ignore;
    motion.linearLight = true;
    motion.region = QRect(3, 4, 50, 60);
    motion.enabled = false;
    motion.opacity = 62.5;
    motion.channels = 0b1011;
    list << motion;
    FilterSettings custom = filterNamed("custom");
    Kernel anchored(2, 3, {0.1f, -0.2f, 1.0f / 3.0f, 4, 5e-7f, -6});
    anchored.setAnchor(0, 2);
    custom.setKernelValue(u"kernel", anchored);
    custom.setValue(u"factor", 0.125);
    custom.setValue(u"bias", -12.5);
    custom.border = BorderMode::Unfiltered;
    list << custom;
    FilterSettings autoSize = filterNamed("gaussian");
    autoSize.setValue(u"size", 0);
    autoSize.setValue(u"sigma", 0.7);
    autoSize.border = BorderMode::Transparent;
    autoSize.alpha = AlphaMode::Straight;
    list << autoSize;
    FilterSettings complex = filterNamed("deconvolution");
    complex.setKernelValue(u"kernel", Kernel(3, 2, {1, 2, 3, 4, 5, 6}));
    complex.setKernelValue(u"imaginary", Kernel(3, 2, {0, -0.5f, 0.25f, 0, 1, 0}));
    complex.setValue(u"snr", 0.0025);
    complex.setValue(u"brightness", 1);
    complex.setValue(u"grayscale", (true) ? 1.0 : 0.0);
    list << complex;
    FilterSettings bilateral = filterNamed("bilateral");
    bilateral.setValue(u"size", 9);
    bilateral.setValue(u"spatial-factor", 3.5);
    bilateral.setValue(u"spatial-power", 1);
    bilateral.setValue(u"color-factor", 20);
    bilateral.setValue(u"color-power", 0.5);
    list << bilateral;
    return list;
}

void addVariedRows()
{
    QTest::addColumn<FilterSettings>("settings");
    int i = 0;
    for (const FilterSettings &s : variedSettings())
        QTest::addRow("%d %s", i++, s.filter().name) << s;
}

} // namespace

void tst_FilterSettings::catalogueCoversEveryKind()
{
    QSet<QString> names;
    for (const FilterDeclaration *info : allFilters()) {
        names.insert(QLatin1String(info->name));
        const FilterSettings defaults(*info);
        QVERIFY2(validate(defaults).ok(), qPrintable(validate(defaults).error()));
        QVERIFY(defaults.kernel().isFinite());
        QCOMPARE(findFilter(QLatin1String(info->name)), info);
    }
    QCOMPARE(names.size(), qsizetype(allFilters().size()));
}

// sigma-y makes the Gaussian elliptic: the outer product of two sampled 1-D Gaussians, as wide
// as the larger sigma asks, still separable so it runs as two passes.
void tst_FilterSettings::gaussianSigmaYIsElliptic()
{
    const Result<FilterSettings> step = parseFilterSpec(QStringLiteral("gaussian:sigma=1,sigma-y=3"));
    QVERIFY2(step.ok(), qPrintable(step.error()));
    const Kernel k = step->kernel();
    QCOMPARE(k.width(), 19); // 2 * ceil(3 * 3) + 1
    QCOMPARE(k.height(), 19);
    QVERIFY(k.isSeparable());
    double total = 0;
    for (int y = -9; y <= 9; ++y)
        for (int x = -9; x <= 9; ++x)
            total += std::exp(-x * x / 2.0) * std::exp(-y * y / 18.0);
    for (int y = -9; y <= 9; ++y)
        for (int x = -9; x <= 9; ++x)
            QVERIFY(std::abs(k.at(x + 9, y + 9) - std::exp(-x * x / 2.0) * std::exp(-y * y / 18.0) / total) < 1e-6);
    // 0 (the default) and the same value keep it round: the plain Gaussian.
    QCOMPARE(parseFilterSpec(QStringLiteral("gaussian:sigma=3,sigma-y=3"))->kernel(), gaussian(0, 3));
    QCOMPARE(parseFilterSpec(QStringLiteral("gaussian:sigma=3"))->kernel(), gaussian(0, 3));
    QVERIFY(!parseFilterSpec(QStringLiteral("gaussian:sigma=3,sigma-y=-1")).ok());
    QCOMPARE(filterSpec(*step), QStringLiteral("gaussian:size=0,sigma=1,sigma-y=3"));
}

// The editor shows an Auto size without building the kernel (autoGaussianSize); it must be the
// side kernel() builds, for every filter with an Auto size and any sigmas.
void tst_FilterSettings::autoSizeIsTheBuiltKernels()
{
    int checked = 0;
    for (const FilterDeclaration *info : allFilters()) {
        const ParamDeclaration *size = info->param(u"size");
        if (!size || !size->zeroMeansAuto || size->type != ParamType::Size)
            continue;
        for (double sigma : {0.01, 0.4, 1.5, 2.0, 7.3, 40.0})
            for (double sigmaY : {0.0, 0.3, 5.5}) {
                FilterSettings step(*info);
                step.setValue(u"size", 0);
                step.setValue(u"sigma", sigma);
                if (info->param(u"sigma-y"))
                    step.setValue(u"sigma-y", sigmaY);
                const Kernel k = step.kernel();
                QCOMPARE(step.autoGaussianSize(), std::max(k.width(), k.height()));
                ++checked;
            }
    }
    QVERIFY(checked >= 3 * 18); // gaussian, gaussian-sharpen and gauss-wiener at least
}

void tst_FilterSettings::parsesSpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<FilterSettings>("expected");

    FilterSettings gauss = filterNamed("gaussian");
    gauss.setValue(u"size", 5);
    gauss.setValue(u"sigma", 1.5);
    QTest::newRow("gaussian") << "gaussian:size=5,sigma=1.5" << gauss;
    QTest::newRow("spaces and case") << "  Gaussian : Size = 5 , SIGMA=1.5 " << gauss;

    FilterSettings motion = filterNamed("motion");
    motion.setValue(u"size", 7);
    motion.setValue(u"angle", 45);
    QTest::newRow("motion") << "motion:size=7,angle=45" << motion;

    FilterSettings custom = filterNamed("custom");
    custom.setKernelValue(u"kernel", sharpen3x3());
    QTest::newRow("custom") << R"(custom:kernel="3x3: 0,-1,0,-1,5,-1,0,-1,0",factor=1,bias=0)" << custom;
    custom.setValue(u"factor", 0.5);
    custom.setValue(u"bias", 10);
    QTest::newRow("factor before kernel")
        << R"(custom:factor=0.5,bias=10,kernel="3x3: 0,-1,0,-1,5,-1,0,-1,0")" << custom;

    QTest::newRow("no parameters") << "sharpen3x3" << filterNamed("sharpen3x3");

    FilterSettings common = filterNamed("box");
    common.setValue(u"size", 4);
    common.border = BorderMode::Wrap;
    common.alpha = AlphaMode::Straight;
    common.linearLight = true;
    common.region = QRect(1, 2, 30, 40);
    QTest::newRow("common keys") << "box:size=4,border=wrap,alpha=straight,linear=yes,region=1;2;30;40" << common;
    QTest::newRow("quoted region") << R"(box:size=4,border=wrap,alpha=straight,linear=1,region="1,2,30,40")" << common;
}

void tst_FilterSettings::parsesSpecs()
{
    QFETCH(QString, spec);
    QFETCH(FilterSettings, expected);
    const Result<FilterSettings> parsed = parseFilterSpec(spec);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(*parsed, expected);
}

void tst_FilterSettings::specKeysWinOverBase()
{
    FilterSettings base;
    base.border = BorderMode::Reflect;
    base.alpha = AlphaMode::Ignore;
    base.linearLight = true;
    const Result<FilterSettings> inherited = parseFilterSpec(QStringLiteral("box:size=3"), base);
    QVERIFY(inherited.ok());
    QCOMPARE(inherited->border, BorderMode::Reflect);
    QCOMPARE(inherited->alpha, AlphaMode::Ignore);
    QVERIFY(inherited->linearLight);
    const Result<FilterSettings> own = parseFilterSpec(QStringLiteral("box:size=3,border=wrap,linear=false"), base);
    QVERIFY(own.ok());
    QCOMPARE(own->border, BorderMode::Wrap);
    QVERIFY(!own->linearLight);
}

void tst_FilterSettings::refusesBadSpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("empty") << "" << QStringList{"empty", "gaussian"};
    QTest::newRow("unknown filter") << "blurry:size=3" << QStringList{"blurry", "known", "motion"};
    QTest::newRow("unknown key") << "gaussian:radius=3" << QStringList{"radius", "size, sigma"};
    QTest::newRow("sigma too small") << "gaussian:sigma=0" << QStringList{"sigma", "0.01", "got 0"};
    QTest::newRow("sigma not a number") << "gaussian:sigma=abc" << QStringList{"sigma", "abc"};
    QTest::newRow("even gaussian") << "gaussian:size=4" << QStringList{"size", "odd", "got 4"};
    QTest::newRow("fractional size") << "box:size=4.5" << QStringList{"size", "whole", "4.5"};
    QTest::newRow("opacity above 100") << "box:opacity=150" << QStringList{"opacity", "0 to 100", "150"};
    QTest::newRow("opacity not a number") << "box:opacity=half" << QStringList{"opacity", "half"};
    QTest::newRow("unknown channel") << "box:channels=rgbx" << QStringList{"channels", "r, g, b", "rgbx"};
    QTest::newRow("no channel") << "box:channels=" << QStringList{"channels"};
    QTest::newRow("huge size") << "box:size=5000" << QStringList{"size", "1001"};
    QTest::newRow("angle out of range") << "motion:angle=720" << QStringList{"angle", "360"};
    QTest::newRow("missing equals") << "motion:size" << QStringList{"key=value", "size"};
    QTest::newRow("unbalanced quote") << R"(custom:kernel="3x3: 1)" << QStringList{"quote"};
    QTest::newRow("bad kernel text") << R"(custom:kernel="3x3: 1,2")" << QStringList{"kernel", "9"};
    QTest::newRow("nan kernel") << R"(custom:kernel="1x1: nan")" << QStringList{"kernel"};
    QTest::newRow("bad border") << "box:border=mirror" << QStringList{"mirror", "reflect"};
    QTest::newRow("bad alpha") << "box:alpha=none" << QStringList{"none", "premultiplied"};
    QTest::newRow("bad linear") << "box:linear=maybe" << QStringList{"linear", "maybe"};
    QTest::newRow("bad region") << "box:region=1;2;3" << QStringList{"region"};
    QTest::newRow("empty region") << "box:region=1;2;0;5" << QStringList{"region", "positive"};
    QTest::newRow("infinite factor") << "custom:factor=inf" << QStringList{"factor"};
    QTest::newRow("even median") << "median:size=4" << QStringList{"median", "size", "odd", "3", "101"};
    QTest::newRow("median too large") << "median:size=103" << QStringList{"size", "101"};
    QTest::newRow("bad grayscale") << "gauss-wiener:grayscale=2" << QStringList{"grayscale", "true or false"};
    QTest::newRow("zero snr") << "gauss-wiener:snr=0" << QStringList{"snr", "got 0"};
    QTest::newRow("imaginary size") << R"(deconvolution:kernel="3x3: 1,1,1,1,1,1,1,1,1",imaginary="2x2: 0,0,0,0")"
                                    << QStringList{"imaginary", "2x2", "3x3"};
    QTest::newRow("bilateral power") << "bilateral:color-power=0" << QStringList{"color-power", "0.1"};
}

void tst_FilterSettings::refusesBadSpecs()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, mentions);
    const Result<FilterSettings> parsed = parseFilterSpec(spec);
    QVERIFY(!parsed.ok());
    QVERIFY(!parsed.error().contains(u'\n'));
    for (const QString &word : mentions)
        QVERIFY2(parsed.error().contains(word, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("'%1' does not mention '%2'").arg(parsed.error(), word)));
}

void tst_FilterSettings::specRoundTrips_data()
{
    addVariedRows();
}

void tst_FilterSettings::specRoundTrips()
{
    QFETCH(FilterSettings, settings);
    const QString spec = filterSpec(settings);
    const Result<FilterSettings> parsed = parseFilterSpec(spec);
    QVERIFY2(parsed.ok(), qPrintable(spec + QStringLiteral(": ") + parsed.error()));
    QCOMPARE(*parsed, settings);
}

void tst_FilterSettings::jsonRoundTrips_data()
{
    addVariedRows();
}

void tst_FilterSettings::jsonRoundTrips()
{
    QFETCH(FilterSettings, settings);
    // Through text, as a preset file would go.
    const QByteArray text = QJsonDocument(filterToJson(settings)).toJson();
    const Result<FilterSettings> parsed = filterFromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(*parsed, settings);
}

void tst_FilterSettings::refusesBadJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mention");
    QTest::newRow("no filter") << QByteArray(R"({"size": 3})") << "filter";
    QTest::newRow("unknown filter") << QByteArray(R"({"filter": "blurry"})") << "blurry";
    QTest::newRow("wrong type") << QByteArray(R"({"filter": "box", "size": [3]})") << "size";
    QTest::newRow("out of range") << QByteArray(R"({"filter": "gaussian", "sigma": -1})") << "sigma";
    QTest::newRow("unknown key") << QByteArray(R"({"filter": "box", "colour": "red"})") << "colour";
    QTest::newRow("bad region") << QByteArray(R"({"filter": "box", "region": [1, 2]})") << "region";
}

void tst_FilterSettings::refusesBadJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mention);
    const Result<FilterSettings> parsed = filterFromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().contains(mention), qPrintable(parsed.error()));
}

void tst_FilterSettings::recipeRoundTrips()
{
    Recipe recipe;
    recipe.steps = variedSettings();
    const Result<Recipe> parsed = recipeFromJson(recipeToJson(recipe));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(*parsed, recipe);
    QCOMPARE(recipeFromJson(recipeToJson(Recipe{}))->steps.size(), 0);
}

void tst_FilterSettings::refusesBadRecipes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mention");
    QTest::newRow("not json") << QByteArray("{steps: ") << "not valid JSON";
    QTest::newRow("no marker") << QByteArray(R"({"steps": []})") << "not a Kernel Studio recipe";
    QTest::newRow("newer") << QByteArray(R"({"format": "kernel-studio-recipe", "version": 9, "steps": []})") << "newer";
    QTest::newRow("steps not array") << QByteArray(R"({"format": "kernel-studio-recipe", "version": 1, "steps": 3})")
                                     << "steps";
    QTest::newRow("bad second step")
        << QByteArray(
               R"({"format": "kernel-studio-recipe", "version": 1, "steps": [{"filter": "box"}, {"filter": "x"}]})")
        << "step 2";
}

void tst_FilterSettings::refusesBadRecipes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mention);
    const Result<Recipe> parsed = recipeFromJson(json);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().contains(mention), qPrintable(parsed.error()));
}

QTEST_GUILESS_MAIN(tst_FilterSettings)
#include "tst_filtersettings.moc"
