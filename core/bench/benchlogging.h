#pragma once

#include <QLoggingCategory>

namespace recordlock {

/// The load generator's log category (progress and failures of a bench run).
Q_DECLARE_LOGGING_CATEGORY(lcBench)

} // namespace recordlock
