#pragma once

#include "presets.h"

#include <QObject>

#include <optional>

namespace ks {

// The presets the editor offers: the built-in ones (read-only) and the user's own, kept in a
// JSON file in the presets format (presetsToJson). Every change writes the whole file
// atomically (QSaveFile), so a crash never leaves half a file. Built-in names are reserved:
// a user preset never hides a built-in one; one
// read from the file under a built-in's name is renamed "<name> (mine)", never dropped. Lives on the GUI thread.
class PresetStore : public QObject
{
    Q_OBJECT

public:
    // `path` is the user presets file; empty means defaultPath(). A missing file is an empty list.
    explicit PresetStore(const QString &path = {}, QObject *parent = nullptr);

    // presets.json in QStandardPaths::AppDataLocation.
    static QString defaultPath();

    const QString &path() const { return m_path; }
    const QList<Preset> &builtIn() const { return m_builtIn; }
    const QList<Preset> &user() const { return m_user; }
    std::optional<Preset> find(const QString &name) const; // user or built-in
    bool isBuiltIn(const QString &name) const;
    bool isUser(const QString &name) const;

    // Why the user file could not be read when the store was made; empty when it could (or was
    // missing). The unreadable file is kept aside as <path>.broken-<yyyyMMdd-HHmmss> on the first
    // write; an earlier broken copy is never replaced.
    const QString &loadError() const { return m_loadError; }

    // Each returns why it failed, naming the file; empty on success. The list is unchanged on failure.
    QString save(const Preset &preset);  // adds it, or replaces the user preset of that name
    QString remove(const QString &name); // user presets only
    // Adds every preset of a presets file, replacing user presets of the same names.
    QString importFrom(const QString &file, int *count = nullptr);
    QString exportTo(const QString &file) const; // the user presets

signals:
    void changed();

private:
    QString store(const QList<Preset> &presets);
    // `name`, or "<name> (mine)", "<name> (mine 2)", ... when a built-in or user preset has it.
    QString freeName(const QString &name) const;

    QString m_path;
    QList<Preset> m_builtIn;
    QList<Preset> m_user;
    QString m_loadError;
};

} // namespace ks
