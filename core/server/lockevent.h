#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "server/lockholder.h"
#include "server/lockrow.h"

namespace recordlock {

/// One broadcast event about a record (a lock event or record_updated), before it is tailored to
/// its recipients.
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
    /// record_updated only: the record with only its changed fields, as clients get it.
    QJsonObject record;
    /// record_updated only: the names of the changed fields.
    QStringList changedFields;
};

} // namespace recordlock
