#pragma once

#include <QCoreApplication>
#include <QString>

// The words of the filter declarations (names, descriptions, parameter labels) in the user's
// language. core/filters/ marks them with QT_TRANSLATE_NOOP("ks::FilterDeclaration", ...), so
// lupdate collects them for the editor's translations; the core itself (CLI, JSON) stays English.
namespace ks {

inline QString filterText(const char *text)
{
    return QCoreApplication::translate("ks::FilterDeclaration", text);
}

// A label inside running text ("size 5", "drag to change sigma"): English labels are lower-cased
// there; a translation is kept as written, since its case is the language's (German nouns keep
// their capital).
inline QString filterTextInSentence(const char *label)
{
    const QString translated = filterText(label);
    return translated == QString::fromUtf8(label) ? translated.toLower() : translated;
}

} // namespace ks
