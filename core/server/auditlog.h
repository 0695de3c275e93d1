#pragma once

#include <optional>

#include <QString>

#include "server/auditentry.h"
#include "server/auditpage.h"

namespace recordlock {

/// Append-only audit trail of lock history (SQLite now, PostgreSQL later).
class AuditLog
{
public:
    virtual ~AuditLog();
    /// Appends an entry (its id is assigned by the log); false on failure.
    virtual bool append(const AuditEntry &entry) = 0;
    /// Up to limit entries of a record with an id below before (all if nullopt), newest (highest
    /// id) first; nullopt if the log cannot be read.
    virtual std::optional<AuditPage> history(const QString &recordId, int limit, std::optional<qint64> before) = 0;
};

} // namespace recordlock
