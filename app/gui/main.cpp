// kernel-studio: the editor. `kernel-studio [--recipe R.json] [FILE]` opens FILE, or the bundled
// sample, with the recipe's steps as the stack.
#include "mainwindow.h"
#include "previewcontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QScreen>
#include <QTimer>
#include <QWindow>

#include <cstdio>

namespace {

// Qt aborts inside QApplication when the X11 platform cannot reach a display; people get a
// core dump instead of a reason. Catch the common cases first and say so in one line.
QString displayProblem(int argc, char *argv[])
{
    QString platform = qEnvironmentVariable("QT_QPA_PLATFORM");
    for (int i = 1; i + 1 < argc; ++i)
        if (qstrcmp(argv[i], "-platform") == 0)
            platform = QString::fromLocal8Bit(argv[i + 1]);
    if (!platform.isEmpty() && !platform.startsWith(QLatin1String("xcb")))
        return {}; // offscreen, wayland, ...: Qt reports those itself
    const QString display = qEnvironmentVariable("DISPLAY");
    if (display.isEmpty())
        return qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
                   ? QStringLiteral("no display available (DISPLAY is not set); run it in a desktop session, "
                                    "under xvfb-run, or with QT_QPA_PLATFORM=offscreen")
                   : QString();
    // A local display ":N" listens on /tmp/.X11-unix/XN; remote ones are left to Qt.
    if (display.startsWith(QLatin1Char(':'))) {
        const QString number = display.mid(1).section(QLatin1Char('.'), 0, 0);
        if (!QFileInfo::exists(QStringLiteral("/tmp/.X11-unix/X") + number))
            return QStringLiteral("cannot reach display %1 (no X server is listening there)").arg(display);
    }
    return {};
}

// Saves a picture of the window once the first full-resolution render is shown, then quits:
// the screenshot flow of scripts/screenshot.sh and the Xvfb smoke test.
void screenshotWhenRendered(ks::MainWindow &window, const QString &path)
{
    QObject::connect(window.preview(), &ks::PreviewController::resultReady, &window,
                     [&window, path](const QImage &, bool full) {
                         if (!full)
                             return;
                         QTimer::singleShot(500, &window, [&window, path] {
                             QPixmap shot;
                             if (QScreen *screen = window.screen())
                                 shot = screen->grabWindow(window.winId());
                             if (shot.isNull())
                                 shot = window.grab();
                             const bool saved = shot.save(path);
                             std::fprintf(stderr, "kernel-studio: %s %s\n", saved ? "screenshot written to" : "cannot write",
                                          qPrintable(path));
                             QCoreApplication::exit(saved ? 0 : 1);
                         });
                     });
    QTimer::singleShot(120'000, &window, [] {
        std::fprintf(stderr, "kernel-studio: no render within two minutes; no screenshot\n");
        QCoreApplication::exit(1);
    });
}

} // namespace

int main(int argc, char *argv[])
{
    if (const QString problem = displayProblem(argc, argv); !problem.isEmpty()) {
        std::fprintf(stderr, "kernel-studio: %s\n", qPrintable(problem));
        return 1;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("KernelStudio"));
    QApplication::setApplicationName(QStringLiteral("Kernel Studio"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("kernel-studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kernel-studio.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kernel filters with a live preview."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("screenshot"),
                      QStringLiteral("Save a picture of the window after the first full render, then quit."),
                      QStringLiteral("png")});
    parser.addOption({QStringLiteral("recipe"),
                      QStringLiteral("Start with the steps of this recipe (the command line's --recipe JSON)."),
                      QStringLiteral("json")});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Image to open (default: the bundled sample)."),
                                 QStringLiteral("[file]"));
    parser.process(app);

    ks::MainWindow window;
    if (parser.isSet(QStringLiteral("screenshot")))
        screenshotWhenRendered(window, parser.value(QStringLiteral("screenshot")));
    window.show();
    const QStringList files = parser.positionalArguments();
    window.openFile(files.isEmpty() ? QStringLiteral(":/samples/photo.png") : files.first());
    if (parser.isSet(QStringLiteral("recipe")))
        window.openRecipe(parser.value(QStringLiteral("recipe"))); // a bad file says why in a dialog
    return app.exec();
}
