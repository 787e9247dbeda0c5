#include "kernelbuilders.h"
#include "kerneltext.h"

#include <QRandomGenerator>
#include <QTest>

#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

using namespace ks;

namespace {

std::vector<float> counting(int n)
{
    std::vector<float> v(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        v[size_t(i)] = float(i + 1);
    return v;
}

QString joined(const std::vector<float> &values, const QString &separator)
{
    QStringList parts;
    for (float v : values)
        parts << QString::number(double(v), 'g', 9);
    return parts.join(separator);
}

// Weight vectors compared bit for bit: QCOMPARE on floats is fuzzy and -0 == 0.
bool sameBits(const std::vector<float> &a, const std::vector<float> &b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// Straight to float: through double, a decimal could round twice.
float readBack(const QString &token)
{
    const QByteArray ascii = token.toLatin1();
    float v = 0;
    std::from_chars(ascii.data(), ascii.data() + ascii.size(), v);
    return v;
}

} // namespace

class tst_KernelText : public QObject
{
    Q_OBJECT

private slots:
    void parsesValidText_data();
    void parsesValidText();
    void refusesBadText_data();
    void refusesBadText();
    void printsAndParsesBack_data();
    void printsAndParsesBack();
    void randomFloatsRoundTripInShortestForm();
    void printsImageMagickForm_data();
    void printsImageMagickForm();
    void leavesFactorAndBiasOut();
};

void tst_KernelText::parsesValidText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("anchorX");
    QTest::addColumn<int>("anchorY");
    QTest::addColumn<std::vector<float>>("weights");

    const std::vector<float> sharpen{0, -1, 0, -1, 5, -1, 0, -1, 0};
    QTest::newRow("3x3") << "3x3: 0,-1,0,-1,5,-1,0,-1,0" << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("square shorthand") << "3: 0,-1,0,-1,5,-1,0,-1,0" << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("upper-case X, no spaces") << "3X3:0,-1,0,-1,5,-1,0,-1,0" << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("spaces inside the size") << "3 x 3 : 0,-1,0,-1,5,-1,0,-1,0" << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("multiplication sign") << "3×3: 0,-1,0,-1,5,-1,0,-1,0" << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("spaces only") << "3x3: 0 -1 0 -1 5 -1 0 -1 0" << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("comma and space") << "3x3: 0, -1, 0, -1, 5, -1, 0, -1, 0" << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("space before comma") << "3x3: 0 ,-1 , 0 ,-1 ,5,-1,0,-1,0" << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("rows on lines") << "3x3:\n  0 -1  0\n -1  5 -1\n  0 -1  0\n" << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("tabs and CRLF") << "3x3:\t0,-1,0,\r\n-1,5,-1,\r\n0,-1,0" << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("surrounding white space") << " \n\t3x3: 0,-1,0,-1,5,-1,0,-1,0 \n " << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("leading and trailing comma") << "3x3: ,0,-1,0,-1,5,-1,0,-1,0," << 3 << 3 << 1 << 1 << sharpen;
    QTest::newRow("ImageMagick's closing ';'") << "3x3: 0,-1,0,-1,5,-1,0,-1,0; " << 3 << 3 << 1 << 1 << sharpen;

    QTest::newRow("non-square 5x7") << "5x7: " + joined(counting(35), ",") << 5 << 7 << 2 << 3 << counting(35);
    QTest::newRow("non-square 7x5") << "7x5: " + joined(counting(35), " ") << 7 << 5 << 3 << 2 << counting(35);
    QTest::newRow("even 2x1") << "2x1: 0.5,0.5" << 2 << 1 << 0 << 0 << std::vector<float>{0.5f, 0.5f};
    QTest::newRow("even 4x2") << "4x2: 1,2,3,4,5,6,7,8" << 4 << 2 << 1 << 0 << counting(8);
    QTest::newRow("column 1x3") << "1x3: 1,2,3" << 1 << 3 << 0 << 1 << counting(3);
    QTest::newRow("1x1") << "1: 7" << 1 << 1 << 0 << 0 << std::vector<float>{7};
    QTest::newRow("largest side 1001x1") << "1001x1: " + joined(counting(1001), ",") << 1001 << 1 << 500 << 0
                                         << counting(1001);

    QTest::newRow("anchor top left") << "3x2+0+0: 1,2,3,4,5,6" << 3 << 2 << 0 << 0 << counting(6);
    QTest::newRow("anchor bottom right") << "3x2+2+1: 1,2,3,4,5,6" << 3 << 2 << 2 << 1 << counting(6);
    QTest::newRow("anchor on the centre") << "3x3+1+1: 1,2,3,4,5,6,7,8,9" << 3 << 3 << 1 << 1 << counting(9);
    QTest::newRow("anchor with shorthand") << "2+1+1: 1,2,3,4" << 2 << 2 << 1 << 1 << counting(4);
    QTest::newRow("anchor after a space") << "2x2 +1+0: 1,2,3,4" << 2 << 2 << 1 << 0 << counting(4);
    QTest::newRow("anchor -0") << "2x2-0+1: 1,2,3,4" << 2 << 2 << 0 << 1 << counting(4);

    QTest::newRow("signs, points, exponents")
        << "3x3: -1.5e-3, +2E+2, .5, 5., -.25, 1e3, 0.000, -0, 7e0" << 3 << 3 << 1 << 1
        << std::vector<float>{-1.5e-3f, 200, 0.5f, 5, -0.25f, 1000, 0, -0.0f, 7};
    QTest::newRow("float extremes") << "2x2: 3.4028234e38, -3.4028234e38, 1.1754944e-38, 1e-45" << 2 << 2 << 0 << 0
                                    << std::vector<float>{FLT_MAX, -FLT_MAX, FLT_MIN,
                                                          std::numeric_limits<float>::denorm_min()};
    QTest::newRow("too small for a float reads as 0")
        << "3x1: 1e-50, -1e-400, 1e-99999999999999999999" << 3 << 1 << 1 << 0 << std::vector<float>{0, -0.0f, 0};
    QTest::newRow("exponent LLONG_MIN reads as 0")
        << "1x1: 0.04e-9223372036854775808" << 1 << 1 << 0 << 0 << std::vector<float>{0};
    QTest::newRow("long mantissa") << "1x1: 0.1000000000000000000000000000000000000001" << 1 << 1 << 0 << 0
                                   << std::vector<float>{0.1f};
}

void tst_KernelText::parsesValidText()
{
    QFETCH(QString, text);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, anchorX);
    QFETCH(int, anchorY);
    QFETCH(std::vector<float>, weights);
    const Result<Kernel> parsed = parseKernelText(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QVERIFY2(parsed.error().isEmpty(), qPrintable(parsed.error()));
    QCOMPARE(parsed->width(), width);
    QCOMPARE(parsed->height(), height);
    QCOMPARE(parsed->anchorX(), anchorX);
    QCOMPARE(parsed->anchorY(), anchorY);
    QVERIFY(sameBits(parsed->weights(), weights));
    // The text carries neither, so a parsed kernel has the neutral ones.
    QCOMPARE(parsed->factor(), 1.0);
    QCOMPARE(parsed->bias(), 0.0);
}

void tst_KernelText::refusesBadText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("mentions");
    const QString nine = QStringLiteral("1,2,3,4,5,6,7,8,9");

