#include "server/sqlauditlog.h"

#include <limits>

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

std::optional<AuditPage> SqlAuditLog::history(const QString &recordId, int limit, std::optional<qint64> before)
{
    AuditPage page;
    if (limit <= 0)
        return page;
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    // Ordered by id, not at: id is the paging cursor, and append order stays true even if the
    // server clock steps back. One row beyond the page tells whether more exist.
    query.prepare(u"SELECT id, record_id, at, action, actor_name, subject_name, reason, token FROM audit"
                  " WHERE record_id = ? AND id < ? ORDER BY id DESC LIMIT ?"_s);
    query.addBindValue(Database::notNull(recordId));
    query.addBindValue(before.value_or(std::numeric_limits<qint64>::max()));
    query.addBindValue(qint64(limit) + 1);
    if (!query.exec()) {
        qCWarning(lcStorage) << "cannot read audit history:" << query.lastError().text();
        return std::nullopt;
    }
    while (query.next()) {
        if (page.entries.size() == limit) {
            page.more = true;
            break;
        }
        AuditEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.recordId = query.value(1).toString();
        entry.at = query.value(2).toLongLong();
        entry.action = query.value(3).toString();
        entry.actorName = query.value(4).toString();
        entry.subjectName = query.value(5).toString();
        entry.reason = query.value(6).toString();
        entry.token = query.value(7).toLongLong();
        page.entries.append(entry);
    }
    return page;
}

} // namespace recordlock
