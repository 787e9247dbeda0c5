#pragma once

namespace ks {

// Accessible interfaces for widgets whose Qt default fails AT-SPI automation. Idempotent; the
// window calls it before building its widgets.
//
// Combo boxes: on Linux Qt names a combo box by its current item ("on Linux we use relations
// for this"), so no AT-SPI client can find "Border mode" by name; a non-editable combo box with
// an accessible name is exposed under that name, its current item as its value.
void installAccessibleInterfaces();

} // namespace ks
