#include "recentfiles.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace ks {

namespace {

const QString FilesKey = QStringLiteral("recentFiles");

} // namespace

QString rememberedDir(const QString &key, const QString &fallback)
{
    // A file dialog opened on a folder that is gone (deleted, an unplugged disk, no Pictures
    // folder) starts somewhere arbitrary; the nearest existing folder is where people look.
    for (const QString &dir : {QSettings().value(key).toString(), fallback})
        if (!dir.isEmpty() && QDir(dir).exists())
            return dir;
    return QDir::homePath();
}

void rememberDir(const QString &key, const QString &dir)
{
    QSettings().setValue(key, dir);
}

RecentFiles::RecentFiles(QMenu *menu, QObject *parent)
    : QObject(parent), m_menu(menu), m_files(QSettings().value(FilesKey).toStringList())
{
    rebuildMenu();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(absolute);
    m_files.prepend(absolute);
    while (m_files.size() > MaxFiles)
        m_files.removeLast();
    changed();
}

void RecentFiles::clear()
{
    m_files.clear();
    changed();
}

void RecentFiles::changed()
{
    QSettings().setValue(FilesKey, m_files);
    rebuildMenu();
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    for (const QString &path : std::as_const(m_files)) {
        QAction *action = m_menu->addAction(QFileInfo(path).fileName());
        action->setToolTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    m_menu->setEnabled(!m_files.isEmpty());
    if (m_files.isEmpty())
        return;
    m_menu->addSeparator();
    QAction *clear = m_menu->addAction(tr("&Clear Recent Files"));
    connect(clear, &QAction::triggered, this, &RecentFiles::clear);
}

} // namespace ks
