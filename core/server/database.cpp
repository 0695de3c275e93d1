#include "server/database.h"

#include <atomic>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include "server/serverlogging.h"
#include "server/sqltransaction.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

std::atomic<quint64> s_connectionCounter{0};

QString databaseConnectionName()
{
    return u"recordlock-db-"_s + QString::number(++s_connectionCounter);
}

/// The advisory lock key of one-time setup ("RecLock" in ASCII); advisory locks are per database.
constexpr qint64 DatabaseSetupLockKey = 0x5265634c6f636bLL;

/// Seconds a connection attempt may take: the first one at start-up, and each reconnect, which
/// blocks the event loop while it lasts.
constexpr int DatabaseStartupConnectTimeoutS = 10;
constexpr int DatabaseReconnectTimeoutS = 2;
/// The pause after an attempt that took a second or more (a host that does not answer at all, not
/// one that refuses): the event loop then stays free for most of the time.
constexpr int DatabaseSlowRetryMs = 10'000;

QString databasePostgresOptions(int connectTimeoutS)
{
    return u"connect_timeout=%1;application_name=recordlockd"_s.arg(connectTimeoutS);
}

/// The Databases of this thread by connection name: SqlTransaction and SqlStatement see only the
/// QSqlDatabase, and a connection lives on one thread.
QHash<QString, Database *> &databasesByConnection()
{
    static thread_local QHash<QString, Database *> databases;
    return databases;
}

/// True if error says the connection itself is gone: SQLSTATE class 08 (connection exception),
/// 57P01-57P03 (the server shut down or is starting), or no SQLSTATE at all, which libpq leaves
/// out only for errors it makes itself ("no connection to the server", "server closed the
/// connection unexpectedly"). A false positive costs one SELECT 1.
bool databaseConnectionLost(const QSqlError &error)
{
    if (error.type() == QSqlError::NoError)
        return false;
    if (error.type() == QSqlError::ConnectionError)
        return true;
    const QString code = error.nativeErrorCode();
    return code.isEmpty() || code.startsWith(u"08"_s) || code.startsWith(u"57P"_s);
}

} // namespace

Database::Database(const QString &path)
    : m_engine(Engine::Sqlite)
    , m_path(path)
    , m_connectionName(databaseConnectionName())
{
}

Database::Database(const DatabaseUrl &url)
    : m_engine(Engine::Postgres)
    , m_path(url.redacted())
    , m_url(url)
    , m_connectionName(databaseConnectionName())
{
    databasesByConnection().insert(m_connectionName, this);
    QObject::connect(&m_reconnectTimer, &QTimer::timeout, &m_reconnectTimer, [this] { checkConnection(); });
}

std::unique_ptr<Database> Database::fromLocation(const QString &url, const QString &sqliteFile, QString *error)
{
    if (url.isEmpty())
        return std::make_unique<Database>(sqliteFile);
    const std::optional<DatabaseUrl> parsed = DatabaseUrl::parse(url, error);
    if (!parsed)
        return nullptr;
    return std::make_unique<Database>(*parsed);
}

Database::~Database()
{
    databasesByConnection().remove(m_connectionName);
    if (m_db.isValid())
        m_db.close();
    // removeDatabase() warns unless every QSqlDatabase copy of the connection is gone.
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::open()
{
    if (m_open)
        return true;
    if (!(isPostgres() ? openPostgres() : openSqlite()))
        return false;
    if (!applyPragmas() || !migrate()) {
        m_db.close();
        return false;
    }
    m_open = true;
    qCDebug(lcStorage) << "opened" << m_path << "schema version" << SchemaVersion;
    return true;
}

bool Database::openSqlite()
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(u"cannot create directory "_s + info.absolutePath());
    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    if (!m_db.isValid())
        return fail(u"the QSQLITE driver is not available"_s);
    m_db.setDatabaseName(m_path);
    if (!m_db.open())
        return fail(u"cannot open "_s + m_path + u": "_s + m_db.lastError().text());
    return true;
}

