#include "server/sqlauditlog.h"

#include <QSqlError>
#include <QSqlQuery>

#include "server/database.h"
#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

SqlAuditLog::SqlAuditLog(Database &database)
    : m_database(database)
{
}

bool SqlAuditLog::append(const AuditEntry &entry)
{
    QSqlQuery query(m_database.db());
    query.prepare(u"INSERT INTO audit (record_id, at, action, actor_name, subject_name, reason, token)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(Database::notNull(entry.recordId));
    query.addBindValue(entry.at);
    query.addBindValue(Database::notNull(entry.action));
    query.addBindValue(Database::notNull(entry.actorName));
    query.addBindValue(Database::notNull(entry.subjectName));
    query.addBindValue(Database::notNull(entry.reason));
    query.addBindValue(entry.token);
    if (!query.exec()) {
        qCWarning(lcStorage) << "cannot append audit entry:" << query.lastError().text();
        return false;
    }
    return true;
}

QList<AuditEntry> SqlAuditLog::history(const QString &recordId, int limit)
{
    QList<AuditEntry> entries;
    if (limit <= 0)
        return entries;
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    // id breaks ties between entries of the same millisecond, keeping insertion order.
    query.prepare(u"SELECT record_id, at, action, actor_name, subject_name, reason, token FROM audit"
                  " WHERE record_id = ? ORDER BY at DESC, id DESC LIMIT ?"_s);
    query.addBindValue(Database::notNull(recordId));
    query.addBindValue(limit);
    if (!query.exec()) {
        qCWarning(lcStorage) << "cannot read audit history:" << query.lastError().text();
        return entries;
    }
    while (query.next()) {
        AuditEntry entry;
        entry.recordId = query.value(0).toString();
        entry.at = query.value(1).toLongLong();
        entry.action = query.value(2).toString();
        entry.actorName = query.value(3).toString();
        entry.subjectName = query.value(4).toString();
        entry.reason = query.value(5).toString();
        entry.token = query.value(6).toLongLong();
        entries.append(entry);
    }
    return entries;
}

} // namespace recordlock
