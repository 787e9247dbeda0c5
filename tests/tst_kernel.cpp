// The Kernel value type and every builder, checked against the specification in kernel.h and
// kernelbuilders.h (and the filter definitions they name), not against the implementation.

#include "kernel.h"
#include "kernelbuilders.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace ks;

namespace {

Kernel fromValues(int width, int height, std::initializer_list<float> values)
{
    return Kernel(width, height, std::vector<float>(values));
}

Kernel outerProduct(const std::vector<float> &column, const std::vector<float> &row)
{
    std::vector<float> w;
    for (float c : column)
        for (float r : row)
            w.push_back(c * r);
    return Kernel(int(row.size()), int(column.size()), std::move(w));
}

Kernel sumOf(const Kernel &a, const Kernel &b)
{
    std::vector<float> w(a.weights());
    for (size_t i = 0; i < w.size(); ++i)
        w[i] += b.weights()[i];
    return Kernel(a.width(), a.height(), std::move(w));
}

std::vector<float> randomVector(int n, QRandomGenerator &random)
{
    std::vector<float> v(static_cast<size_t>(n));
    for (float &x : v)
        x = float(random.generateDouble() * 4.0 - 1.0);
    return v;
}

Kernel randomKernel(int width, int height, QRandomGenerator &random)
{
    return Kernel(width, height, randomVector(width * height, random));
}

double maxAbs(const Kernel &k)
{
    double m = 0;
    for (float w : k.weights())
        m = std::max(m, double(std::fabs(w)));
    return m;
}

double effectiveAt(const Kernel &k, int x, int y)
{
    return k.factor() * double(k.at(x, y));
}

bool isWhole(float v)
{
    return std::isfinite(v) && std::nearbyint(v) == v;
}

// The largest |a - b| over all cells; infinity when the sizes differ, so it fails every bound.
double maxDifference(const Kernel &a, const Kernel &b)
{
    if (a.width() != b.width() || a.height() != b.height())
        return std::numeric_limits<double>::infinity();
    double d = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            d = std::max(d, std::fabs(effectiveAt(a, x, y) - effectiveAt(b, x, y)));
    return d;
}

Kernel transposed(const Kernel &k)
{
    Kernel t(k.height(), k.width(), std::vector<float>(k.weights().size()));
    for (int y = 0; y < k.height(); ++y)
        for (int x = 0; x < k.width(); ++x)
            t.set(y, x, k.at(x, y));
    t.setFactor(k.factor());
    return t;
}

Kernel mirroredX(const Kernel &k)
{
    Kernel m = k;
    for (int y = 0; y < k.height(); ++y)
        for (int x = 0; x < k.width(); ++x)
            m.set(x, y, k.at(k.width() - 1 - x, y));
    return m;
}

Kernel rotated180(const Kernel &k)
{
    Kernel r = k;
    for (int y = 0; y < k.height(); ++y)
        for (int x = 0; x < k.width(); ++x)
            r.set(x, y, k.at(k.width() - 1 - x, k.height() - 1 - y));
    return r;
}

QString describe(const Kernel &k)
{
    QString text = QStringLiteral("%1x%2 factor %3:").arg(k.width()).arg(k.height()).arg(k.factor());
    for (int y = 0; y < std::min(k.height(), 9); ++y) {
        text += QStringLiteral("\n  ");
        for (int x = 0; x < std::min(k.width(), 9); ++x)
            text += QString::number(double(k.at(x, y)), 'g', 6) + u' ';
    }
    return text;
}

} // namespace

class tst_Kernel : public QObject
{
    Q_OBJECT

private slots:
    // The value type
    void defaultIsIdentity();
    void anchorIsCentreFloorForEven_data();
    void anchorIsCentreFloorForEven();
    void storesWeightsRowMajor();
    void sumAndEffectiveSum_data();
    void sumAndEffectiveSum();
    void normalizedSumsToOne_data();
    void normalizedSumsToOne();
    void normalizedLeavesZeroSumUnchanged_data();
    void normalizedLeavesZeroSumUnchanged();
    void knowsWhetherFinite_data();
    void knowsWhetherFinite();
    void factorsReproduceRankOneKernels_data();
    void factorsReproduceRankOneKernels();
    void noFactorsForHigherRank_data();
    void noFactorsForHigherRank();
    void zeroKernelFactorsAreZeroIfAny();
    void integerKernelsGiveIntegerFactors_data();
    void integerKernelsGiveIntegerFactors();
    void binomialFactorsAreOneFourSixFourOne();

    // Builders
    void gaussianIsSampledAndNormalized_data();
    void gaussianIsSampledAndNormalized();
    void gaussian1DIsItsFactor_data();
    void gaussian1DIsItsFactor();
    void gaussianSizeForSigmaCoversThreeSigma();
    void gaussianOfSizeZeroPicksTheSize();
    void buildersNeverFail_data();
    void buildersNeverFail();
    void boxIsUniform_data();
    void boxIsUniform();
    void motionIsALineThroughTheCentre_data();
    void motionIsALineThroughTheCentre();
    void motionAlongAnAxis_data();
    void motionAlongAnAxis();
    void motionAlongTheDiagonal_data();
    void motionAlongTheDiagonal();
    void fixedKernelsHaveTheirValues_data();
    void fixedKernelsHaveTheirValues();
    void effectiveSums_data();
    void effectiveSums();
    void sharpen5x5HasPositiveCentreAndNegativeRing();
    void emboss5x5IsFiveByFive();
    void identityChangesNothing();
    void gaussianSharpenIsUnsharpMask_data();
    void gaussianSharpenIsUnsharpMask();
};

