#include "server/sqlstatement.h"

#include <QSqlError>

#include "server/database.h"
#include "server/sqlitestatement.h"

using namespace Qt::StringLiterals;

namespace recordlock {

SqlStatement::SqlStatement(const QSqlDatabase &db, const QString &sql)
    : m_db(db)
    , m_sql(sql)
{
    if (SqliteStatement::handleOf(db)) {
        m_sqlite = std::make_unique<SqliteStatement>(db, sql);
        return;
    }
    m_database = Database::of(db);
    if (m_database) {
        m_database->trackPreparedQuery(&m_query);
        m_generation = m_database->generation();
    }
    prepare();
}

SqlStatement::~SqlStatement()
{
    if (m_database)
        m_database->untrackPreparedQuery(&m_query);
}

void SqlStatement::prepare()
{
    // After a reconnect m_query is an empty query the Database reset: nothing left to free.
    m_query = QSqlQuery(m_db);
    m_query.setForwardOnly(true);
    m_prepared = m_query.prepare(m_sql);
    m_error = m_prepared ? QString() : m_query.lastError().text();
}

void SqlStatement::prepareIfStale()
{
    if (m_database && m_generation != m_database->generation()) {
        m_generation = m_database->generation();
        prepare();
    }
}

bool SqlStatement::isValid() const
{
    return m_sqlite ? m_sqlite->isValid() : m_prepared;
}

void SqlStatement::bindText(int index, QStringView text)
{
    if (m_sqlite) {
        m_sqlite->bindText(index, text);
        return;
    }
    prepareIfStale();
    // toString() of an empty view is a null QString, which would bind SQL NULL.
    m_query.bindValue(index - 1, text.isEmpty() ? QString(u""_s) : text.toString());
}

void SqlStatement::bindInteger(int index, qint64 value)
{
    if (m_sqlite) {
        m_sqlite->bindInteger(index, value);
        return;
    }
    prepareIfStale();
    m_query.bindValue(index - 1, value);
}

bool SqlStatement::exec()
{
    if (m_sqlite)
        return m_sqlite->exec();
    prepareIfStale();
    if (!m_prepared)
        return false;
    const bool ok = m_query.exec();
    if (!ok) {
        m_error = m_query.lastError().text();
        if (m_database)
            m_database->noteError(m_query.lastError());
    }
    m_query.finish();
    return ok;
}

QString SqlStatement::lastError() const
{
    return m_sqlite ? m_sqlite->lastError() : m_error;
}

} // namespace recordlock
