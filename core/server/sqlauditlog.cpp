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
    , m_insert(database.db())
{
    m_prepared = m_insert.prepare(u"INSERT INTO audit (record_id, at, action, actor_name, subject_name, reason, token)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    if (!m_prepared)
        qCWarning(lcStorage) << "cannot prepare the audit insert:" << m_insert.lastError().text();
}

bool SqlAuditLog::append(const AuditEntry &entry)
{
    if (!m_prepared)
        return false;
    m_insert.bindValue(0, Database::notNull(entry.recordId));
    m_insert.bindValue(1, entry.at);
    m_insert.bindValue(2, Database::notNull(entry.action));
    m_insert.bindValue(3, Database::notNull(entry.actorName));
    m_insert.bindValue(4, Database::notNull(entry.subjectName));
    m_insert.bindValue(5, Database::notNull(entry.reason));
    m_insert.bindValue(6, entry.token);
    const bool ok = m_insert.exec();
    if (!ok)
        qCWarning(lcStorage) << "cannot append audit entry:" << m_insert.lastError().text();
    m_insert.finish();
    if (!ok)
        return false;
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
