#include "kernel.h"
#include "kernelbuilders.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

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

std::vector<float> randomVector(int n, QRandomGenerator &random)
{
    std::vector<float> v(static_cast<size_t>(n));
    for (float &x : v)
        x = float(random.generateDouble() * 4.0 - 1.0);
    return v;
}

float maxAbs(const Kernel &k)
{
    float m = 0;
    for (float w : k.weights())
        m = std::max(m, std::fabs(w));
    return m;
}

} // namespace

class tst_Kernel : public QObject
{
    Q_OBJECT

private slots:
    void defaultIsIdentity();
    void anchorIsCentreFloorForEven_data();
    void anchorIsCentreFloorForEven();
    void sumsAndNormalising();
    void detectsSeparableKernels_data();
    void detectsSeparableKernels();
    void rejectsRankTwoKernels_data();
    void rejectsRankTwoKernels();
    void binomialFactorsAreExactIntegers();
    void gaussianIsSampledAndNormalised_data();
    void gaussianIsSampledAndNormalised();
    void gaussianSizeFromSigma();
    void boxIsUniform_data();
    void boxIsUniform();
    void motionFollowsItsAngle_data();
    void motionFollowsItsAngle();
    void motionAt45IsDiagonalAndSymmetric();
    void fixedKernelsHaveTheirValues_data();
    void fixedKernelsHaveTheirValues();
    void gaussianSharpenIsUnsharpMask();
};

void tst_Kernel::defaultIsIdentity()
{
    const Kernel k;
    QCOMPARE(k.width(), 1);
    QCOMPARE(k.height(), 1);
    QCOMPARE(k.at(0, 0), 1.0f);
    QCOMPARE(k.factor(), 1.0);
    QCOMPARE(k.bias(), 0.0);
    QCOMPARE(identity(), k);
}

void tst_Kernel::anchorIsCentreFloorForEven_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("anchorX");
    QTest::addColumn<int>("anchorY");
    QTest::newRow("3x3") << 3 << 3 << 1 << 1;
    QTest::newRow("4x4") << 4 << 4 << 1 << 1;
    QTest::newRow("5x2") << 5 << 2 << 2 << 0;
    QTest::newRow("1x6") << 1 << 6 << 0 << 2;
}

void tst_Kernel::anchorIsCentreFloorForEven()
{
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, anchorX);
    QFETCH(int, anchorY);
    Kernel k(width, height, std::vector<float>(size_t(width * height), 1.0f));
    QCOMPARE(k.anchorX(), anchorX);
    QCOMPARE(k.anchorY(), anchorY);
    QVERIFY(k.hasCentredAnchor());
    k.setAnchor(0, 0);
    QCOMPARE(k.hasCentredAnchor(), width == 1 && height == 1 ? true : anchorX == 0 && anchorY == 0);
    k.setAnchor(99, -3); // clamped into the kernel
    QCOMPARE(k.anchorX(), width - 1);
    QCOMPARE(k.anchorY(), 0);
}

void tst_Kernel::sumsAndNormalising()
{
    Kernel k = fromValues(2, 2, {1, 2, 3, 4});
    k.setFactor(0.5);
    QCOMPARE(k.sum(), 10.0);
    QCOMPARE(k.effectiveSum(), 5.0);
    const Kernel n = k.normalized();
    QCOMPARE(n.factor(), 1.0);
    QVERIFY(std::fabs(n.sum() - 1.0) < 1e-6);
    QCOMPARE(n.at(1, 1), 0.4f);

    const Kernel zeroSum = laplace4();
    QCOMPARE(zeroSum.normalized(), zeroSum);

    QVERIFY(k.isFinite());
    k.set(0, 1, std::nanf(""));
    QVERIFY(!k.isFinite());
    Kernel infiniteBias;
    infiniteBias.setBias(INFINITY);
    QVERIFY(!infiniteBias.isFinite());
}

void tst_Kernel::detectsSeparableKernels_data()
{
    QTest::addColumn<Kernel>("kernel");
    QRandomGenerator random(1234);
    QTest::newRow("random 3x7") << outerProduct(randomVector(7, random), randomVector(3, random));
    QTest::newRow("random 6x4") << outerProduct(randomVector(4, random), randomVector(6, random));
    QTest::newRow("gaussian 5 1.5") << gaussian(5, 1.5);
    QTest::newRow("gaussian 61 10") << gaussian(61, 10);
    QTest::newRow("gaussian 301 50") << gaussian(301, 50);
    QTest::newRow("box 4") << box(4);
    QTest::newRow("binomial") << binomial5x5();
    QTest::newRow("sobel x") << sobelX();
    QTest::newRow("sobel y") << sobelY();
    QTest::newRow("motion 0") << motion(9, 0);
    QTest::newRow("1x1") << Kernel(1, 1, {3.0f});
    QTest::newRow("integer") << fromValues(3, 3, {2, 6, 2, 4, 12, 4, 2, 6, 2});
}

