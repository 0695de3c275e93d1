#pragma once

#include <memory>

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTimer>

#include "server/databaseurl.h"
#include "server/schemamigrations.h"

class QSqlError;
class QSqlQuery;

namespace recordlock {

/// One connection to the server's database, session settings applied and the schema migrated:
/// either a SQLite file or a PostgreSQL database. The stores built on it use the same SQL where
/// the two dialects agree and ask engine() where they do not.
/// A lost PostgreSQL connection is re-opened by itself (see noteError()).
/// Lives on one thread; every store built on it must be destroyed before it.
class Database
{
public:
    /// The SQL engine behind the connection.
    enum class Engine { Sqlite, Postgres };

    /// The schema version this build creates and understands.
    static constexpr int SchemaVersion = SchemaMigrations::LatestVersion;

    /// Prepares a SQLite connection to path (a file; created by open() if missing).
    explicit Database(const QString &path);
    /// Prepares a PostgreSQL connection to url (the database must exist).
    explicit Database(const DatabaseUrl &url);
    /// PostgreSQL if url is set (postgresql://...), else the SQLite file sqliteFile; nullptr and
    /// *error if url is malformed. Not opened yet.
    static std::unique_ptr<Database> fromLocation(const QString &url, const QString &sqliteFile, QString *error);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Connects, applies the session settings (SQLite: WAL, synchronous, busy_timeout, foreign
    /// keys) and migrates; false on error.
    bool open();
    /// True after a successful open().
    bool isOpen() const { return m_open; }
    /// The connection, for the stores built on this database.
    QSqlDatabase db() const { return m_db; }
    /// Which SQL engine this is.
    Engine engine() const { return m_engine; }
    /// True for PostgreSQL.
    bool isPostgres() const { return m_engine == Engine::Postgres; }
    /// The SQLite file, or the PostgreSQL URL without its password.
    QString path() const { return m_path; }
    /// Why open() or the last reconnect attempt failed.
    QString lastError() const { return m_error; }
    /// Serializes one-time setup (migrations, demo seeding) with other processes on the same
    /// database until the current transaction ends; call inside a SqlTransaction. SQLite's
    /// BEGIN IMMEDIATE already does that, PostgreSQL takes a transaction-level advisory lock.
    bool lockForSetup();
    /// value, or "" for a null QString: Qt binds null as SQL NULL, which NOT NULL text columns refuse.
    static QString notNull(const QString &value);

    /// The Database whose connection db is (on this thread), or nullptr.
    static Database *of(const QSqlDatabase &db);
    /// Tells the Database behind db that a statement failed with error (see noteError()).
    static void noteError(const QSqlDatabase &db, const QSqlError &error);
    /// A failed statement: if error says the PostgreSQL connection is gone, the connection is
    /// checked (and re-opened when dead) every ReconnectIntervalMs until it works again, or
    /// every 10 s while connection attempts hang for their whole timeout.
    void noteError(const QSqlError &error);
    /// True from a connection-loss error until the connection works again.
    bool isConnectionLost() const { return m_connectionLost; }
    /// Closes and re-opens the PostgreSQL connection and re-applies the session settings; false
    /// (nothing done) while a SqlTransaction is open on it, or if the server is still unreachable.
    bool reconnect();
    /// Counts reconnects: a statement prepared under an older generation must be prepared again.
    quint64 generation() const { return m_generation; }
    /// query is prepared on this connection and outlives single calls: reconnect() resets it to
    /// an empty QSqlQuery first (its server-side statement belongs to the old connection), and its
    /// owner prepares it again when generation() changed. Untrack it before destroying it.
    void trackPreparedQuery(QSqlQuery *query);
    /// Stops resetting query on reconnect.
    void untrackPreparedQuery(QSqlQuery *query);

    /// How often a lost connection is checked and re-opened.
    static constexpr int ReconnectIntervalMs = 1000;

private:
    bool openSqlite();
    bool openPostgres();
    /// Runs each statement in order; false (and the error noted) at the first that fails.
    bool execAll(const QStringList &statements);
    void checkConnection();
    bool serverReachable();
    bool applyPragmas();
    bool migrate();
    bool fail(const QString &message);

    Engine m_engine;
    QString m_path;
    DatabaseUrl m_url;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_open = false;
    QString m_error;
    bool m_connectionLost = false;
    quint64 m_generation = 0;
    QList<QSqlQuery *> m_preparedQueries;
    /// Runs only while the connection is lost; the timer is also the context of its connection.
    QTimer m_reconnectTimer;
};

} // namespace recordlock
