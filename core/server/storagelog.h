#pragma once

#include <QLoggingCategory>

namespace recordlock {

/// Logging of the SQLite stores ("recordlock.storage").
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
/// Logging of passwords, secrets, tokens and accounts ("recordlock.identity").
Q_DECLARE_LOGGING_CATEGORY(lcIdentity)

} // namespace recordlock
