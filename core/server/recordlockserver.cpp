#include "server/recordlockserver.h"

#include <algorithm>

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include "common/clock.h"
#include "server/adminhandler.h"
#include "server/authhandler.h"
#include "server/clienthub.h"
#include "server/clusterlink.h"
#include "server/database.h"
#include "server/deadlinetimer.h"
#include "server/demodata.h"
#include "server/eventfanout.h"
#include "server/eventsequencer.h"
#include "server/groupcommit.h"
#include "server/instancename.h"
#include "server/lockhandler.h"
#include "server/lockmanager.h"
#include "server/lockserver.h"
#include "server/loginverifier.h"
#include "server/messagetransport.h"
#include "server/passwordhasher.h"
#include "server/recordhandler.h"
#include "server/redisclient.h"
#include "server/redisclock.h"
#include "server/redislockstore.h"
#include "server/requestdispatcher.h"
#include "server/requestlimiter.h"
#include "server/restapi.h"
#include "server/restlockhandler.h"
#include "server/serverlogging.h"
#include "server/servermetrics.h"
#include "server/serversecret.h"
#include "server/sessionregistry.h"
#include "server/sqlauditlog.h"
#include "server/sqllockstore.h"
#include "server/sqlrecordstore.h"
#include "server/sqltransaction.h"
#include "server/subscriptionhandler.h"
#include "server/walcheckpointer.h"
#include "server/tokenauthenticator.h"
#include "server/tokenissuer.h"
#include "server/userstore.h"

using namespace Qt::StringLiterals;