    QTest::newRow("empty") << "" << QStringList{"empty"};
    QTest::newRow("blank") << "  \n\t " << QStringList{"empty"};

    QTest::newRow("values only") << "1,2,3,4" << QStringList{"missing 'WxH:' size prefix"};
    QTest::newRow("words") << "sharpen please" << QStringList{"missing 'WxH:' size prefix"};
    QTest::newRow("nothing before the colon") << ": 1,2,3,4" << QStringList{"missing 'WxH:' size prefix"};
    QTest::newRow("missing colon") << "3x3 " + nine << QStringList{"missing ':' after the size '3x3'"};
    QTest::newRow("missing colon with anchor") << "3x3+0+0 " + nine << QStringList{"missing ':'", "3x3+0+0"};

    QTest::newRow("size not a number") << "axb: 1" << QStringList{"size 'axb'", "WxH"};
    QTest::newRow("height missing") << "3x: 1,2,3" << QStringList{"size '3x'"};
    QTest::newRow("fractional size") << "2.5x2: 1,2,3,4" << QStringList{"size '2.5x2'"};
    QTest::newRow("negative size") << "-3x3: " + nine << QStringList{"size '-3x3'"};
    QTest::newRow("half an anchor") << "3x3+1: " + nine << QStringList{"size '3x3+1'"};
    QTest::newRow("ImageMagick rotation flag") << "3x3@: " + nine << QStringList{"size '3x3@'"};
    QTest::newRow("zero width") << "0x3: " << QStringList{"size 0x3 is out of range (1..1001 per side)"};
    QTest::newRow("zero height") << "3x0: " << QStringList{"size 3x0 is out of range (1..1001 per side)"};
    QTest::newRow("zero shorthand") << "0: " << QStringList{"size 0x0 is out of range"};
    QTest::newRow("too wide") << "1002x1: 1" << QStringList{"size 1002x1 is out of range (1..1001 per side)"};
    QTest::newRow("too tall") << "1x5000: 1" << QStringList{"size 1x5000 is out of range"};
    QTest::newRow("beyond 64 bits") << "99999999999999999999x1: 1"
                                    << QStringList{"size 99999999999999999999x1 is out of range"};