void tst_Kernel::detectsSeparableKernels()
{
    QFETCH(Kernel, kernel);
    const auto factors = kernel.separableFactors();
    QVERIFY(factors.has_value());
    QCOMPARE(int(factors->row.size()), kernel.width());
    QCOMPARE(int(factors->column.size()), kernel.height());
    const double tolerance = 1e-5 * maxAbs(kernel);
    for (int y = 0; y < kernel.height(); ++y)
        for (int x = 0; x < kernel.width(); ++x)
            QVERIFY(std::fabs(double(factors->column[size_t(y)]) * factors->row[size_t(x)] - kernel.at(x, y)) <=
                    tolerance);
}

void tst_Kernel::rejectsRankTwoKernels_data()
{
    QTest::addColumn<Kernel>("kernel");
    QRandomGenerator random(99);
    std::vector<float> w(25);
    for (float &v : w)
        v = float(random.generateDouble());
    QTest::newRow("random 5x5") << Kernel(5, 5, w);
    QTest::newRow("sharpen3x3") << sharpen3x3();
    QTest::newRow("laplace4") << laplace4();
    QTest::newRow("laplace8") << laplace8();
    QTest::newRow("emboss3x3") << emboss3x3();
    QTest::newRow("motion 30") << motion(9, 30);
    QTest::newRow("gaussian sharpen") << gaussianSharpen(5, 1.5, 1);
    QTest::newRow("all zero") << Kernel(3, 3, std::vector<float>(9, 0.0f));
}

void tst_Kernel::rejectsRankTwoKernels()
{
    QFETCH(Kernel, kernel);
    QVERIFY(!kernel.separableFactors().has_value());
    QVERIFY(!kernel.isSeparable());
}

void tst_Kernel::binomialFactorsAreExactIntegers()
{
    const auto factors = binomial5x5().separableFactors();
    QVERIFY(factors.has_value());
    const std::vector<float> expected{1, 4, 6, 4, 1};
    QCOMPARE(factors->row, expected);
    QCOMPARE(factors->column, expected);
}

void tst_Kernel::gaussianIsSampledAndNormalised_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<double>("sigma");
    QTest::newRow("3 0.5") << 3 << 0.5;
    QTest::newRow("5 1.5") << 5 << 1.5;
    QTest::newRow("13 2") << 13 << 2.0;
    QTest::newRow("61 10") << 61 << 10.0;
    QTest::newRow("1 5") << 1 << 5.0;
}

void tst_Kernel::gaussianIsSampledAndNormalised()
{
    QFETCH(int, size);
    QFETCH(double, sigma);
    const Kernel k = gaussian(size, sigma);
    QCOMPARE(k.width(), size);
    QCOMPARE(k.height(), size);
    QVERIFY(std::fabs(k.sum() - 1.0) < 1e-5);
    const int c = size / 2;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            QCOMPARE(k.at(x, y), k.at(size - 1 - x, y));
            QCOMPARE(k.at(x, y), k.at(y, x));
            QVERIFY(k.at(x, y) <= k.at(c, c));
        }
    for (int x = c + 1; x < size; ++x)
        QVERIFY(k.at(x, c) < k.at(x - 1, c));
    if (size > 1) {
        const double ratio = double(k.at(c + 1, c)) / k.at(c, c);
        QVERIFY(std::fabs(ratio - std::exp(-1.0 / (2 * sigma * sigma))) < 1e-5 * std::max(ratio, 1e-3));
    }
    const std::vector<float> g = gaussian1D(size, sigma);
    double total = 0;
    for (float v : g)
        total += v;
    QVERIFY(std::fabs(total - 1.0) < 1e-6);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            QVERIFY(std::fabs(double(g[size_t(y)]) * g[size_t(x)] - k.at(x, y)) < 1e-7);
}

void tst_Kernel::gaussianSizeFromSigma()
{
    int previous = 0;
    for (double sigma : {0.3, 0.5, 1.0, 1.5, 2.0, 3.3, 10.0, 50.0}) {
        const int size = gaussianSizeForSigma(sigma);
        QCOMPARE(size % 2, 1);
        QVERIFY(size >= 6 * sigma + 1);
        QVERIFY(size >= previous);
        previous = size;
        QCOMPARE(gaussian(0, sigma).width(), size);
    }
    QCOMPARE(gaussianSizeForSigma(2.0), 13);
}

void tst_Kernel::boxIsUniform_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("1") << 1;
    QTest::newRow("3") << 3;
    QTest::newRow("4") << 4;
    QTest::newRow("31") << 31;
}

void tst_Kernel::boxIsUniform()
{
    QFETCH(int, size);
    const Kernel k = box(size);
    QCOMPARE(k.width(), size);
    QCOMPARE(k.height(), size);
    for (float w : k.weights())
        QCOMPARE(w, float(1.0 / (size * size)));
    QVERIFY(std::fabs(k.sum() - 1.0) < 1e-5);
}

void tst_Kernel::motionFollowsItsAngle_data()
{
    QTest::addColumn<double>("angle");
    QTest::addColumn<bool>("horizontal");
    QTest::newRow("0") << 0.0 << true;
    QTest::newRow("180") << 180.0 << true;
    QTest::newRow("-180") << -180.0 << true;
    QTest::newRow("90") << 90.0 << false;
    QTest::newRow("270") << 270.0 << false;
}

