#include "server/sqlitestatement.h"

#include <sqlite3.h>

#include <QSqlDriver>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace recordlock {

SqliteStatement::SqliteStatement(const QSqlDatabase &db, const QString &sql)
    : m_db(handleOf(db))
{
    if (!m_db) {
        m_error = u"not an open SQLite connection"_s;
        return;
    }
    const int rc = sqlite3_prepare_v3(m_db, sql.toUtf8().constData(), -1, SQLITE_PREPARE_PERSISTENT, &m_statement,
                                      nullptr);
    if (rc != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::bindText(int index, QStringView text)
{
    // A null pointer would bind SQL NULL, which the NOT NULL text columns refuse.
    static const char16_t empty[] = u"";
    const void *data = text.isEmpty() ? static_cast<const void *>(empty) : static_cast<const void *>(text.utf16());
    // SQLITE_STATIC: no copy; exec() rebinds every parameter before it steps again.
    sqlite3_bind_text16(m_statement, index, data, int(text.size() * 2), SQLITE_STATIC);
}

void SqliteStatement::bindInteger(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

bool SqliteStatement::exec()
{
    if (!m_statement)
        return false;
    const int rc = sqlite3_step(m_statement);
    const bool ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
    if (!ok)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    // Ends the statement at once: an unfinished one would hold back WAL checkpoints.
    sqlite3_reset(m_statement);
    // The bound texts belong to the caller and die after this call.
    sqlite3_clear_bindings(m_statement);
    return ok;
}

sqlite3 *SqliteStatement::handleOf(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace recordlock
