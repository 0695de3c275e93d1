#pragma once

#include <functional>

#include <QJsonObject>
#include <QObject>
#include <QString>

#include "server/refusalwindow.h"
#include "server/restreply.h"

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace recordlock {

class GroupCommit;
class LoginVerifier;
class RequestLimiter;
class RestLockHandler;
class TokenAuthenticator;
class TokenIssuer;
struct User;

/// The REST API under /api/v1 on the lock server's port (docs/protocol.md, "REST API"), for
/// systems that are not WebSocket clients: sign-in, bearer-token checks, the per-user request
/// rate, body decoding and the JSON error answers; the lock endpoints are RestLockHandler's.
class RestApi : public QObject
{
    Q_OBJECT

public:
    /// The lock durations reported by login.
    struct Durations
    {
        qint64 lockTtlMs = 0;
        qint64 orphanGraceMs = 0;
    };

    /// Everything passed must outlive the API; limiter may be nullptr (no request limit).
    RestApi(LoginVerifier &verifier, const TokenAuthenticator &authenticator, const TokenIssuer &tokens,
            RestLockHandler &locks, RequestLimiter *limiter, Durations durations,
            QObject *parent = nullptr);
    ~RestApi() override;

    /// Registers the routes on http, and a JSON 404 for other paths under /api/.
    void install(QHttpServer &http);
    /// The WebSocket side's group commit, if any: a REST change that joined its open transaction
    /// is committed before the HTTP answer goes out. gate must outlive the API.
    void setOutputGate(GroupCommit *gate) { m_gate = gate; }

private:
    /// Handles an authenticated request with a decoded body.
    using Endpoint = std::function<RestReply(const User &user, const QJsonObject &body)>;

    void login(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void serve(const QString &recordId, const QHttpServerRequest &request, QHttpServerResponder &responder,
               const Endpoint &endpoint);
    static void write(QHttpServerResponder &responder, const RestReply &reply);

    LoginVerifier &m_verifier;
    const TokenAuthenticator &m_authenticator;
    const TokenIssuer &m_tokens;
    RestLockHandler &m_locks;
    RequestLimiter *m_limiter;
    Durations m_durations;
    /// RequestLimiter wants a per-connection window; HTTP has no connection to close, so one
    /// window serves every REST request and its verdict to close is ignored.
    RefusalWindow m_refusals;
    GroupCommit *m_gate = nullptr;
};

} // namespace recordlock
