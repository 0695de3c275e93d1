#pragma once

#include <QSqlDatabase>
#include <QString>

namespace recordlock::test {

class ServerProcess;

/// A connection of the test's own to the database a recordlockd uses (its SQLite file, or its
/// PostgreSQL database under a postgres backend), for reading or changing it behind the server's
/// back as `recordlockd user` would. Closed and removed on destruction.
class ServerDatabase
{
public:
    /// The database of server (running or not).
    explicit ServerDatabase(const ServerProcess &server);
    /// The database a server on dataDir uses under this run's backend (TestBackend).
    explicit ServerDatabase(const QString &dataDir);
    ~ServerDatabase();
    ServerDatabase(const ServerDatabase &) = delete;
    ServerDatabase &operator=(const ServerDatabase &) = delete;

    /// Opens the connection; false (see lastError()) on failure.
    bool open();
    /// The connection.
    QSqlDatabase db() const { return m_db; }
    /// Why open() failed.
    QString lastError() const;

private:
    ServerDatabase(const QString &dataDir, const QString &url);

    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace recordlock::test
