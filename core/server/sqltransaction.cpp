#include "server/sqltransaction.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include "server/database.h"
#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Open SqlTransactions per connection name. A connection lives on one thread, so one table per
/// thread needs no lock.
QHash<QString, int> &sqlTransactionDepths()
{
    static thread_local QHash<QString, int> depths;
    return depths;
}

} // namespace

// On SQLite, IMMEDIATE takes the write lock up front, so a read-check-write sequence cannot fail
// half-way with SQLITE_BUSY when another connection writes the same file (busy_timeout waits
// instead). PostgreSQL locks rows as they are written (or read FOR UPDATE): a plain BEGIN.
SqlTransaction::SqlTransaction(const QSqlDatabase &db)
    : m_db(db)
{
    const int depth = sqlTransactionDepths().value(m_db.connectionName());
    if (depth > 0)
        m_savepoint = u"recordlock_savepoint_"_s + QString::number(depth);
    const QString begin = m_db.driverName() == u"QSQLITE" ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
    m_active = run(isNested() ? u"SAVEPOINT "_s + m_savepoint : begin);
    if (m_active)
        sqlTransactionDepths()[m_db.connectionName()] = depth + 1;
}

SqlTransaction::~SqlTransaction()
{
    rollback();
}

bool SqlTransaction::commit()
{
    if (!m_active)
        return false;
    // PostgreSQL answers COMMIT of a transaction that a failed statement aborted with a silent
    // ROLLBACK: probe first, or a group commit would report writes that are gone.
    const bool probe = !isNested() && m_db.driverName() != u"QSQLITE";
    if ((probe && !run(u"SELECT 1"_s)) || !run(isNested() ? u"RELEASE "_s + m_savepoint : u"COMMIT"_s)) {
        rollback();
        return false;
    }
    m_active = false;
    leave();
    return true;
}

void SqlTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    leave();
    // Keep the first failure's text: it says why, a failed ROLLBACK after it says little.
    const QString firstError = m_error;
    // ROLLBACK TO keeps the savepoint open; RELEASE then ends it without committing anything.
    const bool ok = isNested() ? run(u"ROLLBACK TO "_s + m_savepoint) && run(u"RELEASE "_s + m_savepoint)
                               : run(u"ROLLBACK"_s);
    if (!ok)
        qCWarning(lcStorage).noquote() << m_error;
    if (!firstError.isEmpty())
        m_error = firstError;
}

bool SqlTransaction::isOpen(const QSqlDatabase &db)
{
    return sqlTransactionDepths().value(db.connectionName()) > 0;
}

void SqlTransaction::leave()
{
    QHash<QString, int> &depths = sqlTransactionDepths();
    const auto it = depths.find(m_db.connectionName());
    if (it == depths.end())
        return;
    if (--*it <= 0)
        depths.erase(it);
}

bool SqlTransaction::run(const QString &statement)
{
    QSqlQuery query(m_db);
    if (query.exec(statement))
        return true;
    m_error = statement % u": "_s % query.lastError().text();
    // BEGIN of every request's group commit runs here: the cheapest place to notice a lost connection.
    Database::noteError(m_db, query.lastError());
    return false;
}

} // namespace recordlock