// ---------------------------------------------------------------------------------------------
// The value type

void tst_Kernel::defaultIsIdentity()
{
    const Kernel k;
    QCOMPARE(k.width(), 1);
    QCOMPARE(k.height(), 1);
    QCOMPARE(k.weights(), std::vector<float>{1.0f});
    QCOMPARE(k.anchorX(), 0);
    QCOMPARE(k.anchorY(), 0);
    QVERIFY(k.hasCentredAnchor());
    QVERIFY(k.factor() == 1.0);
    QVERIFY(k.bias() == 0.0);
    QVERIFY(k.sum() == 1.0);
    QVERIFY(k.effectiveSum() == 1.0);
    QVERIFY(k.isFinite());
}

void tst_Kernel::anchorIsCentreFloorForEven_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("anchorX");
    QTest::addColumn<int>("anchorY");
    // (side - 1) / 2: the middle of an odd side, the cell left of / above the middle of an even one.
    QTest::newRow("1x1") << 1 << 1 << 0 << 0;
    QTest::newRow("2x2") << 2 << 2 << 0 << 0;
    QTest::newRow("3x3") << 3 << 3 << 1 << 1;
    QTest::newRow("4x4") << 4 << 4 << 1 << 1;
    QTest::newRow("5x5") << 5 << 5 << 2 << 2;
    QTest::newRow("5x2") << 5 << 2 << 2 << 0;
    QTest::newRow("1x6") << 1 << 6 << 0 << 2;
    QTest::newRow("7x4") << 7 << 4 << 3 << 1;
    QTest::newRow("1001x1") << 1001 << 1 << 500 << 0;
}

void tst_Kernel::anchorIsCentreFloorForEven()
{
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, anchorX);
    QFETCH(int, anchorY);
    Kernel k(width, height, std::vector<float>(size_t(width) * size_t(height), 1.0f));
    QCOMPARE(k.anchorX(), anchorX);
    QCOMPARE(k.anchorY(), anchorY);
    QVERIFY(k.hasCentredAnchor());

    k.setAnchor(width - 1, height - 1);
    QCOMPARE(k.anchorX(), width - 1);
    QCOMPARE(k.anchorY(), height - 1);
    QCOMPARE(k.hasCentredAnchor(), width - 1 == anchorX && height - 1 == anchorY);

    k.setAnchor(width + 5, -3); // clamped into the kernel
    QCOMPARE(k.anchorX(), width - 1);
    QCOMPARE(k.anchorY(), 0);
    k.setAnchor(-1, 1 << 30);
    QCOMPARE(k.anchorX(), 0);
    QCOMPARE(k.anchorY(), height - 1);

    k.setAnchor(anchorX, anchorY);
    QVERIFY(k.hasCentredAnchor());
}

void tst_Kernel::storesWeightsRowMajor()
{
    Kernel k = fromValues(3, 2, {1, 2, 3, 4, 5, 6});
    QCOMPARE(k.at(2, 0), 3.0f);
    QCOMPARE(k.at(0, 1), 4.0f);
    k.set(1, 1, 9.0f);
    QCOMPARE(k.weights(), (std::vector<float>{1, 2, 3, 4, 9, 6}));

    const Kernel copy = k;
    QVERIFY(copy == k);
    Kernel other = k;
    other.setFactor(0.5);
    QVERIFY(!(other == k));
    other = k;
    other.setAnchor(0, 0);
    QVERIFY(!(other == k));
    other = k;
    other.set(0, 0, 1.5f);
    QVERIFY(!(other == k));
}

void tst_Kernel::sumAndEffectiveSum_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("sum");
    QTest::newRow("1..4, factor 0.5") << fromValues(2, 2, {1, 2, 3, 4}) << 0.5 << 10.0;
    QTest::newRow("negative, factor 3") << fromValues(3, 1, {-1, -2, 0.5f}) << 3.0 << -2.5;
    QTest::newRow("zero sum, factor 2") << fromValues(3, 1, {-1, 0, 1}) << 2.0 << 0.0;
    QTest::newRow("0.1 ten times") << Kernel(10, 1, std::vector<float>(10, 0.1f)) << 1.0 << double(0.1f) * 10;
    QTest::newRow("binomial weights, 1/256") << Kernel(5, 5, binomial5x5().weights()) << 1.0 / 256 << 256.0;
}

void tst_Kernel::sumAndEffectiveSum()
{
    QFETCH(Kernel, kernel);
    QFETCH(double, factor);
    QFETCH(double, sum);
    kernel.setFactor(factor);
    kernel.setBias(17); // bias is added after the sum, never part of it
    QVERIFY2(std::fabs(kernel.sum() - sum) <= 1e-12 * std::max(1.0, std::fabs(sum)),
             qPrintable(QString::number(kernel.sum(), 'g', 17)));
    QVERIFY2(std::fabs(kernel.effectiveSum() - factor * sum) <= 1e-12 * std::max(1.0, std::fabs(factor * sum)),
             qPrintable(QString::number(kernel.effectiveSum(), 'g', 17)));
}