bool Database::openPostgres()
{
    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connectionName);
    if (!m_db.isValid())
        return fail(u"the QPSQL driver is not available (install libqt6sql6-psql)"_s);
    m_db.setHostName(m_url.host);
    m_db.setPort(m_url.port);
    m_db.setUserName(m_url.user);
    m_db.setPassword(m_url.password);
    m_db.setDatabaseName(m_url.databaseName);
    m_db.setConnectOptions(databasePostgresOptions(DatabaseStartupConnectTimeoutS));
    if (!m_db.open())
        return fail(u"cannot connect to "_s + m_path + u": "_s + m_db.lastError().text());
    return true;
}

bool Database::applyPragmas()
{
    if (isPostgres()) {
        const QStringList settings = {
            // A reply may only report a save once it is on disk, whatever the server's default.
            u"SET synchronous_commit = on"_s,
            // Saves lock their row (SELECT ... FOR UPDATE): two instances must not both read version N.
            u"SET default_transaction_isolation = 'read committed'"_s,
            // Like SQLite's busy_timeout: a row another instance keeps locked fails the request
            // after 5 s instead of stalling this server's event loop.
            u"SET lock_timeout = 5000"_s,
            // "already exists, skipping" and similar notices are not worth a log line.
            u"SET client_min_messages = warning"_s,
        };
        return execAll(settings);
    }
    // WAL lets readers run beside the writer; synchronous=NORMAL keeps every committed
    // transaction across a process crash (kill -9), only an OS crash may lose the last ones.
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA journal_mode=WAL"_s) || !query.next())
        return fail(u"PRAGMA journal_mode: "_s + query.lastError().text());
    const QString mode = query.value(0).toString();
    query.finish();
    if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return fail(u"the database refused WAL mode (got "_s + mode + u")"_s);

    const QStringList pragmas = {
        u"PRAGMA synchronous=NORMAL"_s,
        u"PRAGMA busy_timeout=5000"_s,
        u"PRAGMA foreign_keys=ON"_s,
    };
    return execAll(pragmas);
}

bool Database::execAll(const QStringList &statements)
{
    QSqlQuery query(m_db);
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return fail(statement + u": "_s + query.lastError().text());
        query.finish();
    }
    return true;
}

bool Database::lockForSetup()
{
    if (!isPostgres())
        return true;
    QSqlQuery query(m_db);
    if (query.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(DatabaseSetupLockKey)))
        return true;
    m_error = u"cannot take the setup lock: "_s + query.lastError().text();
    qCWarning(lcStorage).noquote() << m_error;
    return false;
}

bool Database::migrate()
{
    // One transaction for every pending step: another process starting at the same time waits
    // for it (BEGIN IMMEDIATE, or the advisory lock) and then finds nothing left to do.
    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(u"migration: "_s + transaction.lastError());
    if (!lockForSetup())
        return false;
    QSqlQuery query(m_db);
    if (!query.exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s))
        return fail(u"cannot create schema_version: "_s + query.lastError().text());
    if (!query.exec(u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s) || !query.next())
        return fail(u"cannot read schema_version: "_s + query.lastError().text());
    const int current = query.value(0).toInt();
    query.finish();
    if (current > SchemaVersion)
        return fail(u"the database has schema version %1, newer than this program's %2"_s.arg(current).arg(
            SchemaVersion));

    const QList<SchemaMigration> migrations = isPostgres() ? SchemaMigrations::postgres() : SchemaMigrations::sqlite();
    for (const SchemaMigration &migration : migrations) {
        if (current >= migration.version)
            continue;
        for (const QString &statement : migration.statements) {
            if (!query.exec(statement))
                return fail(u"migration %1 failed: %2"_s.arg(migration.version).arg(query.lastError().text()));
        }
        query.prepare(u"INSERT INTO schema_version (version) VALUES (?)"_s);
        query.addBindValue(migration.version);
        if (!query.exec())
            return fail(u"cannot record schema version: "_s + query.lastError().text());
        qCInfo(lcStorage) << "migrating" << m_path << "to schema version" << migration.version;
    }
    if (!transaction.commit())
        return fail(u"migration commit: "_s + transaction.lastError());
    return true;
}

