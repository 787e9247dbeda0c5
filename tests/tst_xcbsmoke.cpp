// The editor on the real X11 platform: started under Xvfb on the bundled sample, it renders,
// grabs its window and quits (the flow of scripts/screenshot.sh). The picture must show
// the window with the image in it, not a blank or black frame.
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class tst_XcbSmoke : public QObject
{
    Q_OBJECT

private slots:
    void startsRendersAndGrabs();
    void saysSoWithoutDisplay();
};

void tst_XcbSmoke::startsRendersAndGrabs()
{
    const QString xvfbRun = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
    QVERIFY2(!xvfbRun.isEmpty(), "xvfb-run is missing (scripts/common.sh installs the xvfb package)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString shot = dir.filePath(QStringLiteral("window.png"));

    QProcess editor;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // ctest asks for offscreen; this test wants xcb
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    editor.setProcessEnvironment(env);
    editor.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    editor.start(xvfbRun, {QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 1400x900x24"),
                           QStringLiteral(KS_GUI_PATH), QStringLiteral("-platform"), QStringLiteral("xcb"),
                           QStringLiteral("--screenshot"), shot});
    QVERIFY(editor.waitForFinished(180000));
    QCOMPARE(editor.exitStatus(), QProcess::NormalExit);
#if defined(__SANITIZE_THREAD__)
    // Under scripts/test.sh --tsan the editor is built with ThreadSanitizer, which ends a process
    // that printed a report with exit code 66. On xcb that is mostly libxcb's and Qt's own
    // uninstrumented threads; the reports are in the log above, and the suites that drive the
    // engine and the preview are where races fail. Here: it started, rendered and grabbed.
    if (editor.exitCode() == 66)
        qWarning("the editor exited with ThreadSanitizer's code 66 (its reports are above)");
    else
        QCOMPARE(editor.exitCode(), 0);
#else
    QCOMPARE(editor.exitCode(), 0);
#endif

    QImage image(shot);
    QVERIFY2(!image.isNull(), qPrintable(shot));
    QVERIFY(image.width() >= 800 && image.height() >= 500);
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    // Widgets alone give a few dozen colours; the photo and its blurred copy give thousands.
    QVERIFY2(colours.size() > 2000, qPrintable(QString::number(colours.size())));
}

void tst_XcbSmoke::saysSoWithoutDisplay()
{
    QProcess editor;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    editor.setProcessEnvironment(env);
    editor.start(QStringLiteral(KS_GUI_PATH), {});
    QVERIFY(editor.waitForFinished(30000));
    QCOMPARE(editor.exitStatus(), QProcess::NormalExit);
    QCOMPARE(editor.exitCode(), 1);
    const QString error = QString::fromLocal8Bit(editor.readAllStandardError()).trimmed();
    QVERIFY2(error.startsWith(QLatin1String("kernel-studio: no display")), qPrintable(error));
    QCOMPARE(error.count(QLatin1Char('\n')), 0);
}

QTEST_GUILESS_MAIN(tst_XcbSmoke)
#include "tst_xcbsmoke.moc"