void tst_Kernel::normalizedSumsToOne_data()
{
    QTest::addColumn<Kernel>("kernel");
    Kernel k = fromValues(2, 2, {1, 2, 3, 4});
    QTest::newRow("1..4") << k;
    k.setFactor(0.5);
    k.setBias(7);
    k.setAnchor(0, 0);
    QTest::newRow("1..4, factor, bias, anchor") << k;
    QTest::newRow("negative sum") << fromValues(3, 1, {-1, -3, 0.5f});
    QTest::newRow("binomial, factor 1/256") << binomial5x5();
    QTest::newRow("sharpen5x5") << sharpen5x5();
    QTest::newRow("already normalised") << gaussian(7, 1.3);
    QTest::newRow("1x1") << fromValues(1, 1, {4});
    QRandomGenerator random(7);
    QTest::newRow("random 6x3") << randomKernel(6, 3, random);
}

void tst_Kernel::normalizedSumsToOne()
{
    QFETCH(Kernel, kernel);
    const Kernel n = kernel.normalized();
    QVERIFY(n.factor() == 1.0);
    QVERIFY2(std::fabs(n.sum() - 1.0) < 1e-6, qPrintable(describe(n)));
    QVERIFY(std::fabs(n.effectiveSum() - 1.0) < 1e-6);
    // A copy: the same shape, anchor and bias, the weights scaled by one common number.
    QCOMPARE(n.width(), kernel.width());
    QCOMPARE(n.height(), kernel.height());
    QCOMPARE(n.anchorX(), kernel.anchorX());
    QCOMPARE(n.anchorY(), kernel.anchorY());
    QVERIFY(n.bias() == kernel.bias());
    const double scale = 1.0 / kernel.effectiveSum();
    for (int y = 0; y < kernel.height(); ++y)
        for (int x = 0; x < kernel.width(); ++x)
            QVERIFY2(std::fabs(n.at(x, y) - effectiveAt(kernel, x, y) * scale) <= 1e-6 * maxAbs(n),
                     qPrintable(describe(n)));
}

void tst_Kernel::normalizedLeavesZeroSumUnchanged_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::newRow("laplace4") << laplace4();
    QTest::newRow("laplace8") << laplace8();
    QTest::newRow("sobelX") << sobelX();
    QTest::newRow("sobelY") << sobelY();
    QTest::newRow("all zero") << Kernel(3, 3, std::vector<float>(9, 0.0f));
    Kernel k = fromValues(3, 1, {-2, 0, 2});
    k.setFactor(3);
    k.setBias(128);
    k.setAnchor(2, 0);
    QTest::newRow("zero sum with factor, bias, anchor") << k;
}

void tst_Kernel::normalizedLeavesZeroSumUnchanged()
{
    QFETCH(Kernel, kernel);
    QVERIFY(kernel.normalized() == kernel);
}

void tst_Kernel::knowsWhetherFinite_data()
{
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    QTest::addColumn<Kernel>("kernel");
    QTest::addColumn<bool>("finite");
    Kernel k = fromValues(2, 2, {1, 2, 3, 4});
    QTest::newRow("plain") << k << true;
    k.setFactor(1e-30);
    k.setBias(-1e30);
    QTest::newRow("extreme but finite") << k << true;
    QTest::newRow("FLT_MAX weight") << fromValues(1, 1, {std::numeric_limits<float>::max()}) << true;
    QTest::newRow("NaN weight") << fromValues(2, 2, {1, 2, nan, 4}) << false;
    QTest::newRow("+inf weight") << fromValues(2, 2, {inf, 2, 3, 4}) << false;
    QTest::newRow("-inf weight") << fromValues(2, 2, {1, 2, 3, -inf}) << false;
    Kernel badFactor;
    badFactor.setFactor(std::nan(""));
    QTest::newRow("NaN factor") << badFactor << false;
    badFactor.setFactor(HUGE_VAL);
    QTest::newRow("inf factor") << badFactor << false;
    Kernel badBias;
    badBias.setBias(std::nan(""));
    QTest::newRow("NaN bias") << badBias << false;
    badBias.setBias(-HUGE_VAL);
    QTest::newRow("-inf bias") << badBias << false;
}

void tst_Kernel::knowsWhetherFinite()
{
    QFETCH(Kernel, kernel);
    QFETCH(bool, finite);
    QCOMPARE(kernel.isFinite(), finite);
}

void tst_Kernel::factorsReproduceRankOneKernels_data()
{
    QTest::addColumn<Kernel>("kernel");
    QRandomGenerator random(1234);
    QTest::newRow("random 3x7") << outerProduct(randomVector(7, random), randomVector(3, random));
    QTest::newRow("random 7x3") << outerProduct(randomVector(3, random), randomVector(7, random));
    QTest::newRow("random 6x4 (even)") << outerProduct(randomVector(4, random), randomVector(6, random));
    QTest::newRow("random 15x15") << outerProduct(randomVector(15, random), randomVector(15, random));
    QTest::newRow("random, negated") << outerProduct(randomVector(5, random), {-1, -2, -0.5f});
    QTest::newRow("row 5x1") << fromValues(5, 1, {1, -2, 3, 0, 5});
    QTest::newRow("column 1x4") << fromValues(1, 4, {0.5f, 0, -7, 2});
    QTest::newRow("1x1") << fromValues(1, 1, {3});
    QTest::newRow("one cell set") << fromValues(3, 3, {0, 0, 0, 0, 0, 2, 0, 0, 0});
    QTest::newRow("zero row and column") << outerProduct({1, 0, 2}, {3, 0, -1});
    for (auto [size, sigma] :
         {std::pair{1, 2.0}, {3, 0.3}, {3, 0.8}, {5, 1.5}, {7, 1.3}, {13, 2.0}, {0, 3.3}, {61, 10.0}, {301, 50.0}})
        QTest::addRow("gaussian %d %g", size, sigma) << gaussian(size, sigma);
    for (int size : {1, 2, 3, 4, 9})
        QTest::addRow("box %d", size) << box(size);
    QTest::newRow("binomial5x5") << binomial5x5();
    QTest::newRow("sobelX") << sobelX();
    QTest::newRow("sobelY") << sobelY();
    QTest::newRow("motion 9 0") << motion(9, 0);
    QTest::newRow("motion 9 90") << motion(9, 90);
    QTest::newRow("identity") << identity();
}

