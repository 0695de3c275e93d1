#include "server/restapi.h"

#include "server/groupcommit.h"

#include <memory>

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>

#include "server/groupcommit.h"
#include "server/loginverifier.h"
#include "server/replyerrors.h"
#include "server/requestlimiter.h"
#include "server/restcodec.h"
#include "server/restlockhandler.h"
#include "server/serverlogging.h"
#include "server/tokenauthenticator.h"
#include "server/tokenissuer.h"
#include "server/user.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

using RestApiMethod = QHttpServerRequest::Method;

/// A header's value, names compared without regard to case.
QByteArray restApiHeader(const QHttpServerRequest &request, const QByteArray &name)
{
    const QList<QPair<QByteArray, QByteArray>> headers = request.headers();
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QString restApiMethodName(RestApiMethod method)
{
    switch (method) {
    case RestApiMethod::Get:
        return u"GET"_s;
    case RestApiMethod::Post:
        return u"POST"_s;
    case RestApiMethod::Put:
        return u"PUT"_s;
    case RestApiMethod::Delete:
        return u"DELETE"_s;
    case RestApiMethod::Head:
        return u"HEAD"_s;
    case RestApiMethod::Options:
        return u"OPTIONS"_s;
    case RestApiMethod::Patch:
        return u"PATCH"_s;
    default:
        return u"OTHER"_s;
    }
}

} // namespace

RestApi::RestApi(LoginVerifier &verifier, const TokenAuthenticator &authenticator, const TokenIssuer &tokens,
                 RestLockHandler &locks, RequestLimiter *limiter, Durations durations,
                 QObject *parent)
    : QObject(parent)
    , m_verifier(verifier)
    , m_authenticator(authenticator)
    , m_tokens(tokens)
    , m_locks(locks)
    , m_limiter(limiter)
    , m_durations(durations)
{
}

RestApi::~RestApi() = default;

void RestApi::install(QHttpServer &http)
{
    http.route(u"/api/v1/login"_s, RestApiMethod::Post,
               [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   login(request, responder);
               });
    http.route(u"/api/v1/records/<arg>/lock"_s, RestApiMethod::Get,
               [this](const QString &recordId, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   // A GET has no body: its arguments are the query.
                   ProtocolError error;
                   const std::optional<RestCodec::LockQuery> query =
                       RestCodec::decodeLockQuery(request.query(), &error);
                   serve(recordId, request, responder,
                         [this, recordId, query, error](const User &user, const QJsonObject &) {
                             return query ? m_locks.getLock(user, recordId, *query) : RestLockHandler::failure(error);
                         });
               });
    http.route(u"/api/v1/records/<arg>/lock"_s, RestApiMethod::Post,
               [this](const QString &recordId, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   serve(recordId, request, responder, [this, recordId](const User &user, const QJsonObject &body) {
                       ProtocolError error;
                       const std::optional<RestCodec::AcquireBody> args = RestCodec::decodeAcquire(body, &error);
                       return args ? m_locks.acquire(user, recordId, *args) : RestLockHandler::failure(error);
                   });
               });
    http.route(u"/api/v1/records/<arg>/lock/renew"_s, RestApiMethod::Post,
               [this](const QString &recordId, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   serve(recordId, request, responder, [this, recordId](const User &user, const QJsonObject &body) {
                       ProtocolError error;
                       const std::optional<RestCodec::HolderBody> args = RestCodec::decodeHolder(body, &error);
                       return args ? m_locks.renew(user, recordId, *args) : RestLockHandler::failure(error);
                   });
               });
    http.route(u"/api/v1/records/<arg>/lock/release"_s, RestApiMethod::Post,
               [this](const QString &recordId, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   serve(recordId, request, responder, [this, recordId](const User &user, const QJsonObject &body) {
                       ProtocolError error;
                       const std::optional<RestCodec::HolderBody> args = RestCodec::decodeHolder(body, &error);
                       return args ? m_locks.release(user, recordId, *args) : RestLockHandler::failure(error);
                   });
               });
    http.route(u"/api/v1/records/<arg>/lock/override"_s, RestApiMethod::Post,
               [this](const QString &recordId, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   serve(recordId, request, responder, [this, recordId](const User &user, const QJsonObject &body) {
                       return m_locks.overrideLock(user, recordId, body);
                   });
               });
    // Without this, an unknown path or method under /api/ would get an empty 404 a client cannot tell
    // from a missing server; everything else keeps QHttpServer's plain 404.
    http.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        const QString path = request.url().path();
        if (!path.startsWith(u"/api/"_s)) {
            responder.write(QHttpServerResponder::StatusCode::NotFound);
            return;
        }
        const QString what = restApiMethodName(request.method()) + u' ' + path;
        write(responder, RestLockHandler::failure(ProtocolError{ErrorCode::UnknownOp,
                                                                u"no such endpoint: %1"_s.arg(what),
                                                                QJsonObject{{u"op"_s, what}}}));
    });
}

