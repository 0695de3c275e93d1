#include "ui/uilogging.h"

namespace recordlock {

Q_LOGGING_CATEGORY(lcUi, "recordlock.ui")

} // namespace recordlock
