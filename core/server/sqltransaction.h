#pragma once

#include <QSqlDatabase>
#include <QString>

namespace recordlock {

/// A SQLite write transaction (BEGIN IMMEDIATE) that rolls back unless commit() succeeded.
class SqlTransaction
{
public:
    /// Begins the transaction; check isActive().
    explicit SqlTransaction(const QSqlDatabase &db);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    /// True between a successful begin and commit()/rollback().
    bool isActive() const { return m_active; }
    /// Commits; false (and rolled back) on failure.
    bool commit();
    /// Rolls back now; harmless when not active.
    void rollback();
    /// The last failure's text.
    QString lastError() const { return m_error; }

private:
    bool run(const QString &statement);

    QSqlDatabase m_db;
    bool m_active = false;
    QString m_error;
};

} // namespace recordlock
