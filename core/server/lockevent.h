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
    /// The holder that lost the lock (released, expired, switched away).
    std::optional<LockHolder> previousHolder;
    /// The lock_released reason; empty for other events.
    QString reason;
};

} // namespace recordlock
