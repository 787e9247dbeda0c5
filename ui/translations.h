#pragma once

#include <QLocale>

// The editor in the user's language: the .qm files built from resources/translations/*.ts
// are embedded under :/i18n.
namespace ks {

// Installs, on the application, the editor's translation for `locale` (from its UI languages,
// e.g. de_AT falls back to de) and Qt's own for its dialogs where the system has it. Replaces
// what an earlier call installed. Returns whether the editor's translation was found
// (English needs none). Call on the GUI thread, before the windows are built.
bool installTranslations(const QLocale &locale = QLocale());

} // namespace ks
