#pragma once

#include <QString>

namespace recordlock {

/// One line of a record's lock history.
struct AuditEntry
{
    /// Increasing entry number, assigned by the log on append (the get_history paging cursor).
    qint64 id = 0;
    QString recordId;
    qint64 at = 0;
    /// "acquired", "released", "logout", "expired", "disconnected", "switched", "overridden", "saved".
    QString action;
    /// Display name of who did it (empty for the server itself, e.g. on expiry).
    QString actorName;
    /// Display name of the holder affected (e.g. the displaced holder on an override).
    QString subjectName;
    /// The override reason; empty for every other action.
    QString reason;
    /// The fencing token involved: the new one for acquired/switched/overridden, else the ending one.
    qint64 token = 0;
};

} // namespace recordlock
