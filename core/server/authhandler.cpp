#include "server/authhandler.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

#include "protocol/argreader.h"
#include "protocol/limits.h"
#include "protocol/names.h"
#include "server/clientconnection.h"
#include "server/lockmanager.h"
#include "server/lockview.h"
#include "server/replyerrors.h"
#include "server/requestdispatcher.h"
#include "server/serverlogging.h"
#include "server/sessionregistry.h"
#include "server/tokenauthenticator.h"
#include "server/tokenissuer.h"

using namespace Qt::StringLiterals;

namespace recordlock {

AuthHandler::AuthHandler(LoginVerifier &verifier, const TokenAuthenticator &authenticator, const TokenIssuer &tokens,
                         LockManager &locks, SessionRegistry &sessions, int maxConnectionsPerUser, QObject *parent)
    : QObject(parent)
    , m_verifier(verifier)
    , m_authenticator(authenticator)
    , m_tokens(tokens)
    , m_locks(locks)
    , m_sessions(sessions)
    , m_userConnections(maxConnectionsPerUser)
{
}

void AuthHandler::install(RequestDispatcher &dispatcher)
{
    using Access = RequestDispatcher::Access;
    dispatcher.addOp(ops::Login, Access::BeforeAuth, [this](ClientConnection &c, const Request &r) { login(c, r); });
    dispatcher.addOp(ops::Auth, Access::BeforeAuth, [this](ClientConnection &c, const Request &r) { auth(c, r); });
    dispatcher.addOp(ops::Ping, Access::BeforeAuth, [this](ClientConnection &c, const Request &r) { ping(c, r); });
    dispatcher.addOp(ops::Logout, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { logout(c, r); });
}

void AuthHandler::login(ClientConnection &connection, const Request &request)
{
    ArgReader args(request.args);
    const QString name = args.string(u"user", limits::MaxUserNameLength);
    const QString password = args.string(u"password", limits::MaxPasswordLength);
    const QString sessionId = args.sessionId();
    if (!args.ok())
        return connection.sendError(request.id, args.error());

    // The verifier answers later, on this thread; the connection may be gone by then.
    QPointer<AuthHandler> self(this);
    QPointer<ClientConnection> pending(&connection);
    const QJsonValue id = request.id;
    const qint64 waitMs = m_verifier.start(
        name, password, connection.peerAddress(),
        [self, pending, id, sessionId](const LoginVerifier::Outcome &outcome) {
            if (self)
                self->finishLogin(pending.data(), id, sessionId, outcome);
        });
    if (waitMs > 0) {
        qCInfo(lcSession) << "login from" << connection.peer() << "refused: too many failed logins";
        return connection.sendError(request.id,
                                    ProtocolError{ErrorCode::RateLimited, u"too many failed logins; try again later"_s,
                                                  QJsonObject{{u"retryAfterMs"_s, waitMs}}});
    }
    connection.suspend();
}

void AuthHandler::finishLogin(ClientConnection *connection, const QJsonValue &id, const QString &sessionId,
                              const LoginVerifier::Outcome &outcome)
{
    if (!connection || connection->isClosing())
        return;
    if (outcome.unavailable) {
        connection->sendError(id, ReplyErrors::unavailable());
    } else if (outcome.verified) {
        const User &user = outcome.user;
        qCInfo(lcSession) << "login of" << user.name << "from" << connection->peer();
        const IssuedToken issued = m_tokens.issue(user);
        if (issued.token.isEmpty())
            connection->sendError(id, ProtocolError{ErrorCode::Internal, u"could not issue a session token"_s, {}});
        else
            startSession(*connection, id, user, sessionId, issued.token, issued.expiresAt);
    } else {
        qCInfo(lcSession) << "failed login from" << connection->peer();
        connection->sendError(id, ProtocolError{ErrorCode::InvalidCredentials, u"wrong user name or password"_s, {}});
    }
    connection->resume();
}

void AuthHandler::auth(ClientConnection &connection, const Request &request)
{
    ArgReader args(request.args);
    const QString token = args.string(u"token", limits::MaxTokenLength);
    const QString sessionId = args.sessionId();
    if (!args.ok())
        return connection.sendError(request.id, args.error());
    const TokenAuthenticator::Result check = m_authenticator.authenticate(token);
    if (!check.user)
        return connection.sendError(request.id, check.error);
    startSession(connection, request.id, *check.user, sessionId, token, check.tokenExpiresAt);
}

void AuthHandler::startSession(ClientConnection &connection, const QJsonValue &id, const User &user,
                               const QString &sessionId, const QString &token, qint64 tokenExpiresAt)
{
    const ClientConnection *current = m_sessions.connectionOf(sessionId);
    const std::optional<qint64> owner = m_locks.ownerOf(sessionId);
    if ((current && current != &connection && current->user().id != user.id) || (owner && *owner != user.id)) {
        qCInfo(lcSession) << "session conflict for" << user.name << "from" << connection.peer();
        return connection.sendError(id, ProtocolError{ErrorCode::SessionConflict,
                                                      u"the session id belongs to another user"_s, {}});
    }
    // A takeover of the user's own session replaces a connection, so it never counts twice.
    const ClientConnection *displacedBySession = current != &connection ? current : nullptr;
    if (!m_userConnections.admits(user.id, &connection, displacedBySession)) {
        qCInfo(lcSession) << user.name << "has too many signed-in connections; refusing" << connection.peer();
        connection.sendError(id, ProtocolError{ErrorCode::ConnectionLimit,
                                               u"too many signed-in connections for this user (at most %1)"_s.arg(
                                                   m_userConnections.maxPerUser()),
                                               {}});
        connection.closeWith(QWebSocketProtocol::CloseCodePolicyViolated, u"too many connections for this user"_s);
        return;
    }
    // Resume first: if the store is down nothing about the session changes.
    const std::optional<QList<LockRow>> locks = m_locks.sessionResumed(sessionId);
    if (!locks) {
        return connection.sendError(id, ProtocolError{ErrorCode::Unavailable,
                                                      u"the lock store is unavailable; try again"_s, {}});
    }
    // A connection that switches to another session leaves its old one behind, orphaned.
    if (connection.isAuthenticated() && connection.sessionId() != sessionId) {
        if (m_sessions.unbind(connection.sessionId(), &connection))
            m_locks.sessionDisconnected(connection.sessionId());
    }
    if (ClientConnection *displaced = m_sessions.bind(sessionId, &connection)) {
        qCInfo(lcSession) << "session of" << user.name << "taken over by" << connection.peer();
        m_sessions.forget(displaced);
        m_userConnections.remove(displaced);
        displaced->deauthenticate();
        displaced->closeWith(QWebSocketProtocol::CloseCode(4000), u"session taken over by a newer connection"_s);
    }
    connection.authenticate(sessionId, user);
    m_userConnections.add(user.id, &connection);
    connect(&connection, &ClientConnection::closed, this, &AuthHandler::onConnectionClosed, Qt::UniqueConnection);

    QJsonArray lockArray;
    for (const LockRow &row : *locks)
        lockArray.append(LockView::info(row, LockView::Audience::HolderSession).toJson());
    connection.sendReply(id, QJsonObject{
                                 {u"token"_s, token},
                                 {u"tokenExpiresAt"_s, tokenExpiresAt},
                                 {u"sessionId"_s, sessionId},
                                 {u"user"_s, QJsonObject{{u"handle"_s, user.handle},
                                                         {u"displayName"_s, user.displayName},
                                                         {u"role"_s, user.role}}},
                                 {u"lockTtlMs"_s, m_locks.settings().lockTtlMs},
                                 {u"orphanGraceMs"_s, m_locks.settings().orphanGraceMs},
                                 {u"locks"_s, lockArray},
                             });
}

void AuthHandler::logout(ClientConnection &connection, const Request &request)
{
    const QString sessionId = connection.sessionId();
    if (!m_locks.releaseAll(sessionId, reasons::Logout)) {
        return connection.sendError(request.id, ProtocolError{ErrorCode::Unavailable,
                                                              u"the lock store is unavailable; try again"_s, {}});
    }
    qCInfo(lcSession) << "logout of" << connection.user().name << "from" << connection.peer();
    m_sessions.unbind(sessionId, &connection);
    m_sessions.forget(&connection);
    m_userConnections.remove(&connection);
    connection.deauthenticate();
    connection.sendReply(request.id, QJsonObject());
    connection.closeWith(QWebSocketProtocol::CloseCodeNormal, u"logged out"_s);
}

void AuthHandler::onConnectionClosed(ClientConnection *connection)
{
    m_userConnections.remove(connection);
}

void AuthHandler::ping(ClientConnection &connection, const Request &request)
{
    connection.sendReply(request.id, QJsonObject{{u"pong"_s, true}});
}

} // namespace recordlock