    QTest::newRow("one too few") << "3x3: 1,2,3,4,5,6,7,8" << QStringList{"expected 9 values for a 3x3 kernel, got 8"};
    QTest::newRow("one too many") << "2x2: 1,2,3,4,5" << QStringList{"expected 4 values for a 2x2 kernel, got 5"};
    QTest::newRow("none") << "2x2:" << QStringList{"expected 4 values for a 2x2 kernel, got 0"};
    QTest::newRow("non-square count") << "2x3: 1,2,3,4,5" << QStringList{"expected 6 values for a 2x3 kernel, got 5"};
    QTest::newRow("shorthand count") << "3: 1,2,3" << QStringList{"expected 9 values for a 3x3 kernel, got 3"};
    QTest::newRow("two commas") << "3x1: 1,,2,3" << QStringList{"value 2 is missing"};
    QTest::newRow("comma space comma") << "3x1: 1,2, ,3" << QStringList{"value 3 is missing"};
    QTest::newRow("second kernel") << "1x1: 1; 1x1: 2" << QStringList{"one kernel", "';'"};

    QTest::newRow("word") << "2x2: 1,2,3,abc" << QStringList{"value 4 ('abc') is not a number", "at row 2, column 2"};
    QTest::newRow("hex") << "1x1: 0x10" << QStringList{"value 1 ('0x10') is not a number"};
    QTest::newRow("two points") << "2x1: 1, 1.2.3" << QStringList{"value 2 ('1.2.3') is not a number"};
    QTest::newRow("bare exponent") << "1x1: 1e" << QStringList{"value 1 ('1e') is not a number"};
    QTest::newRow("exponent sign only") << "1x1: 1e+" << QStringList{"value 1 ('1e+') is not a number"};
    QTest::newRow("exponent alone") << "1x1: e5" << QStringList{"value 1 ('e5') is not a number"};
    QTest::newRow("point alone") << "1x1: ." << QStringList{"value 1 ('.') is not a number"};
    QTest::newRow("sign alone") << "1x1: -" << QStringList{"value 1 ('-') is not a number"};
    QTest::newRow("two signs") << "1x1: --1" << QStringList{"value 1 ('--1') is not a number"};
    QTest::newRow("unit") << "1x1: 5px" << QStringList{"value 1 ('5px') is not a number"};
    QTest::newRow("non-ASCII digit") << "1x1: \u0661" << QStringList{"value 1", "is not a number"};
    QTest::newRow("word containing nan") << "1x1: banana" << QStringList{"value 1 ('banana') is not a number"};

