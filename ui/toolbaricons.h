#pragma once

class QWidget;

namespace ks {

// Gives the toolbar's actions (found under `window` by objectName) their icons: the desktop
// theme's (QIcon::fromTheme, freedesktop names such as zoom-in), or the icon bundled under
// :/icons/toolbar where the theme has none, so the toolbar looks native and never goes blank.
void applyToolbarIcons(QWidget *window);

} // namespace ks
