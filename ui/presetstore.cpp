#include "presetstore.h"

#include "filelimits.h"
#include "imageio.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace ks {

namespace {

QString writeFile(const QString &path, const QByteArray &data)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return QStringLiteral("cannot write %1: cannot create the folder %2")
            .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(dir));
    return saveBytes(path, data).error();
}

qsizetype indexOf(const QList<Preset> &presets, const QString &name)
{
    for (qsizetype i = 0; i < presets.size(); ++i)
        if (presets[i].name == name)
            return i;
    return -1;
}

} // namespace

PresetStore::PresetStore(const QString &path, QObject *parent)
    : QObject(parent), m_path(path.isEmpty() ? defaultPath() : path), m_builtIn(builtInPresets())
{
    if (!QFileInfo::exists(m_path) && !QFileInfo(m_path).isSymLink())
        return;
    // A regular file of bounded size only: a FIFO in its place must not hang startup.
    const Result<QByteArray> bytes = readRegularFile(m_path, MaxTextFileBytes);
    const Result<QList<Preset>> parsed = bytes ? presetsFromJson(*bytes) : Failure{bytes.error()};
    if (!parsed) {
        m_loadError = QStringLiteral("cannot read %1: %2").arg(QDir::toNativeSeparators(m_path), parsed.error());
        return;
    }
    // A later version may bring a built-in of the same name: the user's preset is renamed,
    // never dropped (and so never erased from the file on the next save). Presets whose names
    // are free keep them; the renamed ones come after.
    for (const Preset &preset : *parsed)
        if (!isBuiltIn(preset.name))
            m_user.append(preset);
    for (Preset preset : *parsed)
        if (isBuiltIn(preset.name)) {
            preset.name = freeName(preset.name);
            m_user.append(preset);
        }
}

QString PresetStore::freeName(const QString &name) const
{
    if (!isBuiltIn(name) && !isUser(name))
        return name;
    for (int n = 1;; ++n) {
        const QString candidate = n == 1 ? QStringLiteral("%1 (mine)").arg(name) : QStringLiteral("%1 (mine %2)").arg(name).arg(n);
        if (!isBuiltIn(candidate) && !isUser(candidate))
            return candidate;
    }
}

QString PresetStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("presets.json"));
}

std::optional<Preset> PresetStore::find(const QString &name) const
{
    if (const qsizetype i = indexOf(m_user, name); i >= 0)
        return m_user[i];
    if (const qsizetype i = indexOf(m_builtIn, name); i >= 0)
        return m_builtIn[i];
    return std::nullopt;
}

bool PresetStore::isBuiltIn(const QString &name) const
{
    return indexOf(m_builtIn, name) >= 0;
}

bool PresetStore::isUser(const QString &name) const
{
    return indexOf(m_user, name) >= 0;
}

QString PresetStore::save(const Preset &preset)
{
    const QString name = preset.name.trimmed();
    if (name.isEmpty())
        return QStringLiteral("a preset needs a name");
    if (isBuiltIn(name))
        return QStringLiteral("\"%1\" is the name of a built-in preset; choose another name").arg(name);
    if (preset.recipe.steps.isEmpty())
        return QStringLiteral("preset \"%1\" has no steps").arg(name);
    QList<Preset> next = m_user;
    Preset named = preset;
    named.name = name;
    if (const qsizetype i = indexOf(next, name); i >= 0)
        next[i] = named;
    else
        next.append(named);
    return store(next);
}

QString PresetStore::remove(const QString &name)
{
    if (isBuiltIn(name))
        return QStringLiteral("\"%1\" is a built-in preset and cannot be deleted").arg(name);
    QList<Preset> next = m_user;
    const qsizetype i = indexOf(next, name);
    if (i < 0)
        return QStringLiteral("there is no preset called \"%1\"").arg(name);
    next.removeAt(i);
    return store(next);
}

QString PresetStore::importFrom(const QString &path, int *count)
{
    const Result<QByteArray> bytes = readRegularFile(path, MaxTextFileBytes);
    if (!bytes)
        return QStringLiteral("cannot read %1: %2").arg(QDir::toNativeSeparators(path), bytes.error());
    const Result<QList<Preset>> parsed = presetsFromJson(*bytes);
    if (!parsed)
        return QStringLiteral("cannot read %1: %2").arg(QDir::toNativeSeparators(path), parsed.error());
    QList<Preset> next = m_user;
    for (const Preset &preset : *parsed) {
        if (isBuiltIn(preset.name))
            return QStringLiteral("cannot import %1: \"%2\" is the name of a built-in preset")
                .arg(QDir::toNativeSeparators(path), preset.name);
        if (const qsizetype i = indexOf(next, preset.name); i >= 0)
            next[i] = preset;
        else
            next.append(preset);
    }
    if (const QString error = store(next); !error.isEmpty())
        return error;
    if (count)
        *count = int(parsed->size());
    return {};
}

QString PresetStore::exportTo(const QString &path) const
{
    return writeFile(path, presetsToJson(m_user));
}

QString PresetStore::store(const QList<Preset> &presets)
{
    if (!m_loadError.isEmpty() && QFile::exists(m_path)) {
        // Never overwrite presets this version could not read; keep them for a person to mend.
        // Each unreadable file keeps its own timestamped copy: a second one never replaces the first.
        const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        QString aside = m_path + QStringLiteral(".broken-") + stamp;
        for (int n = 2; QFileInfo::exists(aside) || QFileInfo(aside).isSymLink(); ++n)
            aside = m_path + QStringLiteral(".broken-%1-%2").arg(stamp).arg(n);
        if (!QFile::rename(m_path, aside))
            return QStringLiteral("cannot move the unreadable %1 aside").arg(QDir::toNativeSeparators(m_path));
    }
    if (const QString error = writeFile(m_path, presetsToJson(presets)); !error.isEmpty())
        return error;
    m_loadError.clear();
    m_user = presets;
    emit changed();
    return {};
}

} // namespace ks
