#include "server/authhandler.h"

#include <QJsonArray>
#include <QJsonObject>

#include "protocol/argreader.h"
#include "protocol/limits.h"
#include "protocol/names.h"
#include "server/clientconnection.h"
#include "server/lockmanager.h"
#include "server/lockview.h"
#include "server/passwordhasher.h"
#include "server/requestdispatcher.h"
#include "server/serverlogging.h"
#include "server/sessionregistry.h"
#include "server/tokenissuer.h"
#include "server/userstore.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

ProtocolError unauthenticated(const QString &reason, const QString &message)
{
    return ProtocolError{ErrorCode::Unauthenticated, message, QJsonObject{{u"reason"_s, reason}}};
}

/// What a password check on the pool found.
struct PasswordCheck
{
    bool verified = false;
    /// A fresh hash of the same password when the stored one uses other parameters; else empty.
    QString rehash;
};

} // namespace

AuthHandler::AuthHandler(UserStore &users, const PasswordHasher &hasher, const TokenIssuer &tokens,
                         LockManager &locks, SessionRegistry &sessions, const Clock &clock, int maxConnectionsPerUser,
                         QObject *parent)
    : QObject(parent)
    , m_users(users)
    , m_hasher(hasher)
    , m_tokens(tokens)
    , m_locks(locks)
    , m_sessions(sessions)
    , m_throttle(clock)
    , m_userConnections(maxConnectionsPerUser)
{
}

AuthHandler::~AuthHandler()
{
    // Checks not yet started are dropped: at shutdown nobody waits for their answers, and each
    // costs ~100 ms of argon2id.
    m_pool.clear();
    m_pool.waitForDone();
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

    // Before any hashing: a guesser must not be able to make the server burn CPU, either.
    const QString address = connection.peerAddress();
    if (const qint64 waitMs = m_throttle.begin(name, address); waitMs > 0) {
        qCInfo(lcSession) << "login from" << connection.peer() << "refused: too many failed logins";
        return connection.sendError(request.id,
                                    ProtocolError{ErrorCode::RateLimited, u"too many failed logins; try again later"_s,
                                                  QJsonObject{{u"retryAfterMs"_s, waitMs}}});
    }

    const std::optional<User> user = m_users.findByName(name);
    connection.suspend();
    // Only the ticket crosses threads; the connection pointer stays on this thread.
    const quint64 ticket = ++m_lastTicket;
    m_pendingLogins.insert(ticket,
                           PendingLogin{&connection, request.id, user.value_or(User()), sessionId, name, address});
    const QString hash = user ? user->passwordHash : QString();
    m_pool.start([this, ticket, hash, password] {
        PasswordCheck check;
        if (hash.isEmpty()) {
            (void)m_hasher.hash(password); // same cost as a verify: no user-name oracle by timing
        } else {
            check.verified = m_hasher.verify(hash, password);
            // Only here is the plain password at hand to hash with the current parameters.
            if (check.verified && m_hasher.needsRehash(hash))
                check.rehash = m_hasher.hash(password);
        }
        QMetaObject::invokeMethod(
            this, [this, ticket, check] { finishLogin(ticket, check.verified, check.rehash); }, Qt::QueuedConnection);
    });
}

void AuthHandler::finishLogin(quint64 ticket, bool verified, const QString &rehash)
{
    const PendingLogin pending = m_pendingLogins.take(ticket);
    // The password was checked whether or not its connection is still there.
    if (verified) {
        m_throttle.succeeded(pending.attemptedName, pending.address);
        if (!rehash.isEmpty() && m_users.replacePasswordHash(pending.user.id, pending.user.passwordHash, rehash))
            qCInfo(lcIdentity) << "upgraded the password hash of" << pending.user.name;
    }
    ClientConnection *connection = pending.connection.data();
    if (!connection || connection->isClosing())
        return;
    const QJsonValue &id = pending.id;
    const User &user = pending.user;
    const QString &sessionId = pending.sessionId;
    if (verified) {
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
    const TokenCheck check = m_tokens.verify(token);
    if (check.status == TokenCheck::Status::Expired)
        return connection.sendError(request.id, unauthenticated(u"expired"_s, u"the session token has expired"_s));
    if (check.status != TokenCheck::Status::Valid)
        return connection.sendError(request.id, unauthenticated(u"invalid"_s, u"the session token is not valid"_s));
    const std::optional<User> user = m_users.findById(check.userId);
    if (!user)
        return connection.sendError(request.id, unauthenticated(u"invalid"_s, u"the account no longer exists"_s));
    if (check.issuedAt < user->passwordChangedAt) {
        return connection.sendError(
            request.id, unauthenticated(u"invalid"_s, u"the session token was revoked by a password change"_s));
    }
    startSession(connection, request.id, *user, sessionId, token, check.expiresAt);
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
