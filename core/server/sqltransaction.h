#pragma once

#include <QSqlDatabase>
#include <QString>

namespace recordlock {

/// A write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN, READ COMMITTED) that rolls
/// back unless commit() succeeded. Opened
/// while another SqlTransaction of the same connection is open (a request inside the group commit
/// of its event-loop pass), it is a SAVEPOINT of that transaction: atomic on its own, durable
/// with the outer commit.
class SqlTransaction
{
public:
    /// Begins the transaction (or savepoint); check isActive().
    explicit SqlTransaction(const QSqlDatabase &db);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    /// True between a successful begin and commit()/rollback().
    bool isActive() const { return m_active; }
    /// True if this is a savepoint inside an outer transaction of the same connection.
    bool isNested() const { return !m_savepoint.isEmpty(); }
    /// Commits (releases the savepoint); false (and rolled back) on failure.
    bool commit();
    /// Rolls back now; harmless when not active.
    void rollback();
    /// The last failure's text.
    QString lastError() const { return m_error; }
    /// True while a SqlTransaction is open on db's connection (on this thread).
    static bool isOpen(const QSqlDatabase &db);

private:
    bool run(const QString &statement);
    void leave();

    QSqlDatabase m_db;
    QString m_savepoint;
    bool m_active = false;
    QString m_error;
};

} // namespace recordlock
