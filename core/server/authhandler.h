#pragma once

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include "protocol/request.h"
#include "server/loginthrottle.h"
#include "server/user.h"
#include "server/userconnectioncounter.h"

namespace recordlock {

class ClientConnection;
class Clock;
class LockManager;
class PasswordHasher;
class RequestDispatcher;
class SessionRegistry;
class TokenIssuer;
class UserStore;

/// login, auth, logout and ping. Password verification (argon2id, ~100 ms) runs on a thread pool
/// while the connection holds back its later requests, so the event loop never blocks on it.
/// Also enforces the failed-login limits, token revocation by password change and the per-user
/// cap on signed-in connections, and upgrades password hashes made with older parameters.
class AuthHandler : public QObject
{
    Q_OBJECT

public:
    /// Everything passed must outlive the handler; maxConnectionsPerUser 0 means unlimited.
    AuthHandler(UserStore &users, const PasswordHasher &hasher, const TokenIssuer &tokens, LockManager &locks,
                SessionRegistry &sessions, const Clock &clock, int maxConnectionsPerUser, QObject *parent = nullptr);
    /// Drops queued password checks and waits for those already running.
    ~AuthHandler() override;

    /// Registers login, auth, logout and ping.
    void install(RequestDispatcher &dispatcher);

private:
    void login(ClientConnection &connection, const Request &request);
    void finishLogin(quint64 ticket, bool verified, const QString &rehash);
    void auth(ClientConnection &connection, const Request &request);
    void logout(ClientConnection &connection, const Request &request);
    void ping(ClientConnection &connection, const Request &request);
    void startSession(ClientConnection &connection, const QJsonValue &id, const User &user, const QString &sessionId,
                      const QString &token, qint64 tokenExpiresAt);
    void onConnectionClosed(ClientConnection *connection);

    UserStore &m_users;
    const PasswordHasher &m_hasher;
    const TokenIssuer &m_tokens;
    LockManager &m_locks;
    SessionRegistry &m_sessions;
    LoginThrottle m_throttle;
    UserConnectionCounter m_userConnections;

    /// A login whose password is being verified on the pool.
    struct PendingLogin
    {
        QPointer<ClientConnection> connection;
        QJsonValue id;
        User user;
        QString sessionId;
        /// The name and address the attempt was counted under by m_throttle.
        QString attemptedName;
        QString address;
    };
    QHash<quint64, PendingLogin> m_pendingLogins;
    quint64 m_lastTicket = 0;
    /// Declared last: destroyed (and drained) first, before anything its tasks report to.
    QThreadPool m_pool;
};

} // namespace recordlock
