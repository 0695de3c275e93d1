#pragma once

#include <QList>

#include "server/auditentry.h"

namespace recordlock {

/// Append-only audit trail of lock history (SQLite now, PostgreSQL later).
class AuditLog
{
public:
    virtual ~AuditLog();
    /// Appends an entry; false on failure.
    virtual bool append(const AuditEntry &entry) = 0;
    /// The newest entries of a record, newest first, at most limit.
    virtual QList<AuditEntry> history(const QString &recordId, int limit) = 0;
};

} // namespace recordlock
