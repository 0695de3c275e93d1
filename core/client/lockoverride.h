#pragma once

#include <QMetaType>
#include <QString>

#include "client/holder.h"

namespace recordlock {

/// What a lock_override event told: who took the lock, from whom and why.
struct LockOverride
{
    /// The holder whose lock ended (sameSession: this very window was displaced).
    Holder previous;
    /// The administrator who took the lock over.
    Holder by;
    /// The administrator's reason, as shown to the displaced holder and kept in the audit trail.
    QString reason;

    /// True once an override was recorded (an administrator is named).
    bool isValid() const { return !by.displayName.isEmpty() || !by.handle.isEmpty(); }

    friend bool operator==(const LockOverride &, const LockOverride &) = default;
};

} // namespace recordlock

Q_DECLARE_METATYPE(recordlock::LockOverride)