void tst_Kernel::motionFollowsItsAngle()
{
    QFETCH(double, angle);
    QFETCH(bool, horizontal);
    const int size = 7, c = 3;
    const Kernel k = motion(size, angle);
    QVERIFY(std::fabs(k.sum() - 1.0) < 1e-5);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const bool onLine = horizontal ? y == c : x == c;
            if (onLine)
                QVERIFY(std::fabs(k.at(x, y) - 1.0f / size) < 1e-6);
            else
                QVERIFY(std::fabs(k.at(x, y)) < 1e-6);
        }
}

void tst_Kernel::motionAt45IsDiagonalAndSymmetric()
{
    const int size = 9;
    const Kernel k = motion(size, 45);
    const Kernel mirrored = motion(size, 135);
    QVERIFY(std::fabs(k.sum() - 1.0) < 1e-5);
    float diagonalMin = 1, offDiagonalMax = 0;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            QVERIFY(k.at(x, y) >= 0);
            QVERIFY(std::fabs(k.at(x, y) - k.at(y, x)) < 1e-6);
            QVERIFY(std::fabs(k.at(x, y) - k.at(size - 1 - x, size - 1 - y)) < 1e-6);
            QVERIFY(std::fabs(mirrored.at(x, y) - k.at(size - 1 - x, y)) < 1e-6);
            if (x == y)
                diagonalMin = std::min(diagonalMin, k.at(x, y));
            else
                offDiagonalMax = std::max(offDiagonalMax, k.at(x, y));
            if (std::abs(x - y) > 1)
                QCOMPARE(k.at(x, y), 0.0f);
        }
    QVERIFY(diagonalMin > offDiagonalMax);
    QVERIFY(k.at(0, 0) > 0); // the line reaches the corners
}

void tst_Kernel::fixedKernelsHaveTheirValues_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::addColumn<Kernel>("expected");
    QTest::addColumn<double>("factor");
    QTest::newRow("sharpen3x3") << sharpen3x3() << fromValues(3, 3, {0, -1, 0, -1, 5, -1, 0, -1, 0}) << 1.0;
    QTest::newRow("sharpen5x5") << sharpen5x5() << fromValues(5, 5, {-1, -1, -1, -1, -1, -1, 2,  2,  2,  -1, -1, 2, 8,
                                                                     2,  -1, -1, 2,  2,  2,  -1, -1, -1, -1, -1, -1})
                                << 1.0 / 8;
    QTest::newRow("emboss3x3") << emboss3x3() << fromValues(3, 3, {-2, -1, 0, -1, 1, 1, 0, 1, 2}) << 1.0;
    QTest::newRow("emboss5x5") << emboss5x5() << fromValues(5, 5, {-1, -1, -1, -1, 0, -1, -1, -1, 0, 1, -1, -1, 1,
                                                                   1,  1,  -1, 0,  1, 1,  1,  0,  1, 1, 1,  1})
                               << 1.0;
    QTest::newRow("laplace4") << laplace4() << fromValues(3, 3, {0, -1, 0, -1, 4, -1, 0, -1, 0}) << 1.0;
    QTest::newRow("laplace8") << laplace8() << fromValues(3, 3, {-1, -1, -1, -1, 8, -1, -1, -1, -1}) << 1.0;
    QTest::newRow("sobelX") << sobelX() << fromValues(3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1}) << 1.0;
    QTest::newRow("sobelY") << sobelY() << fromValues(3, 3, {-1, -2, -1, 0, 0, 0, 1, 2, 1}) << 1.0;
    QTest::newRow("binomial5x5") << binomial5x5() << fromValues(5, 5, {1,  4, 6, 4,  1,  4,  16, 24, 16, 4, 6, 24, 36,
                                                                       24, 6, 4, 16, 24, 16, 4,  1,  4,  6, 4, 1})
                                 << 1.0 / 256;
}

void tst_Kernel::fixedKernelsHaveTheirValues()
{
    QFETCH(Kernel, kernel);
    QFETCH(Kernel, expected);
    QFETCH(double, factor);
    QCOMPARE(kernel.weights(), expected.weights());
    QCOMPARE(kernel.width(), expected.width());
    QCOMPARE(kernel.factor(), factor);
    QCOMPARE(kernel.bias(), 0.0);
}

void tst_Kernel::gaussianSharpenIsUnsharpMask()
{
    const double amount = 0.75;
    const Kernel k = gaussianSharpen(5, 1.5, amount);
    const Kernel g = gaussian(5, 1.5);
    for (int y = 0; y < 5; ++y)
        for (int x = 0; x < 5; ++x) {
            const double expected = (x == 2 && y == 2 ? 1 + amount : 0) - amount * g.at(x, y);
            QVERIFY(std::fabs(k.at(x, y) - expected) < 1e-6);
        }
    QVERIFY(std::fabs(k.effectiveSum() - 1.0) < 1e-5);
}

QTEST_GUILESS_MAIN(tst_Kernel)
#include "tst_kernel.moc"