    const QString notFinite = QStringLiteral("is not finite (NaN or infinity are not allowed)");
    QTest::newRow("nan") << "2x2: 1,nan,3,4" << QStringList{"value 2 ('nan') " + notFinite, "at row 1, column 2"};
    QTest::newRow("NaN") << "1x1: NaN" << QStringList{"value 1 ('NaN') " + notFinite};
    QTest::newRow("-nan") << "1x1: -nan" << QStringList{"value 1 ('-nan') " + notFinite};
    QTest::newRow("nan with payload") << "1x1: nan(0x7)" << QStringList{"value 1 ('nan(0x7)') " + notFinite};
    QTest::newRow("inf") << "1x1: inf" << QStringList{"value 1 ('inf') " + notFinite};
    QTest::newRow("-inf") << "3x1: 0,0,-inf" << QStringList{"value 3 ('-inf') " + notFinite};
    QTest::newRow("+Infinity") << "1x1: +Infinity" << QStringList{"value 1 ('+Infinity') " + notFinite};
    QTest::newRow("INF") << "1x1: INF" << QStringList{"value 1 ('INF') " + notFinite};
    QTest::newRow("1e999") << "1x1: 1e999" << QStringList{"value 1 ('1e999') is not finite"};
    QTest::newRow("-1e999") << "1x1: -1e999" << QStringList{"value 1 ('-1e999') is not finite"};
    QTest::newRow("huge exponent") << "1x1: 1e99999999999999999999" << QStringList{"value 1", "is not finite"};
    // Found by fuzz_filterspec: exponents at long long's very edge overflowed the magnitude sum.
    QTest::newRow("exponent LLONG_MAX")
        << "1x1: 00400E0009223372036854775807" << QStringList{"value 1", "is not finite"};
    QTest::newRow("huge mantissa") << "1x1: 1" + QString(400, u'0') + "e-10" << QStringList{"value 1", "not finite"};
    QTest::newRow("beyond float") << "2x1: 1, 1e39" << QStringList{"value 2 ('1e39') is not finite"};
    QTest::newRow("just beyond float") << "1x1: -3.5e38" << QStringList{"value 1 ('-3.5e38') is not finite"};

    QTest::newRow("anchor column outside")
        << "3x3+5+0: " + nine << QStringList{"anchor +5+0 is outside the 3x3 kernel"};
    QTest::newRow("anchor column one past")
        << "3x2+3+0: 1,2,3,4,5,6" << QStringList{"anchor +3+0 is outside the 3x2 kernel"};
    QTest::newRow("anchor row one past") << "3x2+0+2: 1,2,3,4,5,6"
                                         << QStringList{"anchor +0+2 is outside the 3x2 kernel"};
    QTest::newRow("negative anchor") << "3x3-1+0: " + nine << QStringList{"anchor -1+0 is outside"};
    QTest::newRow("anchor beyond 32 bits")
        << "3x3+4294967296+0: " + nine << QStringList{"anchor +4294967296+0 is outside"};
}

void tst_KernelText::refusesBadText()
{
    QFETCH(QString, text);
    QFETCH(QStringList, mentions);
    const Result<Kernel> parsed = parseKernelText(text);
    QVERIFY2(!parsed.ok(), qPrintable((parsed ? kernelToText(*parsed) : QString())));
    QVERIFY(!parsed.error().isEmpty());
    for (const QString &phrase : mentions)
        QVERIFY2(parsed.error().contains(phrase),
                 qPrintable(QStringLiteral("'%1' does not say '%2'").arg(parsed.error(), phrase)));
}

void tst_KernelText::printsAndParsesBack_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::newRow("identity") << identity();
    QTest::newRow("sharpen3x3") << sharpen3x3();
    QTest::newRow("gaussian 7 1.3") << gaussian(7, 1.3);
    QTest::newRow("motion 9 30") << motion(9, 30);
    QTest::newRow("box 4 (even, default anchor)") << box(4);

    Kernel awkward(4, 3,
                   {0.1f, 1.0f / 3.0f, -2.0f / 7.0f, 1e-7f, 123456.78f, -0.0f, 0.0f, FLT_MAX, -FLT_MAX, FLT_MIN,
                    std::numeric_limits<float>::denorm_min(), 16777217.0f});
    QTest::newRow("awkward floats") << awkward;
    awkward.setAnchor(3, 0);
    QTest::newRow("awkward, anchor top right") << awkward;
    awkward.setAnchor(0, 2);
    QTest::newRow("awkward, anchor bottom left") << awkward;

    Kernel even(4, 2, {1, 2, 3, 4, 5, 6, 7, 8});
    even.setAnchor(2, 1); // the other "centre" of an even side is not the default one
    QTest::newRow("even, anchor right of centre") << even;

    std::vector<float> tall(35);
    for (size_t i = 0; i < tall.size(); ++i)
        tall[i] = float(std::sin(double(i))) / 7.0f;
    QTest::newRow("5x7") << Kernel(5, 7, tall);
}

