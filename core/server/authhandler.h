#pragma once

#include <QJsonValue>
#include <QObject>

#include "protocol/request.h"
#include "server/loginverifier.h"
#include "server/user.h"
#include "server/userconnectioncounter.h"

namespace recordlock {

class ClientConnection;
class LockManager;
class RequestDispatcher;
class SessionRegistry;
class TokenAuthenticator;
class TokenIssuer;

/// login, auth, logout and ping. The password check (LoginVerifier: failed-login limits, argon2id
/// on a thread pool) runs while the connection holds back its later requests; token checks are
/// TokenAuthenticator's. Also enforces the per-user cap on signed-in connections.
class AuthHandler : public QObject
{
    Q_OBJECT

public:
    /// Everything passed must outlive the handler; maxConnectionsPerUser 0 means unlimited.
    AuthHandler(LoginVerifier &verifier, const TokenAuthenticator &authenticator, const TokenIssuer &tokens,
                LockManager &locks, SessionRegistry &sessions, int maxConnectionsPerUser, QObject *parent = nullptr);

    /// Registers login, auth, logout and ping.
    void install(RequestDispatcher &dispatcher);

private:
    void login(ClientConnection &connection, const Request &request);
    void finishLogin(ClientConnection *connection, const QJsonValue &id, const QString &sessionId,
                     const LoginVerifier::Outcome &outcome);
    void auth(ClientConnection &connection, const Request &request);
    void logout(ClientConnection &connection, const Request &request);
    void ping(ClientConnection &connection, const Request &request);
    void startSession(ClientConnection &connection, const QJsonValue &id, const User &user, const QString &sessionId,
                      const QString &token, qint64 tokenExpiresAt);
    void onConnectionClosed(ClientConnection *connection);

    LoginVerifier &m_verifier;
    const TokenAuthenticator &m_authenticator;
    const TokenIssuer &m_tokens;
    LockManager &m_locks;
    SessionRegistry &m_sessions;
    UserConnectionCounter m_userConnections;
};

} // namespace recordlock
