#pragma once

#include "server/auditlog.h"
#include "server/sqlstatement.h"

namespace recordlock {

class Database;

/// AuditLog on the audit table of a Database (which must outlive it).
class SqlAuditLog final : public AuditLog
{
public:
    /// Uses database's connection; the database must be open.
    explicit SqlAuditLog(Database &database);

    bool append(const AuditEntry &entry) override;
    std::optional<AuditPage> history(const QString &recordId, int limit, std::optional<qint64> before) override;

private:
    Database &m_database;
    /// Prepared once and bound through the C API: every lock change appends an entry, and both
    /// parsing the INSERT and QSqlQuery's binding showed in profiles.
    SqlStatement m_insert;
};

} // namespace recordlock
