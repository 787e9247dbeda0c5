#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace ks {

// The folder the editor last used for a kind of file ("dirs/open", "dirs/export",
// "dirs/recipe"), kept in QSettings and written as soon as it changes. Always a folder that
// exists: the remembered one, else `fallback`, else the home folder.
QString rememberedDir(const QString &key, const QString &fallback = {});
void rememberDir(const QString &key, const QString &dir);

// The Open Recent menu: the last files opened, newest first, kept in QSettings and written as
// soon as the list changes. Lives on the GUI thread.
class RecentFiles : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxFiles = 10;

    // Fills `menu` (which it does not own) from the settings.
    explicit RecentFiles(QMenu *menu, QObject *parent = nullptr);

    const QStringList &files() const { return m_files; }
    void add(const QString &path);
    void clear();

signals:
    void openRequested(const QString &path);

private:
    void changed();
    void rebuildMenu();

    QMenu *m_menu;
    QStringList m_files;
};

} // namespace ks
