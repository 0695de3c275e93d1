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
    , m_insert(database.db(), u"INSERT INTO audit (record_id, at, action, actor_name, subject_name, reason, token)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?)"_s)
{
    if (!m_insert.isValid())
        qCWarning(lcStorage) << "cannot prepare the audit insert:" << m_insert.lastError();
}

bool SqlAuditLog::append(const AuditEntry &entry)
{
    if (!m_insert.isValid())
        return false;
    m_insert.bindText(1, entry.recordId);
    m_insert.bindInteger(2, entry.at);
    m_insert.bindText(3, entry.action);
    m_insert.bindText(4, entry.actorName);
    m_insert.bindText(5, entry.subjectName);
    m_insert.bindText(6, entry.reason);
    m_insert.bindInteger(7, entry.token);
    const bool ok = m_insert.exec();
    if (!ok)
        qCWarning(lcStorage) << "cannot append audit entry:" << m_insert.lastError();
    return ok;
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