void tst_Kernel::factorsReproduceRankOneKernels()
{
    QFETCH(Kernel, kernel);
    const auto factors = kernel.separableFactors();
    QVERIFY2(factors.has_value(), qPrintable(describe(kernel)));
    QVERIFY(kernel.isSeparable());
    QCOMPARE(int(factors->row.size()), kernel.width());
    QCOMPARE(int(factors->column.size()), kernel.height());
    const double tolerance = 1e-5 * maxAbs(kernel);
    for (int y = 0; y < kernel.height(); ++y)
        for (int x = 0; x < kernel.width(); ++x) {
            const double product = double(factors->column[size_t(y)]) * double(factors->row[size_t(x)]);
            QVERIFY2(std::fabs(product - kernel.at(x, y)) <= tolerance,
                     qPrintable(QStringLiteral("(%1, %2): %3 * %4 = %5, weight %6")
                                    .arg(x)
                                    .arg(y)
                                    .arg(factors->column[size_t(y)])
                                    .arg(factors->row[size_t(x)])
                                    .arg(product)
                                    .arg(kernel.at(x, y))));
        }
}

void tst_Kernel::noFactorsForHigherRank_data()
{
    QTest::addColumn<Kernel>("kernel");
    QRandomGenerator random(99);
    QTest::newRow("random 5x5") << randomKernel(5, 5, random);
    QTest::newRow("random 3x7") << randomKernel(3, 7, random);
    QTest::newRow("two random outer products") << sumOf(outerProduct(randomVector(4, random), randomVector(6, random)),
                                                        outerProduct(randomVector(4, random), randomVector(6, random)));
    // Far outside any rounding tolerance: a rank-1 kernel with one cell off by 1% of the largest.
    Kernel bumped = gaussian(7, 1.5);
    bumped.set(1, 2, bumped.at(1, 2) + 0.01f * float(maxAbs(bumped)));
    QTest::newRow("gaussian with a 1% bump") << bumped;
    QTest::newRow("sharpen3x3") << sharpen3x3();
    QTest::newRow("sharpen5x5") << sharpen5x5();
    QTest::newRow("laplace4") << laplace4();
    QTest::newRow("laplace8") << laplace8();
    QTest::newRow("emboss3x3") << emboss3x3();
    QTest::newRow("gaussianSharpen 5 1.5 1") << gaussianSharpen(5, 1.5, 1);
    // Any line that is not axis-aligned: a rank-1 kernel's non-zero cells form a rectangle.
    QTest::newRow("motion 9 30") << motion(9, 30);
    QTest::newRow("motion 9 45") << motion(9, 45);
}

void tst_Kernel::noFactorsForHigherRank()
{
    QFETCH(Kernel, kernel);
    QVERIFY2(!kernel.separableFactors().has_value(), qPrintable(describe(kernel)));
    QVERIFY(!kernel.isSeparable());
}

void tst_Kernel::zeroKernelFactorsAreZeroIfAny()
{
    // Rank 0: the header promises factors for rank 1 only, so either answer is right, but
    // factors, if given, must still multiply back to the kernel.
    const Kernel zero(4, 3, std::vector<float>(12, 0.0f));
    const auto factors = zero.separableFactors();
    QCOMPARE(zero.isSeparable(), factors.has_value());
    if (!factors)
        return;
    QCOMPARE(int(factors->row.size()), 4);
    QCOMPARE(int(factors->column.size()), 3);
    for (float c : factors->column)
        for (float r : factors->row)
            QVERIFY(c * r == 0.0f);
}

void tst_Kernel::integerKernelsGiveIntegerFactors_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::newRow("binomial5x5") << binomial5x5();
    QTest::newRow("sobelX") << sobelX();
    QTest::newRow("sobelY") << sobelY();
    QTest::newRow("2 6 2 / 4 12 4 / 2 6 2") << fromValues(3, 3, {2, 6, 2, 4, 12, 4, 2, 6, 2});
    QTest::newRow("negative outer product") << outerProduct({-1, 2, -3}, {5, 0, -10, 15});
    QTest::newRow("row 1 2 1") << fromValues(3, 1, {1, 2, 1});
    QTest::newRow("large") << outerProduct({1, 3, 9, 27, 81}, {-2, 10, 50, 250});
}

void tst_Kernel::integerKernelsGiveIntegerFactors()
{
    // Whole-number factors let the engine use integer arithmetic, which is exact: so the
    // products must give back the weights exactly, not just within a tolerance.
    QFETCH(Kernel, kernel);
    const auto factors = kernel.separableFactors();
    QVERIFY(factors.has_value());
    for (float v : factors->row)
        QVERIFY2(isWhole(v), qPrintable(QString::number(v)));
    for (float v : factors->column)
        QVERIFY2(isWhole(v), qPrintable(QString::number(v)));
    for (int y = 0; y < kernel.height(); ++y)
        for (int x = 0; x < kernel.width(); ++x)
            QVERIFY(double(factors->column[size_t(y)]) * double(factors->row[size_t(x)]) == double(kernel.at(x, y)));
}