void tst_KernelText::printsAndParsesBack()
{
    QFETCH(Kernel, kernel);
    const QString text = kernelToText(kernel);
    const Result<Kernel> parsed = parseKernelText(text);
    QVERIFY2(parsed.ok(), qPrintable(text + QStringLiteral(" -> ") + parsed.error()));
    QCOMPARE(parsed->width(), kernel.width());
    QCOMPARE(parsed->height(), kernel.height());
    QVERIFY2(sameBits(parsed->weights(), kernel.weights()), qPrintable(text));
    QCOMPARE(parsed->anchorX(), kernel.anchorX());
    QCOMPARE(parsed->anchorY(), kernel.anchorY());
    QCOMPARE(text.section(u':', 0, 0).contains(u'+'), !kernel.hasCentredAnchor());
}

void tst_KernelText::randomFloatsRoundTripInShortestForm()
{
    // Random bit patterns reach every exponent, denormals included.
    QRandomGenerator random(20240611);
    std::vector<float> weights;
    while (weights.size() < 40 * 50) {
        const quint32 bits = random.generate();
        float v;
        std::memcpy(&v, &bits, sizeof v);
        if (std::isfinite(v))
            weights.push_back(v);
    }
    const Kernel kernel(40, 50, weights);
    const QString text = kernelToText(kernel);
    const Result<Kernel> parsed = parseKernelText(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QVERIFY(sameBits(parsed->weights(), weights));

    // Shortest: no %g form with any precision reads back as the same float in fewer characters.
    const QStringList tokens = text.section(u':', 1).split(u',');
    QCOMPARE(tokens.size(), qsizetype(weights.size()));
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString token = tokens[i].trimmed();
        const float v = weights[size_t(i)];
        for (int precision = 1; precision <= 9; ++precision) {
            const QString candidate = QString::number(double(v), 'g', precision);
            if (readBack(candidate) == v) {
                QVERIFY2(token.size() <= candidate.size(), qPrintable(token + " could be " + candidate));
                break;
            }
        }
    }
}

void tst_KernelText::printsImageMagickForm_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::addColumn<QString>("text");
    QTest::newRow("sharpen3x3") << sharpen3x3() << "3x3: 0,-1,0,-1,5,-1,0,-1,0";
    QTest::newRow("0.1 and 10") << Kernel(2, 1, {0.1f, 10.0f}) << "2x1: 0.1,10";
    QTest::newRow("a third") << Kernel(1, 1, {1.0f / 3.0f}) << "1x1: 0.33333334";
    QTest::newRow("non-square") << Kernel(1, 3, {-1.5f, 0.25f, 2.0f}) << "1x3: -1.5,0.25,2";
    QTest::newRow("even, default anchor") << Kernel(4, 2, {1, 2, 3, 4, 5, 6, 7, 8}) << "4x2: 1,2,3,4,5,6,7,8";
    Kernel anchored(3, 1, {1, 2, 3});
    anchored.setAnchor(0, 0);
    QTest::newRow("anchored") << anchored << "3x1+0+0: 1,2,3";
    Kernel even(4, 2, {1, 2, 3, 4, 5, 6, 7, 8});
    even.setAnchor(2, 1);
    QTest::newRow("even, anchored") << even << "4x2+2+1: 1,2,3,4,5,6,7,8";
    QTest::newRow("canonical from loose text")
        << *parseKernelText(QStringLiteral(" 3 :\n 1 2 1\n 2 4 2\n 1 2 1 "))
        << "3x3: 1,2,1,2,4,2,1,2,1";
}

void tst_KernelText::printsImageMagickForm()
{
    QFETCH(Kernel, kernel);
    QFETCH(QString, text);
    QCOMPARE(kernelToText(kernel), text);
}

void tst_KernelText::leavesFactorAndBiasOut()
{
    Kernel k = binomial5x5();
    const QString before = kernelToText(Kernel(5, 5, k.weights()));
    k.setBias(12);
    QCOMPARE(kernelToText(k), before);
    QVERIFY(before.startsWith(QStringLiteral("5x5: 1,4,6,4,1,4,16,")));
}

QTEST_GUILESS_MAIN(tst_KernelText)
#include "tst_kerneltext.moc"
