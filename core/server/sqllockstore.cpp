#include "server/sqllockstore.h"

#include <QSqlError>
#include <QSqlQuery>

#include "server/database.h"
#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

SqlLockStore::SqlLockStore(Database &database)
    : m_database(database)
    , m_upsert(database.db(),
               u"INSERT INTO lock_state (record_id, fence, seq, held, session_id, user_id, holder_name,"
        " holder_handle, since, expires_at, connected, orphan_deadline, token)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (record_id) DO UPDATE SET fence = excluded.fence, seq = excluded.seq,"
        " held = excluded.held, session_id = excluded.session_id, user_id = excluded.user_id,"
        " holder_name = excluded.holder_name, holder_handle = excluded.holder_handle,"
        " since = excluded.since, expires_at = excluded.expires_at, connected = excluded.connected,"
        " orphan_deadline = excluded.orphan_deadline, token = excluded.token"_s)
{
    if (!m_upsert.isValid())
        qCWarning(lcStorage) << "cannot prepare lock_state upsert:" << m_upsert.lastError();
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
    if (!m_upsert.isValid())
        return false;
    m_upsert.bindText(1, row.recordId);
    m_upsert.bindInteger(2, row.fence);
    m_upsert.bindInteger(3, row.seq);
    m_upsert.bindInteger(4, row.held ? 1 : 0);
    m_upsert.bindText(5, row.sessionId);
    m_upsert.bindInteger(6, row.userId);
    m_upsert.bindText(7, row.holderName);
    m_upsert.bindText(8, row.holderHandle);
    m_upsert.bindInteger(9, row.since);
    m_upsert.bindInteger(10, row.expiresAt);
    m_upsert.bindInteger(11, row.connected ? 1 : 0);
    m_upsert.bindInteger(12, row.orphanDeadline);
    m_upsert.bindInteger(13, row.token);
    const bool ok = m_upsert.exec();
    if (!ok)
        qCWarning(lcStorage) << "cannot write lock_state of" << row.recordId << ":" << m_upsert.lastError();
    return ok;
}

} // namespace recordlock