void tst_Kernel::binomialFactorsAreOneFourSixFourOne()
{
    const Kernel k = binomial5x5();
    const auto factors = k.separableFactors();
    QVERIFY(factors.has_value());
    const std::vector<float> b{1, 4, 6, 4, 1};
    const std::vector<float> minusB{-1, -4, -6, -4, -1};
    QVERIFY(factors->row == b || factors->row == minusB);
    QVERIFY(factors->column == b || factors->column == minusB);
    QCOMPARE(factors->row == b, factors->column == b); // the signs cancel: the weights are positive
    QVERIFY(k.factor() == 1.0 / 256);
}

// ---------------------------------------------------------------------------------------------
// Gaussian

void tst_Kernel::gaussianIsSampledAndNormalized_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<double>("sigma");
    QTest::newRow("1 5") << 1 << 5.0;
    QTest::newRow("3 0.5") << 3 << 0.5;
    QTest::newRow("3 0.3") << 3 << 0.3;
    QTest::newRow("5 1") << 5 << 1.0;
    QTest::newRow("5 1.5") << 5 << 1.5;
    QTest::newRow("7 1.3") << 7 << 1.3;
    QTest::newRow("9 5 (cut off early)") << 9 << 5.0;
    QTest::newRow("13 2") << 13 << 2.0;
    QTest::newRow("25 4") << 25 << 4.0;
    QTest::newRow("61 2 (long tails)") << 61 << 2.0;
    QTest::newRow("61 10") << 61 << 10.0;
}

void tst_Kernel::gaussianIsSampledAndNormalized()
{
    QFETCH(int, size);
    QFETCH(double, sigma);
    const Kernel k = gaussian(size, sigma);
    QCOMPARE(k.width(), size);
    QCOMPARE(k.height(), size);
    QVERIFY(k.hasCentredAnchor());
    QVERIFY(k.factor() == 1.0);
    QVERIFY(k.bias() == 0.0);
    QVERIFY2(std::fabs(k.sum() - 1.0) < 1e-6, qPrintable(QString::number(k.sum(), 'g', 17)));

    const int c = size / 2;
    const double peak = k.at(c, c);
    const double tolerance = 1e-6 * peak;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            QVERIFY(std::fabs(k.at(x, y) - k.at(size - 1 - x, y)) <= tolerance);
            QVERIFY(std::fabs(k.at(x, y) - k.at(x, size - 1 - y)) <= tolerance);
            QVERIFY(std::fabs(k.at(x, y) - k.at(y, x)) <= tolerance);
            QVERIFY(k.at(x, y) >= 0);
            if (x != c || y != c)
                QVERIFY(k.at(x, y) < peak);
        }

    // Falling away from the centre along every row; strictly while the values are not lost
    // in float's underflow far out in the tails.
    for (int y = 0; y < size; ++y)
        for (int x = c + 1; x < size; ++x) {
            QVERIFY(k.at(x, y) <= k.at(x - 1, y));
            if (k.at(x - 1, y) > 1e-30f)
                QVERIFY2(k.at(x, y) < k.at(x - 1, y), qPrintable(QStringLiteral("row %1 at %2").arg(y).arg(x)));
        }

    // Sampled, not integrated: neighbours relate as exp(-r^2 / (2 sigma^2)), also diagonally.
    const auto expectRatio = [&](int dx, int dy) {
        const double expected = std::exp(-double(dx * dx + dy * dy) / (2 * sigma * sigma));
        if (c + std::max(dx, dy) >= size || expected < 1e-6)
            return true;
        const double ratio = k.at(c + dx, c + dy) / peak;
        return std::fabs(ratio - expected) <= 1e-5 * expected;
    };
    QVERIFY(expectRatio(1, 0));
    QVERIFY(expectRatio(2, 0));
    QVERIFY(expectRatio(1, 1));
    QVERIFY(expectRatio(2, 1));
}

void tst_Kernel::gaussian1DIsItsFactor_data()
{
    gaussianIsSampledAndNormalized_data();
}

void tst_Kernel::gaussian1DIsItsFactor()
{
    QFETCH(int, size);
    QFETCH(double, sigma);
    const std::vector<float> g = gaussian1D(size, sigma);
    QCOMPARE(int(g.size()), size);
    double total = 0;
    for (float v : g)
        total += v;
    QVERIFY(std::fabs(total - 1.0) < 1e-6);
    for (int i = 0; i < size; ++i)
        QVERIFY(std::fabs(g[size_t(i)] - g[size_t(size - 1 - i)]) <= 1e-7 * g[size_t(size / 2)]);

    const Kernel k = gaussian(size, sigma);
    const double tolerance = 1e-6 * k.at(size / 2, size / 2);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            QVERIFY(std::fabs(double(g[size_t(y)]) * g[size_t(x)] - k.at(x, y)) <= tolerance);
}

void tst_Kernel::gaussianSizeForSigmaCoversThreeSigma()
{
    int previous = 0;
    for (double sigma : {0.1, 0.3, 0.5, 0.8, 1.0, 1.2, 1.5, 2.0, 3.3, 5.0, 10.0, 25.0, 50.0, 100.0, 166.0}) {
        const int size = gaussianSizeForSigma(sigma);
        const QByteArray where = QByteArray::number(sigma) + " -> " + QByteArray::number(size);
        QVERIFY2(size % 2 == 1, where);
        QVERIFY2(size >= 6 * sigma + 1, where); // +-3 sigma around the centre cell
        // Not wastefully larger than the smallest odd size that covers +-3 sigma.
        int smallest = int(std::ceil(6 * sigma + 1));
        smallest += 1 - smallest % 2;
        QVERIFY2(size <= smallest + 2, where);
        QVERIFY2(size >= previous, where);
        previous = size;
    }
    // Beyond what fits, the rule stops at the largest kernel rather than failing.
    for (double sigma : {200.0, 1e4, 1e9}) {
        const int size = gaussianSizeForSigma(sigma);
        const QByteArray where = QByteArray::number(sigma) + " -> " + QByteArray::number(size);
        QVERIFY2(size % 2 == 1, where);
        QVERIFY2(size >= previous, where);
        QVERIFY2(size <= Kernel::MaxSide, where);
    }
}

