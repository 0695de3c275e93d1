#pragma once

#include <QSqlQuery>

#include "server/auditlog.h"

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
    /// Prepared once: every lock change appends an entry, and parsing the INSERT each time showed
    /// in profiles.
    QSqlQuery m_insert;
    bool m_prepared = false;
};

} // namespace recordlock