bool Database::fail(const QString &message)
{
    m_error = message;
    qCWarning(lcStorage).noquote() << message;
    return false;
}

QString Database::notNull(const QString &value)
{
    return value.isNull() ? QString(u""_s) : value;
}

Database *Database::of(const QSqlDatabase &db)
{
    return databasesByConnection().value(db.connectionName());
}

void Database::noteError(const QSqlDatabase &db, const QSqlError &error)
{
    if (Database *database = of(db))
        database->noteError(error);
}

void Database::noteError(const QSqlError &error)
{
    if (!isPostgres() || !m_open || m_connectionLost)
        return;
    // QPSQL closes its driver when libpq reports the connection bad; later statements then fail
    // with no error at all ("QSqlQuery::exec: database not open").
    if (m_db.isOpen() && !databaseConnectionLost(error))
        return;
    m_connectionLost = true;
    m_reconnectTimer.setInterval(ReconnectIntervalMs);
    const QString reason = error.type() == QSqlError::NoError ? u"the driver closed it"_s : error.text().trimmed();
    qCWarning(lcStorage).noquote() << "lost the connection to" << m_path << u"("_s + reason + u");"_s
                                   << "reconnecting every" << ReconnectIntervalMs << "ms";
    m_reconnectTimer.start();
}

void Database::checkConnection()
{
    // The open transaction (the group commit's) ends with its pass; the next tick tries again.
    if (SqlTransaction::isOpen(m_db))
        return;
    // A false alarm (the error only looked like a lost connection) costs this one SELECT 1.
    if (m_db.isOpen()) {
        QSqlQuery probe(m_db);
        if (probe.exec(u"SELECT 1"_s) && probe.next()) {
            qCInfo(lcStorage).noquote() << "the connection to" << m_path << "works";
            m_connectionLost = false;
            m_reconnectTimer.stop();
            return;
        }
    }
    QElapsedTimer attempt;
    attempt.start();
    if (reconnect()) {
        m_connectionLost = false;
        m_reconnectTimer.stop();
        return;
    }
    m_reconnectTimer.setInterval(attempt.elapsed() >= ReconnectIntervalMs ? DatabaseSlowRetryMs : ReconnectIntervalMs);
}

bool Database::reconnect()
{
    if (!isPostgres() || SqlTransaction::isOpen(m_db) || !serverReachable())
        return false;
    m_db.close();
    // Freed while closed, so that their DEALLOCATE goes nowhere: on the new connection it would
    // fail and abort the transaction it ran in.
    for (QSqlQuery *query : std::as_const(m_preparedQueries))
        *query = QSqlQuery();
    ++m_generation;
    m_db.setConnectOptions(databasePostgresOptions(DatabaseReconnectTimeoutS));
    if (!m_db.open())
        return fail(u"cannot reconnect to "_s + m_path + u": "_s + m_db.lastError().text());
    if (!applyPragmas()) {
        m_db.close();
        return false;
    }
    qCInfo(lcStorage).noquote() << "reconnected to" << m_path;
    return true;
}

bool Database::serverReachable()
{
    // A separate connection: the statements are reset and the connection re-opened once the
    // server answers, not on every tick of an outage.
    const QString name = m_connectionName + u"-probe"_s;
    bool reachable = false;
    {
        QSqlDatabase probe = QSqlDatabase::cloneDatabase(m_db, name);
        probe.setConnectOptions(databasePostgresOptions(DatabaseReconnectTimeoutS));
        reachable = probe.open();
        if (!reachable) {
            // Once a second during an outage: the warning when it began says enough.
            m_error = u"cannot connect to "_s + m_path + u": "_s + probe.lastError().text();
            qCDebug(lcStorage).noquote() << m_error;
        }
        probe.close();
    }
    QSqlDatabase::removeDatabase(name);
    return reachable;
}

void Database::trackPreparedQuery(QSqlQuery *query)
{
    m_preparedQueries.append(query);
}

void Database::untrackPreparedQuery(QSqlQuery *query)
{
    m_preparedQueries.removeOne(query);
}

} // namespace recordlock