void tst_Kernel::gaussianOfSizeZeroPicksTheSize()
{
    for (double sigma : {0.5, 1.0, 2.5, 7.0}) {
        const int size = gaussianSizeForSigma(sigma);
        const Kernel automatic = gaussian(0, sigma);
        QCOMPARE(automatic.width(), size);
        QCOMPARE(automatic.height(), size);
        QVERIFY(maxDifference(automatic, gaussian(size, sigma)) == 0);
        QCOMPARE(int(gaussian1D(0, sigma).size()), size);
    }
}

void tst_Kernel::buildersNeverFail_data()
{
    // Out-of-range input is clamped by the builders; what comes out must still be a usable,
    // brightness-keeping kernel of a legal size.
    QTest::addColumn<Kernel>("kernel");
    QTest::newRow("gaussian even size") << gaussian(4, 1.0);
    QTest::newRow("gaussian negative size") << gaussian(-3, 1.0);
    QTest::newRow("gaussian sigma 0") << gaussian(5, 0.0);
    QTest::newRow("gaussian negative sigma") << gaussian(5, -2.0);
    QTest::newRow("gaussian huge size") << gaussian(5000, 2.0);
    QTest::newRow("gaussian auto, huge sigma") << gaussian(0, 1e6);
    QTest::newRow("box 0") << box(0);
    QTest::newRow("box -4") << box(-4);
    QTest::newRow("box huge") << box(1 << 20);
    QTest::newRow("motion 0") << motion(0, 30);
    QTest::newRow("motion -5") << motion(-5, 30);
    QTest::newRow("motion huge angle") << motion(9, 1e6 + 45);
    QTest::newRow("gaussianSharpen sigma 0") << gaussianSharpen(5, 0.0, 1.0);
    QTest::newRow("gaussianSharpen even size") << gaussianSharpen(4, 1.0, 1.0);
}

void tst_Kernel::buildersNeverFail()
{
    QFETCH(Kernel, kernel);
    QVERIFY(kernel.width() >= 1 && kernel.width() <= Kernel::MaxSide);
    QVERIFY(kernel.height() >= 1 && kernel.height() <= Kernel::MaxSide);
    QCOMPARE(kernel.weights().size(), size_t(kernel.width()) * size_t(kernel.height()));
    QVERIFY(kernel.isFinite());
    QVERIFY2(std::fabs(kernel.effectiveSum() - 1.0) < 1e-5, qPrintable(describe(kernel)));
    QVERIFY(kernel.hasCentredAnchor());
}

void tst_Kernel::boxIsUniform_data()
{
    QTest::addColumn<int>("size");
    for (int size : {1, 2, 3, 4, 5, 31})
        QTest::addRow("%d", size) << size;
}

void tst_Kernel::boxIsUniform()
{
    QFETCH(int, size);
    const Kernel k = box(size);
    QCOMPARE(k.width(), size);
    QCOMPARE(k.height(), size);
    QVERIFY(k.hasCentredAnchor());
    const double expected = 1.0 / (double(size) * size);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            QVERIFY2(std::fabs(effectiveAt(k, x, y) - expected) <= 1e-7 * expected,
                     qPrintable(QString::number(effectiveAt(k, x, y), 'g', 9)));
    QVERIFY(std::fabs(k.effectiveSum() - 1.0) < 1e-6);
}

// ---------------------------------------------------------------------------------------------
// Motion

void tst_Kernel::motionIsALineThroughTheCentre_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<double>("angle");
    for (int size : {1, 3, 8, 9, 15})
        for (double angle : {0.0, 10.0, 30.0, 45.0, 60.0, 90.0, 100.0, 135.0, 170.0, 180.0, 225.0, 300.0, -30.0})
            QTest::addRow("%d at %g", size, angle) << size << angle;
}

void tst_Kernel::motionIsALineThroughTheCentre()
{
    QFETCH(int, size);
    QFETCH(double, angle);
    const Kernel k = motion(size, angle);
    QCOMPARE(k.width(), size);
    QCOMPARE(k.height(), size);
    QVERIFY(k.hasCentredAnchor());
    QVERIFY(k.isFinite());
    QVERIFY2(std::fabs(k.effectiveSum() - 1.0) < 1e-5, qPrintable(describe(k)));
    for (float w : k.weights())
        QVERIFY(w >= 0);

    const double tolerance = 1e-6;
    // A line through the centre has no direction: point-symmetric, the same at angle + 180.
    QVERIFY2(maxDifference(k, rotated180(k)) <= tolerance, qPrintable(describe(k)));
    QVERIFY(maxDifference(k, motion(size, angle + 180)) <= tolerance);
    QVERIFY(maxDifference(k, motion(size, angle - 360)) <= tolerance);
    // Mirroring the picture mirrors the angle: about the main diagonal 90 - a, left-right 180 - a.
    QVERIFY2(maxDifference(transposed(k), motion(size, 90 - angle)) <= tolerance,
             qPrintable(describe(k) + "\n" + describe(motion(size, 90 - angle))));
    QVERIFY2(maxDifference(mirroredX(k), motion(size, 180 - angle)) <= tolerance,
             qPrintable(describe(k) + "\n" + describe(motion(size, 180 - angle))));

    if (size % 2 == 1) { // an odd kernel has a centre cell, which the line covers fully
        const int c = size / 2;
        for (float w : k.weights())
            QVERIFY(w <= k.at(c, c));
    }
}

