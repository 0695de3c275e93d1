#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringView>

struct sqlite3;
struct sqlite3_stmt;

namespace recordlock {

/// One SQLite statement prepared once on a QSQLITE connection's own handle and run with
/// positional parameters through the SQLite C API: the hot writes (a lock change, its audit line)
/// skip QSqlQuery's per-bind QVariant and placeholder-name work. Must be destroyed before the
/// connection is closed.
class SqliteStatement
{
public:
    /// Prepares sql (with ?1, ?2, ... or ? parameters) on db; check isValid().
    SqliteStatement(const QSqlDatabase &db, const QString &sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    /// True if db is a SQLite connection and the statement compiled.
    bool isValid() const { return m_statement != nullptr; }
    /// Binds parameter index (1-based) to text; a null QString binds '' (never SQL NULL). The
    /// text must stay alive until exec() returns.
    void bindText(int index, QStringView text);
    /// Binds parameter index (1-based) to an integer.
    void bindInteger(int index, qint64 value);
    /// Runs the statement to completion and resets it; false on failure (see lastError()).
    bool exec();
    /// Why preparing or the last exec() failed.
    const QString &lastError() const { return m_error; }

    /// The sqlite3 handle behind a QSQLITE connection; nullptr for any other driver.
    static sqlite3 *handleOf(const QSqlDatabase &db);

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_error;
};

} // namespace recordlock
