#pragma once

#include <QString>

namespace recordlock {

/// One line of a record's lock history.
struct AuditEntry
{
    QString recordId;
    qint64 at = 0;
    /// "acquired", "released", "expired", "disconnected", "switched", "overridden", "saved".
    QString action;
    /// Display name of who did it (empty for the server itself, e.g. on expiry).
    QString actorName;
    /// Display name of the holder affected (e.g. the displaced holder on an override).
    QString subjectName;
    QString reason;
    qint64 token = 0;
};

} // namespace recordlock