void tst_Kernel::motionAlongAnAxis_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<double>("angle");
    QTest::addColumn<bool>("horizontal");
    for (int size : {1, 3, 7, 9}) {
        for (double angle : {0.0, 180.0, -180.0, 360.0})
            QTest::addRow("%d at %g", size, angle) << size << angle << true;
        for (double angle : {90.0, 270.0, -90.0})
            QTest::addRow("%d at %g", size, angle) << size << angle << false;
    }
}

void tst_Kernel::motionAlongAnAxis()
{
    QFETCH(int, size);
    QFETCH(double, angle);
    QFETCH(bool, horizontal);
    const Kernel k = motion(size, angle);
    QCOMPARE(k.width(), size);
    QCOMPARE(k.height(), size);
    const int c = size / 2;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const bool onLine = horizontal ? y == c : x == c;
            const double expected = onLine ? 1.0 / size : 0.0;
            QVERIFY2(std::fabs(effectiveAt(k, x, y) - expected) < 1e-6,
                     qPrintable(QStringLiteral("(%1, %2) ").arg(x).arg(y) + describe(k)));
        }
    QVERIFY(maxDifference(k, motion(size, 0.0 + (horizontal ? 0 : 90))) < 1e-6);
}

void tst_Kernel::motionAlongTheDiagonal_data()
{
    QTest::addColumn<int>("size");
    for (int size : {3, 5, 9, 15})
        QTest::addRow("%d", size) << size;
}

void tst_Kernel::motionAlongTheDiagonal()
{
    // 45 degrees runs from top left to bottom right (the y axis points down).
    QFETCH(int, size);
    const Kernel k = motion(size, 45);
    const Kernel mirrored = motion(size, 135);
    const int c = size / 2;
    float diagonalMin = std::numeric_limits<float>::max(), offDiagonalMax = 0;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            QVERIFY(std::fabs(k.at(x, y) - k.at(y, x)) < 1e-6);
            QVERIFY(std::fabs(mirrored.at(x, y) - k.at(size - 1 - x, y)) < 1e-6);
            if (x + y == size - 1 && x != c)
                QVERIFY2(std::fabs(k.at(x, y)) < 1e-6, qPrintable(describe(k))); // across the line
            if (x == y)
                diagonalMin = std::min(diagonalMin, k.at(x, y));
            else
                offDiagonalMax = std::max(offDiagonalMax, k.at(x, y));
        }
    QVERIFY2(diagonalMin > offDiagonalMax, qPrintable(describe(k)));
    QVERIFY(std::fabs(k.effectiveSum() - 1.0) < 1e-5);
}

// ---------------------------------------------------------------------------------------------
// The fixed kernels

void tst_Kernel::fixedKernelsHaveTheirValues_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::addColumn<int>("side");
    QTest::addColumn<std::vector<float>>("weights");
    QTest::addColumn<double>("factor");
    // clang-format off
    QTest::newRow("sharpen3x3") << sharpen3x3() << 3 << std::vector<float>{ 0, -1,  0,
                                                                           -1,  5, -1,
                                                                            0, -1,  0} << 1.0;
    QTest::newRow("emboss3x3") << emboss3x3() << 3 << std::vector<float>{-2, -1, 0,
                                                                         -1,  1, 1,
                                                                          0,  1, 2} << 1.0;
    QTest::newRow("laplace4") << laplace4() << 3 << std::vector<float>{ 0, -1,  0,
                                                                       -1,  4, -1,
                                                                        0, -1,  0} << 1.0;
    QTest::newRow("laplace8") << laplace8() << 3 << std::vector<float>{-1, -1, -1,
                                                                       -1,  8, -1,
                                                                       -1, -1, -1} << 1.0;
    QTest::newRow("sobelX") << sobelX() << 3 << std::vector<float>{-1, 0, 1,
                                                                   -2, 0, 2,
                                                                   -1, 0, 1} << 1.0;
    QTest::newRow("sobelY") << sobelY() << 3 << std::vector<float>{-1, -2, -1,
                                                                    0,  0,  0,
                                                                    1,  2,  1} << 1.0;
    QTest::newRow("binomial5x5") << binomial5x5() << 5 << std::vector<float>{1,  4,  6,  4, 1,
                                                                             4, 16, 24, 16, 4,
                                                                             6, 24, 36, 24, 6,
                                                                             4, 16, 24, 16, 4,
                                                                             1,  4,  6,  4, 1} << 1.0 / 256;
    // clang-format on
}

void tst_Kernel::fixedKernelsHaveTheirValues()
{
    QFETCH(Kernel, kernel);
    QFETCH(int, side);
    QFETCH(std::vector<float>, weights);
    QFETCH(double, factor);
    QCOMPARE(kernel.width(), side);
    QCOMPARE(kernel.height(), side);
    QCOMPARE(kernel.weights(), weights); // exact: these are small integers
    QVERIFY2(kernel.factor() == factor, qPrintable(QString::number(kernel.factor(), 'g', 17)));
    QVERIFY(kernel.bias() == 0.0);
    QVERIFY(kernel.hasCentredAnchor());
}

