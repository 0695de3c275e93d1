#include "server/sqltransaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

// IMMEDIATE takes the write lock up front, so a read-check-write sequence cannot fail half-way
// with SQLITE_BUSY when another connection writes the same file (busy_timeout waits instead).
SqlTransaction::SqlTransaction(const QSqlDatabase &db)
    : m_db(db)
{
    m_active = run(u"BEGIN IMMEDIATE"_s);
}

SqlTransaction::~SqlTransaction()
{
    rollback();
}

bool SqlTransaction::commit()
{
    if (!m_active)
        return false;
    if (!run(u"COMMIT"_s)) {
        rollback();
        return false;
    }
    m_active = false;
    return true;
}

void SqlTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    // Keep the first failure's text: it says why, a failed ROLLBACK after it says little.
    const QString firstError = m_error;
    if (!run(u"ROLLBACK"_s))
        qCWarning(lcStorage).noquote() << m_error;
    if (!firstError.isEmpty())
        m_error = firstError;
}

bool SqlTransaction::run(const QString &statement)
{
    QSqlQuery query(m_db);
    if (query.exec(statement))
        return true;
    m_error = statement % u": "_s % query.lastError().text();
    return false;
}

} // namespace recordlock
