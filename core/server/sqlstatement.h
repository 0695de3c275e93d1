#pragma once

#include <memory>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringView>

namespace recordlock {

class Database;
class SqliteStatement;

/// A write statement prepared once and run many times with positional parameters, on either
/// engine: through SQLite's C API on a QSQLITE connection (SqliteStatement, the fast path of the
/// hot writes), through a prepared QSqlQuery on any other driver. On a Database's PostgreSQL
/// connection it is prepared again after Database::reconnect().
class SqlStatement
{
public:
    /// Prepares sql (with ? parameters) on db; check isValid().
    SqlStatement(const QSqlDatabase &db, const QString &sql);
    ~SqlStatement();
    SqlStatement(const SqlStatement &) = delete;
    SqlStatement &operator=(const SqlStatement &) = delete;

    /// True if the statement compiled.
    bool isValid() const;
    /// Binds parameter index (1-based) to text; a null text binds '' (never SQL NULL). The text
    /// must stay alive until exec() returns.
    void bindText(int index, QStringView text);
    /// Binds parameter index (1-based) to a 64-bit integer.
    void bindInteger(int index, qint64 value);
    /// Runs the statement to completion; false on failure (see lastError()).
    bool exec();
    /// Why preparing or the last exec() failed.
    QString lastError() const;

private:
    void prepareIfStale();
    void prepare();

    std::unique_ptr<SqliteStatement> m_sqlite;
    QSqlDatabase m_db;
    QString m_sql;
    /// The Database behind m_db if it can reconnect; it outlives this statement.
    Database *m_database = nullptr;
    quint64 m_generation = 0;
    QSqlQuery m_query;
    bool m_prepared = false;
    QString m_error;
};

} // namespace recordlock