void tst_Kernel::effectiveSums_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::addColumn<double>("sum");
    QTest::newRow("identity") << identity() << 1.0;
    QTest::newRow("sharpen3x3") << sharpen3x3() << 1.0;
    QTest::newRow("sharpen5x5") << sharpen5x5() << 1.0;
    QTest::newRow("emboss3x3") << emboss3x3() << 1.0;
    QTest::newRow("emboss5x5") << emboss5x5() << 1.0;
    QTest::newRow("laplace4") << laplace4() << 0.0;
    QTest::newRow("laplace8") << laplace8() << 0.0;
    QTest::newRow("sobelX") << sobelX() << 0.0;
    QTest::newRow("sobelY") << sobelY() << 0.0;
    QTest::newRow("binomial5x5") << binomial5x5() << 1.0;
    QTest::newRow("box 7") << box(7) << 1.0;
    QTest::newRow("gaussian 9 2") << gaussian(9, 2) << 1.0;
    QTest::newRow("motion 9 20") << motion(9, 20) << 1.0;
    QTest::newRow("gaussianSharpen 7 1.5 2") << gaussianSharpen(7, 1.5, 2) << 1.0;
}

void tst_Kernel::effectiveSums()
{
    QFETCH(Kernel, kernel);
    QFETCH(double, sum);
    QVERIFY2(std::fabs(kernel.effectiveSum() - sum) < 1e-5, qPrintable(describe(kernel)));
    QVERIFY(kernel.isFinite());
    QVERIFY(kernel.bias() == 0.0);
}

void tst_Kernel::sharpen5x5HasPositiveCentreAndNegativeRing()
{
    const Kernel k = sharpen5x5();
    QCOMPARE(k.width(), 5);
    QCOMPARE(k.height(), 5);
    QVERIFY(k.hasCentredAnchor());
    QVERIFY(effectiveAt(k, 2, 2) > 0);
    for (int i = 0; i < 5; ++i) {
        QVERIFY2(effectiveAt(k, i, 0) < 0 && effectiveAt(k, i, 4) < 0, qPrintable(describe(k)));
        QVERIFY2(effectiveAt(k, 0, i) < 0 && effectiveAt(k, 4, i) < 0, qPrintable(describe(k)));
    }
    QVERIFY(std::fabs(k.effectiveSum() - 1.0) < 1e-6);
}

void tst_Kernel::emboss5x5IsFiveByFive()
{
    const Kernel k = emboss5x5();
    QCOMPARE(k.width(), 5);
    QCOMPARE(k.height(), 5);
    QVERIFY(k.hasCentredAnchor());
    QVERIFY(std::fabs(k.effectiveSum() - 1.0) < 1e-6);
    // An emboss is a directional difference, not a blur: it has weights of both signs.
    QVERIFY(*std::min_element(k.weights().begin(), k.weights().end()) < 0);
    QVERIFY(*std::max_element(k.weights().begin(), k.weights().end()) > 0);
}

void tst_Kernel::identityChangesNothing()
{
    const Kernel k = identity();
    QVERIFY(k.isFinite());
    QVERIFY(k.bias() == 0.0);
    QVERIFY(k.effectiveSum() == 1.0);
    for (int y = 0; y < k.height(); ++y)
        for (int x = 0; x < k.width(); ++x) {
            const bool atAnchor = x == k.anchorX() && y == k.anchorY();
            QVERIFY(effectiveAt(k, x, y) == (atAnchor ? 1.0 : 0.0));
        }
}

void tst_Kernel::gaussianSharpenIsUnsharpMask_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<double>("sigma");
    QTest::addColumn<double>("amount");
    QTest::newRow("5 1.5 1") << 5 << 1.5 << 1.0;
    QTest::newRow("5 1.5 0.75") << 5 << 1.5 << 0.75;
    QTest::newRow("7 1 2.5") << 7 << 1.0 << 2.5;
    QTest::newRow("9 2 0.3") << 9 << 2.0 << 0.3;
    QTest::newRow("3 0.8 0 (no sharpening)") << 3 << 0.8 << 0.0;
    QTest::newRow("0 1.2 1 (automatic size)") << 0 << 1.2 << 1.0;
}

void tst_Kernel::gaussianSharpenIsUnsharpMask()
{
    QFETCH(int, size);
    QFETCH(double, sigma);
    QFETCH(double, amount);
    const Kernel k = gaussianSharpen(size, sigma, amount);
    const Kernel g = gaussian(size, sigma);
    QCOMPARE(k.width(), g.width());
    QCOMPARE(k.height(), g.height());
    QVERIFY(k.hasCentredAnchor());
    QVERIFY(k.bias() == 0.0);
    for (int y = 0; y < g.height(); ++y)
        for (int x = 0; x < g.width(); ++x) {
            const bool centre = x == g.anchorX() && y == g.anchorY();
            const double expected = (centre ? 1 + amount : 0) - amount * effectiveAt(g, x, y);
            QVERIFY2(
                std::fabs(effectiveAt(k, x, y) - expected) < 1e-6,
                qPrintable(QStringLiteral("(%1, %2): %3, expected %4").arg(x).arg(y).arg(k.at(x, y)).arg(expected)));
        }
    QVERIFY(std::fabs(k.effectiveSum() - 1.0) < 1e-5);
}

QTEST_GUILESS_MAIN(tst_Kernel)
#include "tst_kernel.moc"