namespace recordlock {

RecordLockServer::RecordLockServer(ServerConfig config, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(clock)
{
}

// Members go in reverse declaration order: the front first (no new requests), the database last.
RecordLockServer::~RecordLockServer() = default;

bool RecordLockServer::start(QString *error)
{
    if (!open(error))
        return false;
    // A bad TLS certificate or key fails here, before the port is bound.
    return m_front->listen(m_config.address, m_config.port, error);
}

bool RecordLockServer::open(QString *error)
{
    if (!openStores(error))
        return false;
    buildFront();
    return true;
}

void RecordLockServer::connectClient(std::unique_ptr<MessageTransport> transport)
{
    m_hub->accept(std::move(transport));
}

quint16 RecordLockServer::port() const
{
    return m_front ? m_front->port() : 0;
}

qsizetype RecordLockServer::connectionCount() const
{
    return m_hub ? m_hub->connectionCount() : 0;
}

bool RecordLockServer::openStores(QString *error)
{
    if (!QDir().mkpath(m_config.dataDir)) {
        *error = u"cannot create the data directory %1"_s.arg(m_config.dataDir);
        return false;
    }
    const QDir dir(m_config.dataDir);
    QString urlError;
    m_database = Database::fromLocation(m_config.databaseUrl, dir.filePath(u"recordlock.db"_s), &urlError);
    if (!m_database) {
        *error = urlError;
        return false;
    }
    if (!m_database->open()) {
        *error = u"cannot open the database: %1"_s.arg(m_database->lastError());
        return false;
    }
    QString secretError;
    const QString secretPath = m_config.secretFile.isEmpty() ? dir.filePath(u"secret.key"_s) : m_config.secretFile;
    const std::optional<QByteArray> key = ServerSecret::loadOrCreate(secretPath, &secretError);
    if (!key) {
        *error = u"cannot load the server secret: %1"_s.arg(secretError);
        return false;
    }
    if (!openLockStore(error))
        return false;
    m_recordStore = std::make_unique<SqlRecordStore>(*m_database);
    m_audit = std::make_unique<SqlAuditLog>(*m_database);
    m_hasher = std::make_unique<PasswordHasher>(
        PasswordHasher::withCost(m_config.passwordHashPasses, m_config.passwordHashMemoryKiB));
    m_users = std::make_unique<UserStore>(*m_database, *m_hasher);
    m_tokens = std::make_unique<TokenIssuer>(*key, m_clock, m_config.tokenTtlMs);
    m_authenticator = std::make_unique<TokenAuthenticator>(*m_tokens, *m_users);
    if (m_config.demo) {
        // One transaction instead of one per row: 100,000 generated records take seconds, not minutes.
        SqlTransaction seedTransaction(m_database->db());
        // lockForSetup(): instances starting together on one PostgreSQL database seed it once.
        if (!seedTransaction.isActive() || !m_database->lockForSetup()
            || !DemoData::seed(*m_users, *m_recordStore, m_clock, m_config.demoRecords) || !seedTransaction.commit()) {
            *error = u"cannot seed the demo data"_s;
            return false;
        }
    }
    const Clock &lockClock = this->lockClock();
    LockManager::Settings lockSettings{m_config.lockTtlMs, m_config.orphanGraceMs, {}};
    if (m_redisLocks) {
        const std::optional<QString> instance = InstanceName::loadOrCreate(dir.filePath(u"instance-name"_s), error);
        if (!instance)
            return false;
        lockSettings.instance = *instance;
    }
    m_locks = std::make_unique<LockManager>(*m_lockStore, *m_audit, lockClock, lockSettings);
    if (!m_locks->load()) {
        *error = u"cannot restore the locks: the lock store refused a write"_s;
        return false;
    }
    if (m_redisLocks) {
        m_cluster = std::make_unique<ClusterLink>(*m_redisLocks, *m_locks, *m_redisClock, m_redis->endpoint());
        m_cluster->start();
    }
    return true;
}

bool RecordLockServer::openLockStore(QString *error)
{
    if (m_config.lockStore == ServerConfig::LockStoreKind::Sql) {
        // The SQL lock store is one instance's: a second one on the same PostgreSQL database would
        // grant the same locks. The session-level advisory lock keeps it out.
        if (m_database->isPostgres()) {
            QSqlQuery claim(m_database->db());
            if (!claim.exec(u"SELECT pg_try_advisory_lock(7262651736)"_s) || !claim.next() || !claim.value(0).toBool()) {
                *error = u"another recordlockd keeps its locks in this PostgreSQL database; several instances "
                         "need --store redis"_s;
                return false;
            }
        }
        m_lockStore = std::make_unique<SqlLockStore>(*m_database);
        return true;
    }
    QString urlError;
    const std::optional<RedisEndpoint> parsed = RedisEndpoint::parse(m_config.redisUrl, &urlError);
    if (!parsed) {
        *error = u"the Redis URL: %1"_s.arg(urlError);
        return false;
    }
    const RedisEndpoint &endpoint = *parsed;
    m_redis = std::make_unique<RedisClient>(endpoint);
    m_redisClock = std::make_unique<RedisClock>(m_clock);
    auto store = std::make_unique<RedisLockStore>(*m_redis, m_config.redisPrefix,
                                                  QUuid::createUuid().toString(QUuid::WithoutBraces));
    m_redisLocks = store.get();
    // Locks restored at start are judged by Redis' clock too.
    if (const std::optional<qint64> redisNow = store->serverTimeMs())
        m_redisClock->sync(*redisNow);
    m_lockStore = std::move(store);
    qCInfo(lcStorage).noquote() << "locks in Redis at" << endpoint.display() << "under the prefix"
                                << m_config.redisPrefix;
    return true;
}

const Clock &RecordLockServer::lockClock() const
{
    return m_redisClock ? static_cast<const Clock &>(*m_redisClock) : m_clock;
}

QList<LockServer::Dependency> RecordLockServer::dependencies()
{
    QList<LockServer::Dependency> checks;
    QSqlQuery ping(m_database->db());
    const bool databaseOk = ping.exec(u"SELECT 1"_s) && ping.next();
    QString problem;
    if (!databaseOk) {
        // A closed driver gives no error text; the database's own last error says why.
        m_database->noteError(ping.lastError());
        problem = ping.lastError().text().trimmed();
        if (problem.isEmpty())
            problem = m_database->lastError().isEmpty() ? u"the database connection is lost"_s : m_database->lastError();
    }
    checks.append({u"database"_s, databaseOk, problem});
    if (m_cluster) {
        QString problem;
        const bool redisOk = m_cluster->isHealthy(&problem);
        checks.append({u"redis"_s, redisOk, problem});
    }
    return checks;
}

void RecordLockServer::wireMetrics()
{
    m_metrics = std::make_unique<ServerMetrics>();
    ServerMetrics *metrics = m_metrics.get();
    connect(m_locks.get(), &LockManager::lockEvent, this,
            [metrics](const LockEvent &event) { metrics->lockEvent(event); });
    m_fanout->setMetrics(metrics);
    m_dispatcher->setMetrics(metrics);
    m_front->setMetrics(metrics);
    // Gauges are read at scrape time from the state that owns them; the front (the only caller of
    // text()) is destroyed before the registry and the lock manager.
    m_metrics->setSnapshotSource([this] {
        const QList<LockRow> held = m_locks->heldLocks();
        qint64 oldestSince = 0;
        for (const LockRow &row : held) {
            if (oldestSince == 0 || row.since < oldestSince)
                oldestSince = row.since;
        }
        const double age = held.isEmpty() ? 0.0 : double(std::max<qint64>(0, lockClock().nowMs() - oldestSince)) / 1000.0;
        return ServerMetrics::Snapshot{m_sessions->sessionCount(), held.size(), age,
                                       double(m_locks->settings().lockTtlMs) / 1000.0};
    });
}

void RecordLockServer::startCheckpointer()
{
    auto checkpointer = std::make_unique<WalCheckpointer>(m_database->db(), m_database->path(),
                                                          WalCheckpointer::Settings{});
    QString error;
    if (!checkpointer->start(&error)) {
        qCWarning(lcStorage).noquote() << "WAL checkpoints stay on the serving thread:" << error;
        return;
    }
    m_checkpointer = std::move(checkpointer);
    m_hub->groupCommit()->setAfterCommit([checkpointer = m_checkpointer.get()] { checkpointer->finishPending(); });
}

void RecordLockServer::buildFront()
{
    m_sessions = std::make_unique<SessionRegistry>();
    // Lock times (since, expiresAt) and every serverTime a client sees come from one clock.
    const Clock &clock = lockClock();
    m_fanout = std::make_unique<EventFanout>(*m_sessions, clock);
    if (m_cluster) {
        // This instance's events and its peers' meet here and leave in seq order per record.
        m_sequencer = std::make_unique<EventSequencer>(m_clock);
        connect(m_locks.get(), &LockManager::lockEvent, m_sequencer.get(), &EventSequencer::push);
        connect(m_locks.get(), &LockManager::peerLockEvent, m_sequencer.get(), &EventSequencer::push);
        connect(m_sequencer.get(), &EventSequencer::ready, m_fanout.get(), &EventFanout::publish);
    } else {
        connect(m_locks.get(), &LockManager::lockEvent, m_fanout.get(), &EventFanout::publish);
    }
    m_requestLimiter = std::make_unique<RequestLimiter>(m_clock, m_config.connection.rateBurst,
                                                        m_config.connection.ratePerSecond);
    m_dispatcher = std::make_unique<RequestDispatcher>();
    m_dispatcher->setRequestLimiter(m_requestLimiter.get());
    m_loginVerifier = std::make_unique<LoginVerifier>(*m_users, *m_hasher, m_clock);
    m_authHandler = std::make_unique<AuthHandler>(*m_loginVerifier, *m_authenticator, *m_tokens, *m_locks, *m_sessions,
                                                  m_config.connection.maxConnectionsPerUser);
    m_lockHandler = std::make_unique<LockHandler>(*m_locks, *m_recordStore);
    m_subscriptionHandler = std::make_unique<SubscriptionHandler>(*m_sessions, *m_locks, *m_recordStore);
    m_recordHandler = std::make_unique<RecordHandler>(*m_recordStore, *m_locks, *m_audit);
    m_adminHandler = std::make_unique<AdminHandler>(*m_users, *m_locks, *m_recordStore, *m_audit);
    m_authHandler->install(*m_dispatcher);
    m_lockHandler->install(*m_dispatcher);
    m_subscriptionHandler->install(*m_dispatcher);
    m_recordHandler->install(*m_dispatcher);
    m_adminHandler->install(*m_dispatcher);
    m_hub = std::make_unique<ClientHub>(*m_sessions, *m_locks, *m_dispatcher, clock, m_config.connection);
    m_hub->enableGroupCommit(m_database->db());
    if (!m_database->isPostgres())
        startCheckpointer();
    const QString lockStoreName = m_redisLocks ? u"redis"_s : m_database->isPostgres() ? u"postgresql"_s : u"sqlite"_s;
    m_front = std::make_unique<LockServer>(*m_hub, clock, lockStoreName,
                                           m_config.listener);
    m_front->setHealthSource([this] { return dependencies(); });
    m_restLocks = std::make_unique<RestLockHandler>(*m_locks, *m_recordStore, *m_users, *m_sessions);
    m_restApi = std::make_unique<RestApi>(*m_loginVerifier, *m_authenticator, *m_tokens, *m_restLocks,
                                          m_requestLimiter.get(),
                                          RestApi::Durations{m_config.lockTtlMs, m_config.orphanGraceMs});
    m_restApi->setOutputGate(m_hub->groupCommit());
    m_front->addRestApi(*m_restApi);
    m_deadlines = std::make_unique<DeadlineTimer>(*m_locks, clock);
    wireMetrics();
}

} // namespace recordlock
