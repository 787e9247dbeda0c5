#include "toolbaricons.h"

#include <QAction>
#include <QIcon>
#include <QWidget>

namespace ks {

namespace {

struct ToolbarIcon
{
    const char *action;
    const char *themeName; // freedesktop icon naming spec where it has one; else ours
    const char *bundled;   // :/icons/toolbar/<bundled>.svg
};

constexpr ToolbarIcon Icons[] = {
    {"actionOpen", "document-open", "open"},
    {"actionExport", "document-export", "export"},
    {"actionSideBySide", "kernel-studio-side-by-side", "side-by-side"},
    {"actionSplit", "kernel-studio-split", "split"},
    {"actionDifference", "kernel-studio-difference", "difference"},
    {"actionZoomOut", "zoom-out", "zoom-out"},
    {"actionZoomIn", "zoom-in", "zoom-in"},
    {"actionFit", "zoom-fit-best", "zoom-fit"},
    {"actionActualSize", "zoom-original", "zoom-original"},
};

} // namespace

void applyToolbarIcons(QWidget *window)
{
    for (const ToolbarIcon &icon : Icons) {
        auto *action = window->findChild<QAction *>(QLatin1String(icon.action));
        if (!action)
            continue;
        const QIcon bundled(QStringLiteral(":/icons/toolbar/%1.svg").arg(QLatin1String(icon.bundled)));
        action->setIcon(QIcon::fromTheme(QLatin1String(icon.themeName), bundled));
    }
}

} // namespace ks
