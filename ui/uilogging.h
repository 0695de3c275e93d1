#pragma once

#include <QLoggingCategory>

namespace recordlock {

/// Widgets: banner, editor, record list, dialogs.
Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace recordlock
