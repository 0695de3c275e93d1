#pragma once

#include <optional>

#include <QString>

#include "server/lockholder.h"
#include "server/lockrow.h"

namespace recordlock {

/// One broadcast lock event, before it is tailored to its recipients.
struct LockEvent
{
    /// The wire event name (events::LockAcquired, ...).
    QString event;
    /// The record's lock after the change; its seq is the event's seq.
    LockRow lock;
    /// The holder that lost the lock (released, expired, switched away, overridden).
    std::optional<LockHolder> previousHolder;
    /// The lock_released reason, or the admin's reason of lock_override; empty for other events.
    QString reason;
    /// lock_override only: the admin who took the lock over.
    std::optional<LockHolder> by;
};

} // namespace recordlock
