#pragma once

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include "protocol/request.h"
#include "server/user.h"

namespace recordlock {

class ClientConnection;
class LockManager;
class PasswordHasher;
class RequestDispatcher;
class SessionRegistry;
class TokenIssuer;
class UserStore;

/// login, auth, logout and ping. Password verification (argon2id, ~100 ms) runs on a thread pool
/// while the connection holds back its later requests, so the event loop never blocks on it.
class AuthHandler : public QObject
{
    Q_OBJECT

public:
    /// Everything passed must outlive the handler.
    AuthHandler(UserStore &users, const PasswordHasher &hasher, const TokenIssuer &tokens, LockManager &locks,
                SessionRegistry &sessions, QObject *parent = nullptr);
    /// Drops queued password checks and waits for those already running.
    ~AuthHandler() override;

    /// Registers login, auth, logout and ping.
    void install(RequestDispatcher &dispatcher);

private:
    void login(ClientConnection &connection, const Request &request);
    void finishLogin(quint64 ticket, bool verified);
    void auth(ClientConnection &connection, const Request &request);
    void logout(ClientConnection &connection, const Request &request);
    void ping(ClientConnection &connection, const Request &request);
    void startSession(ClientConnection &connection, const QJsonValue &id, const User &user, const QString &sessionId,
                      const QString &token, qint64 tokenExpiresAt);

    UserStore &m_users;
    const PasswordHasher &m_hasher;
    const TokenIssuer &m_tokens;
    LockManager &m_locks;
    SessionRegistry &m_sessions;

    /// A login whose password is being verified on the pool.
    struct PendingLogin
    {
        QPointer<ClientConnection> connection;
        QJsonValue id;
        User user;
        QString sessionId;
    };
    QHash<quint64, PendingLogin> m_pendingLogins;
    quint64 m_lastTicket = 0;
    /// Declared last: destroyed (and drained) first, before anything its tasks report to.
    QThreadPool m_pool;
};

} // namespace recordlock
