#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace ks {

bool installTranslations(const QLocale &locale)
{
    // Owned here so that a second call (a test switching languages) replaces the first.
    static std::unique_ptr<QTranslator> editor, qt;
    for (auto *old : {editor.get(), qt.get()})
        if (old)
            QCoreApplication::removeTranslator(old);
    editor = std::make_unique<QTranslator>();
    qt = std::make_unique<QTranslator>();
    const bool found = editor->load(locale, QStringLiteral("kernel-studio"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (found)
        QCoreApplication::installTranslator(editor.get());
    // The standard buttons of Qt's dialogs (qt6-translations-l10n, when installed).
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt.get());
    return found;
}

} // namespace ks
