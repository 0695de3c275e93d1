#pragma once

#include <memory>

#include <QObject>
#include <QString>

#include "server/lockserver.h"
#include "server/serverconfig.h"

namespace recordlock {

class AdminHandler;
class AuthHandler;
class ClientHub;
class Clock;
class ClusterLink;
class Database;
class DeadlineTimer;
class EventFanout;
class EventSequencer;
class LockHandler;
class LockManager;
class LoginVerifier;
class MessageTransport;
class PasswordHasher;
class LockStore;
class RecordHandler;
class RedisClient;
class RedisClock;
class RedisLockStore;
class RequestDispatcher;
class RequestLimiter;
class RestApi;
class RestLockHandler;
class ServerMetrics;
class SessionRegistry;
class SqlAuditLog;
class SqlRecordStore;
class SubscriptionHandler;
class TokenAuthenticator;
class TokenIssuer;
class UserStore;
class WalCheckpointer;

/// The whole lock server, built from a ServerConfig: SQLite stores in the data directory, the
/// lock rules, sessions, request handlers and the HTTP/WebSocket front. Usable in-process by tests.
class RecordLockServer : public QObject
{
    Q_OBJECT

public:
    /// clock must outlive the server; nothing happens before start().
    RecordLockServer(ServerConfig config, const Clock &clock, QObject *parent = nullptr);
    ~RecordLockServer() override;

    /// Opens the data, restores the locks and listens; false with *error set on failure.
    bool start(QString *error);
    /// start() without listening: the server then serves only connectClient() (fuzz targets).
    bool open(QString *error);
    /// Serves a client that does not come through the listening socket; only after open/start.
    void connectClient(std::unique_ptr<MessageTransport> transport);
    /// The bound port after a successful start().
    quint16 port() const;
    /// The configuration in force.
    const ServerConfig &config() const { return m_config; }
    /// Open WebSocket connections (closed ones count until they are deleted).
    qsizetype connectionCount() const;

private:
    bool openStores(QString *error);
    bool openLockStore(QString *error);
    QList<LockServer::Dependency> dependencies();
    /// The clock of the lock rules: Redis' over the Redis store, else the server's.
    const Clock &lockClock() const;
    void buildFront();
    /// SQLite only: WAL checkpoints off the serving thread (SQLite's own ones if that fails).
    void startCheckpointer();
    void wireMetrics();

    ServerConfig m_config;
    const Clock &m_clock;
    // Declaration order is construction order; destruction runs backwards, front first.
    /// First, so it is destroyed last: connections report replies to it until they are gone.
    std::unique_ptr<ServerMetrics> m_metrics;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::unique_ptr<RedisClient> m_redis;
    std::unique_ptr<RedisClock> m_redisClock;
    std::unique_ptr<LockStore> m_lockStore;
    /// m_lockStore when it is the Redis one, else nullptr.
    RedisLockStore *m_redisLocks = nullptr;
    std::unique_ptr<SqlRecordStore> m_recordStore;
    std::unique_ptr<SqlAuditLog> m_audit;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<TokenIssuer> m_tokens;
    std::unique_ptr<TokenAuthenticator> m_authenticator;
    std::unique_ptr<LockManager> m_locks;
    std::unique_ptr<ClusterLink> m_cluster;
    std::unique_ptr<SessionRegistry> m_sessions;
    std::unique_ptr<EventFanout> m_fanout;
    std::unique_ptr<EventSequencer> m_sequencer;
    std::unique_ptr<RequestLimiter> m_requestLimiter;
    std::unique_ptr<RequestDispatcher> m_dispatcher;
    /// Shared by the WebSocket and REST logins: one failed-login throttle for both.
    std::unique_ptr<LoginVerifier> m_loginVerifier;
    std::unique_ptr<AuthHandler> m_authHandler;
    std::unique_ptr<LockHandler> m_lockHandler;
    std::unique_ptr<SubscriptionHandler> m_subscriptionHandler;
    std::unique_ptr<RecordHandler> m_recordHandler;
    std::unique_ptr<AdminHandler> m_adminHandler;
    std::unique_ptr<ClientHub> m_hub;
    std::unique_ptr<RestLockHandler> m_restLocks;
    std::unique_ptr<RestApi> m_restApi;
    std::unique_ptr<LockServer> m_front;
    std::unique_ptr<DeadlineTimer> m_deadlines;
};

} // namespace recordlock
