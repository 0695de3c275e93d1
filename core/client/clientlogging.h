#pragma once

#include <QLoggingCategory>

namespace recordlock {

/// The client's WebSocket connection, sign-in and reconnects.
Q_DECLARE_LOGGING_CATEGORY(lcClientConnection)
/// Client-side lock state, events and renewals.
Q_DECLARE_LOGGING_CATEGORY(lcClientLocks)
/// Client-side record reads and saves.
Q_DECLARE_LOGGING_CATEGORY(lcClientRecords)

} // namespace recordlock
