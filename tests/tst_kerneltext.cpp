#include "kernelbuilders.h"
#include "kerneltext.h"

#include <QTest>

using namespace ks;

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
    void printsImageMagickForm();
};

void tst_KernelText::parsesValidText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("anchorX");
    QTest::addColumn<int>("anchorY");
    QTest::addColumn<std::vector<float>>("weights");
    QTest::newRow("square 3x3") << "3x3: 0,-1,0,-1,5,-1,0,-1,0" << 3 << 3 << 1 << 1
                                << std::vector<float>{0, -1, 0, -1, 5, -1, 0, -1, 0};
    QTest::newRow("shorthand") << "3: 1,2,1,2,4,2,1,2,1" << 3 << 3 << 1 << 1
                               << std::vector<float>{1, 2, 1, 2, 4, 2, 1, 2, 1};
    QTest::newRow("non-square 5x1") << "5x1: 1 4 6 4 1" << 5 << 1 << 2 << 0 << std::vector<float>{1, 4, 6, 4, 1};
    QTest::newRow("even 2x1") << "2x1: 0.5,0.5" << 2 << 1 << 0 << 0 << std::vector<float>{0.5f, 0.5f};
    QTest::newRow("tall 1x3 upper X") << "1X3:1,2,3" << 1 << 3 << 0 << 1 << std::vector<float>{1, 2, 3};
    QTest::newRow("anchor") << "3x2+0+1: 1,2,3,4,5,6" << 3 << 2 << 0 << 1 << std::vector<float>{1, 2, 3, 4, 5, 6};
    QTest::newRow("whitespace and newlines")
        << "  2x2 :\n 1e-1 ,  -2.5E1\n\t3 , +4  " << 2 << 2 << 0 << 0 << std::vector<float>{0.1f, -25, 3, 4};
}

void tst_KernelText::parsesValidText()
{
    QFETCH(QString, text);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, anchorX);
    QFETCH(int, anchorY);
    QFETCH(std::vector<float>, weights);
    const KernelParseResult parsed = parseKernelText(text);
    QVERIFY2(parsed.kernel.has_value(), qPrintable(parsed.error));
    QVERIFY(parsed.error.isEmpty());
    QCOMPARE(parsed.kernel->width(), width);
    QCOMPARE(parsed.kernel->height(), height);
    QCOMPARE(parsed.kernel->anchorX(), anchorX);
    QCOMPARE(parsed.kernel->anchorY(), anchorY);
    QCOMPARE(parsed.kernel->weights(), weights);
}

void tst_KernelText::refusesBadText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("empty") << "" << QStringList{"empty"};
    QTest::newRow("blank") << "   " << QStringList{"empty"};
    QTest::newRow("no size") << "1,2,3" << QStringList{"WxH"};
    QTest::newRow("no colon") << "3x3 1,2,3,4,5,6,7,8,9" << QStringList{"WxH"};
    QTest::newRow("too few") << "3x3: 1,2,3,4,5,6,7,8" << QStringList{"expected 9", "got 8"};
    QTest::newRow("too many") << "2x2: 1,2,3,4,5" << QStringList{"expected 4", "got 5"};
    QTest::newRow("no values") << "2x2:" << QStringList{"expected 4", "got 0"};
    QTest::newRow("not a number") << "2x2: 1,2,abc,4" << QStringList{"value 3", "abc", "not a number"};
    QTest::newRow("nan") << "2x2: 1,nan,3,4" << QStringList{"value 2", "not finite"};
    QTest::newRow("inf") << "1x1: -inf" << QStringList{"value 1", "not finite"};
    QTest::newRow("overflow") << "1x1: 1e999" << QStringList{"value 1"};
    QTest::newRow("float overflow") << "1x1: 1e39" << QStringList{"value 1", "not finite"};
    QTest::newRow("zero size") << "0x3: " << QStringList{"0x3", "out of range"};
    QTest::newRow("too large") << "1002x1: 1" << QStringList{"1002x1", "1001"};
    QTest::newRow("anchor outside") << "3x3+5+0: 1,2,3,4,5,6,7,8,9" << QStringList{"anchor", "+5+0", "outside"};
    QTest::newRow("negative anchor") << "3x3-1+0: 1,2,3,4,5,6,7,8,9" << QStringList{"anchor", "outside"};
}

void tst_KernelText::refusesBadText()
{
    QFETCH(QString, text);
    QFETCH(QStringList, mentions);
    const KernelParseResult parsed = parseKernelText(text);
    QVERIFY(!parsed.kernel.has_value());
    for (const QString &word : mentions)
        QVERIFY2(parsed.error.contains(word, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("'%1' does not mention '%2'").arg(parsed.error, word)));
}

void tst_KernelText::printsAndParsesBack_data()
{
    QTest::addColumn<Kernel>("kernel");
    QTest::newRow("sharpen") << sharpen3x3();
    QTest::newRow("gaussian 7 1.3") << gaussian(7, 1.3);
    QTest::newRow("motion 9 30") << motion(9, 30);
    Kernel awkward(3, 2, {0.1f, 1.0f / 3.0f, -2.0f / 7.0f, 1e-7f, 123456.78f, -0.0f});
    QTest::newRow("awkward floats") << awkward;
    awkward.setAnchor(2, 0);
    QTest::newRow("with anchor") << awkward;
    QTest::newRow("even 4x4") << box(4);
}

void tst_KernelText::printsAndParsesBack()
{
    QFETCH(Kernel, kernel);
    const QString text = kernelToText(kernel);
    const KernelParseResult parsed = parseKernelText(text);
    QVERIFY2(parsed.kernel.has_value(), qPrintable(text + QStringLiteral(" -> ") + parsed.error));
    QCOMPARE(parsed.kernel->weights(), kernel.weights());
    QCOMPARE(parsed.kernel->anchorX(), kernel.anchorX());
    QCOMPARE(parsed.kernel->anchorY(), kernel.anchorY());
}

void tst_KernelText::printsImageMagickForm()
{
    QCOMPARE(kernelToText(sharpen3x3()), QStringLiteral("3x3: 0,-1,0,-1,5,-1,0,-1,0"));
    QCOMPARE(kernelToText(Kernel(2, 1, {0.1f, 10.0f})), QStringLiteral("2x1: 0.1,10"));
    Kernel anchored(3, 1, {1, 2, 3});
    anchored.setAnchor(0, 0);
    QCOMPARE(kernelToText(anchored), QStringLiteral("3x1+0+0: 1,2,3"));
}

QTEST_GUILESS_MAIN(tst_KernelText)
#include "tst_kerneltext.moc"
