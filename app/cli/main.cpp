#include "clicommands.h"
#include "clioptions.h"

#include <QGuiApplication>

#include <csignal>

namespace {

// Qt's image plugins warn on stderr about every bad file (e.g. "libpng error"); the command
// line reports those itself in one line, so their chatter is shown only with -v (which puts
// Qt's default handler back).
void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg)
        fprintf(ks::cli::console(), "%s\n", qPrintable(message));
}

} // namespace

int main(int argc, char *argv[])
{
    // Headless: rasterising SVG text needs a GUI application, not a display.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // A reader that goes away (… | head) is a write error reported in one line, not a silent death.
    std::signal(SIGPIPE, SIG_IGN);
    qInstallMessageHandler(quietMessages);
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("kernel-studio-cli"));
    QGuiApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    return ks::cli::run(app.arguments().mid(1));
}
