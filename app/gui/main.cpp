// kernel-studio: the editor. `kernel-studio [--recipe R.json] [FILE]` opens FILE, or the bundled
// sample, with the recipe's steps as the stack.
#include "heappolicy.h"
#include "mainwindow.h"
#include "previewcontroller.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QScreen>
#include <QSettings>
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

// The options, shared by the display-less --help/--version and the real run.
void describeOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral("Kernel filters with a live preview."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("screenshot"),
                      QStringLiteral("Save a picture of the window after the first full render, then quit."),
                      QStringLiteral("png")});
    parser.addOption({QStringLiteral("recipe"),
                      QStringLiteral("Start with the steps of this recipe (the command line's --recipe JSON)."),
                      QStringLiteral("json")});
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Image to open (default: the last image opened, if it still exists, "
                                                "else the bundled sample)."),
                                 QStringLiteral("[file]"));
}

bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i)
        for (const char *flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"})
            if (qstrcmp(argv[i], flag) == 0)
                return true;
    return false;
}

// With no file named, the editor reopens the last image of the previous session (the head of
// the recent files, written as soon as it changed), when it still exists.
QString startFile(const QStringList &files)
{
    if (!files.isEmpty())
        return files.first();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    if (!recent.isEmpty() && QFileInfo(recent.first()).isFile())
        return recent.first();
    return QStringLiteral(":/samples/photo.png");
}

} // namespace

int main(int argc, char *argv[])
{
    // --help and --version answer without a display (packaging, man pages, shells over ssh).
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("kernel-studio"));
        QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
        QCommandLineParser parser;
        describeOptions(parser);
        parser.process(app); // prints and exits
        return 0;
    }
    if (const QString problem = displayProblem(argc, argv); !problem.isEmpty()) {
        std::fprintf(stderr, "kernel-studio: %s\n", qPrintable(problem));
        return 1;
    }
    ks::keepFreedImageMemory(); // before Qt starts threads
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("KernelStudio"));
    QApplication::setApplicationName(QStringLiteral("Kernel Studio"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("kernel-studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kernel-studio.svg")));
    ks::installTranslations(); // the user's locale (LANG, LC_ALL, LANGUAGE)

    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);

    ks::MainWindow window;
    if (parser.isSet(QStringLiteral("screenshot")))
        screenshotWhenRendered(window, parser.value(QStringLiteral("screenshot")));
    window.show();
    window.openFile(startFile(parser.positionalArguments()));
    if (parser.isSet(QStringLiteral("recipe")))
        window.openRecipe(parser.value(QStringLiteral("recipe"))); // a bad file says why in a dialog
    return app.exec();
}
