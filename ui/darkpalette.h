#pragma once

#include <QPalette>

namespace recordlock {

/// A dark palette for the Fusion style (Qt 6.4 cannot ask the desktop for its colour scheme).
QPalette darkPalette();

} // namespace recordlock
