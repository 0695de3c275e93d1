#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace recordlock::test {

/// The storage backends a test run asks recordlockd for, from RECORDLOCK_TEST_BACKEND:
/// empty or "sqlite" (the data directory's SQLite file), "postgres" (records, users, audit and
/// locks in PostgreSQL) or "redis+postgres" (PostgreSQL plus the Redis lock store). The servers
/// come from scripts/with-test-services.sh (RECORDLOCK_TEST_PG_URL, RECORDLOCK_TEST_REDIS_URL).
class TestBackend
{
public:
    /// The backend name as given ("sqlite" when unset).
    static QString name();
    /// True if the backend keeps records in PostgreSQL.
    static bool usesPostgres();
    /// True if the backend keeps locks in Redis.
    static bool usesRedis();
    /// Why this run cannot use its backend (unknown name, a service variable missing); empty if it can.
    static QString problem();

    /// Creates database name on the RECORDLOCK_TEST_PG_URL server unless it exists and returns its
    /// postgresql:// URL; empty (and a warning saying why) on failure.
    static QString freshDatabaseUrl(const QString &name);
    /// RECORDLOCK_TEST_REDIS_URL, empty if unset.
    static QString redisUrl();

    /// A database name stable for dataDir: a server restarted on the same data directory finds
    /// its records again.
    static QString databaseNameFor(const QString &dataDir);
    /// A Redis key prefix stable for dataDir.
    static QString redisPrefixFor(const QString &dataDir);
    /// The --db URL a server on dataDir uses under this backend: empty for SQLite, else
    /// freshDatabaseUrl(databaseNameFor(dataDir)). A marker file in dataDir names the database;
    /// in a copy of a data directory it names the original's, which is then copied.
    static QString databaseUrlFor(const QString &dataDir);
    /// Creates database name as a copy of database source unless name exists; its URL, or empty.
    static QString copiedDatabaseUrl(const QString &source, const QString &name);

    /// Adds a QSqlDatabase connection called connectionName for the database at url (QPSQL) or,
    /// with an empty url, for dataDir's recordlock.db (QSQLITE); not opened.
    static QSqlDatabase addConnection(const QString &connectionName, const QString &dataDir, const QString &url);
};

} // namespace recordlock::test
