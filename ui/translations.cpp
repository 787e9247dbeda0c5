#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace ks {

bool installTranslations(const QLocale &locale)
{
    // Owned here so that a second call (a test switching languages) replaces the first.
    static std::unique_ptr<QTranslator> plurals, editor, qt;
    for (auto *old : {plurals.get(), editor.get(), qt.get()})
        if (old)
            QCoreApplication::removeTranslator(old);
    plurals = std::make_unique<QTranslator>();
    editor = std::make_unique<QTranslator>();
    qt = std::make_unique<QTranslator>();
    // English plural forms ("1 step", "2 steps") under every language: the last installed is
    // asked first, so a language's own translation wins where it has the message.
    if (plurals->load(QStringLiteral("kernel-studio_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(plurals.get());
    const bool found = locale.language() != QLocale::English &&
                       editor->load(locale, QStringLiteral("kernel-studio"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (found)
        QCoreApplication::installTranslator(editor.get());
    // The standard buttons of Qt's dialogs (qt6-translations-l10n, when installed).
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt.get());
    return found;
}

} // namespace ks