void RestApi::login(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    ProtocolError error;
    const std::optional<QJsonObject> body = RestCodec::parseBody(request.body(), &error);
    const std::optional<RestCodec::LoginBody> args = body ? RestCodec::decodeLogin(*body, &error) : std::nullopt;
    if (!args)
        return write(responder, RestLockHandler::failure(error));

    // The answer comes after the password check; the client may hang up before, and then QHttpServer
    // deletes its socket, so the responder is only used while the socket still exists.
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket(pending->socket());
    QPointer<RestApi> self(this);
    const QString address = request.remoteAddress().toString();
    const qint64 waitMs = m_verifier.start(
        args->user, args->password, address, [self, pending, socket](const LoginVerifier::Outcome &outcome) {
            if (!self || !socket || socket->state() != QAbstractSocket::ConnectedState)
                return;
            if (outcome.unavailable)
                return write(*pending, RestLockHandler::failure(ReplyErrors::unavailable()));
            if (!outcome.verified) {
                qCInfo(lcSession) << "failed REST login from" << socket->peerAddress().toString();
                return write(*pending, RestLockHandler::failure(ProtocolError{
                                           ErrorCode::InvalidCredentials, u"wrong user name or password"_s, {}}));
            }
            const IssuedToken issued = self->m_tokens.issue(outcome.user);
            if (issued.token.isEmpty()) {
                return write(*pending, RestLockHandler::failure(ProtocolError{
                                           ErrorCode::Internal, u"could not issue a session token"_s, {}}));
            }
            qCInfo(lcSession) << "REST login of" << outcome.user.name << "from" << socket->peerAddress().toString();
            write(*pending, RestReply{200, RestCodec::loginResult(issued, outcome.user, self->m_durations.lockTtlMs,
                                                                  self->m_durations.orphanGraceMs)});
        });
    if (waitMs > 0) {
        qCInfo(lcSession) << "REST login from" << address << "refused: too many failed logins";
        write(*pending, RestLockHandler::failure(ProtocolError{ErrorCode::RateLimited,
                                                               u"too many failed logins; try again later"_s,
                                                               QJsonObject{{u"retryAfterMs"_s, waitMs}}}));
    }
}

void RestApi::serve(const QString &recordId, const QHttpServerRequest &request, QHttpServerResponder &responder,
                    const Endpoint &endpoint)
{
    ProtocolError error;
    const std::optional<QString> token = RestCodec::bearerToken(restApiHeader(request, "authorization"), &error);
    if (!token)
        return write(responder, RestLockHandler::failure(error));
    const TokenAuthenticator::Result check = m_authenticator.authenticate(*token);
    if (!check.user)
        return write(responder, RestLockHandler::failure(check.error));
    const User &user = *check.user;
    // The user's bucket is the one their WebSocket requests draw from.
    if (m_limiter) {
        const RequestLimiter::Verdict verdict = m_limiter->admit(user.handle, m_refusals);
        if (!verdict.admitted()) {
            return write(responder, RestLockHandler::failure(ProtocolError{
                                        ErrorCode::RateLimited, u"too many requests; slow down"_s,
                                        QJsonObject{{u"retryAfterMs"_s, verdict.retryAfterMs}}}));
        }
    }
    const std::optional<QJsonObject> body = RestCodec::parseBody(request.body(), &error);
    if (!body || !RestCodec::checkRecordId(recordId, &error))
        return write(responder, RestLockHandler::failure(error));
    // The endpoint's writes (also a GET's, which settles an expired lock) share one transaction.
    if (m_gate)
        m_gate->begin();
    const RestReply reply = endpoint(user, *body);
    // Output gating as on the WebSocket: the answer leaves only once its change is durable.
    if (m_gate && m_gate->isOpen() && !m_gate->commit()) {
        return write(responder, RestLockHandler::failure(ProtocolError{
                                    ErrorCode::Unavailable, u"the change could not be stored; try again"_s, {}}));
    }
    write(responder, reply);
}

void RestApi::write(QHttpServerResponder &responder, const RestReply &reply)
{
    const QByteArray json = QJsonDocument(reply.body).toJson(QJsonDocument::Compact);
    const auto status = QHttpServerResponder::StatusCode(reply.status);
    const QByteArray contentType = "application/json";
    if (reply.status == 401) {
        responder.write(json, {{"Content-Type", contentType}, {"WWW-Authenticate", "Bearer"}}, status);
    } else if (reply.status == 429) {
        const qint64 retryMs = reply.body.value(u"error"_s).toObject().value(u"retryAfterMs"_s).toInteger();
        const QByteArray seconds = QByteArray::number(qMax<qint64>(1, (retryMs + 999) / 1000));
        responder.write(json, {{"Content-Type", contentType}, {"Retry-After", seconds}}, status);
    } else {
        responder.write(json, {{"Content-Type", contentType}, {"Cache-Control", "no-store"}}, status);
    }
}

} // namespace recordlock
