#include "server/sqllockstore.h"

#include <QSqlError>

#include "server/database.h"
#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

SqlLockStore::SqlLockStore(Database &database)
    : m_database(database)
    , m_upsert(database.db())
{
    m_prepared = m_upsert.prepare(
        u"INSERT INTO lock_state (record_id, fence, seq, held, session_id, user_id, holder_name,"
        " holder_handle, since, expires_at, connected, orphan_deadline, token)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (record_id) DO UPDATE SET fence = excluded.fence, seq = excluded.seq,"
        " held = excluded.held, session_id = excluded.session_id, user_id = excluded.user_id,"
        " holder_name = excluded.holder_name, holder_handle = excluded.holder_handle,"
        " since = excluded.since, expires_at = excluded.expires_at, connected = excluded.connected,"
        " orphan_deadline = excluded.orphan_deadline, token = excluded.token"_s);
    if (!m_prepared)
        qCWarning(lcStorage) << "cannot prepare lock_state upsert:" << m_upsert.lastError().text();
}

QList<LockRow> SqlLockStore::loadAll()
{
    QList<LockRow> rows;
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT record_id, fence, seq, held, session_id, user_id, holder_name, holder_handle,"
                    " since, expires_at, connected, orphan_deadline, token FROM lock_state"
                    " ORDER BY record_id"_s)) {
        qCWarning(lcStorage) << "cannot load lock_state:" << query.lastError().text();
        return rows;
    }
    while (query.next()) {
        LockRow row;
        row.recordId = query.value(0).toString();
        row.fence = query.value(1).toLongLong();
        row.seq = query.value(2).toLongLong();
        row.held = query.value(3).toLongLong() != 0;
        row.sessionId = query.value(4).toString();
        row.userId = query.value(5).toLongLong();
        row.holderName = query.value(6).toString();
        row.holderHandle = query.value(7).toString();
        row.since = query.value(8).toLongLong();
        row.expiresAt = query.value(9).toLongLong();
        row.connected = query.value(10).toLongLong() != 0;
        row.orphanDeadline = query.value(11).toLongLong();
        row.token = query.value(12).toLongLong();
        rows.append(row);
    }
    return rows;
}

bool SqlLockStore::write(const LockRow &row)
{
    if (!m_prepared)
        return false;
    m_upsert.bindValue(0, Database::notNull(row.recordId));
    m_upsert.bindValue(1, row.fence);
    m_upsert.bindValue(2, row.seq);
    m_upsert.bindValue(3, row.held ? 1 : 0);
    m_upsert.bindValue(4, Database::notNull(row.sessionId));
    m_upsert.bindValue(5, row.userId);
    m_upsert.bindValue(6, Database::notNull(row.holderName));
    m_upsert.bindValue(7, Database::notNull(row.holderHandle));
    m_upsert.bindValue(8, row.since);
    m_upsert.bindValue(9, row.expiresAt);
    m_upsert.bindValue(10, row.connected ? 1 : 0);
    m_upsert.bindValue(11, row.orphanDeadline);
    m_upsert.bindValue(12, row.token);
    const bool ok = m_upsert.exec();
    if (!ok)
        qCWarning(lcStorage) << "cannot write lock_state of" << row.recordId << ":" << m_upsert.lastError().text();
    m_upsert.finish();
    return ok;
}

} // namespace recordlock
