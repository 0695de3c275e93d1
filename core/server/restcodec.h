#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include "protocol/protocolerror.h"
#include "server/issuedtoken.h"
#include "server/user.h"

namespace recordlock {

/// Decodes and encodes the bodies of the REST API (docs/protocol.md, "REST API") without any
/// socket: request bodies and query strings to typed values or an invalid_argument/bad_request
/// error, errors to HTTP statuses and {"error":{...}} bodies.
class RestCodec
{
public:
    /// POST /api/v1/login.
    struct LoginBody
    {
        QString user;
        QString password;
    };
    /// POST .../lock (acquire): the session to hold the lock; empty means "make one up".
    struct AcquireBody
    {
        QString sessionId;
        bool switchSession = false;
    };
    /// POST .../lock/renew and .../lock/release.
    struct HolderBody
    {
        QString sessionId;
        qint64 token = 0;
    };
    /// POST .../lock/override (admin).
    struct OverrideBody
    {
        QString reason;
        std::optional<QString> expectHolder;
        /// Empty means "make one up", as for acquire.
        QString sessionId;
    };
    /// GET .../lock: the caller's session (to see its own token) and a fencing token to check.
    struct LockQuery
    {
        QString sessionId;
        /// 0 when no fencing check was asked for.
        qint64 token = 0;
    };

    /// The HTTP status an error code is answered with (e.g. lock_held 409, unauthenticated 401).
    static int httpStatus(ErrorCode code);
    /// The body of an error answer: {"error":{"code":...,"message":..., details...}}, the
    /// protocol's error object.
    static QJsonObject errorBody(const ProtocolError &error);
    /// A request body as a JSON object: empty (or blank) is {}; more than limits::MaxMessageBytes is
    /// message_too_large; anything but one JSON object is bad_request.
    static std::optional<QJsonObject> parseBody(const QByteArray &body, ProtocolError *error);
    /// The token of an Authorization header value "Bearer <token>"; unauthenticated (reason
    /// "missing") when the header is absent or not a bearer token.
    static std::optional<QString> bearerToken(const QByteArray &authorization, ProtocolError *error);

    /// The members of a login body; invalid_argument naming the field when one is wrong.
    static std::optional<LoginBody> decodeLogin(const QJsonObject &body, ProtocolError *error);
    /// The members of an acquire body (all optional).
    static std::optional<AcquireBody> decodeAcquire(const QJsonObject &body, ProtocolError *error);
    /// The members of a renew or release body (both required).
    static std::optional<HolderBody> decodeHolder(const QJsonObject &body, ProtocolError *error);
    /// The members of an override body.
    static std::optional<OverrideBody> decodeOverride(const QJsonObject &body, ProtocolError *error);
    /// The query of GET .../lock (both members optional).
    static std::optional<LockQuery> decodeLockQuery(const QUrlQuery &query, ProtocolError *error);
    /// A record id taken from the path; invalid_argument (field "recordId") when malformed.
    static bool checkRecordId(const QString &recordId, ProtocolError *error);

    /// The result of a successful login.
    static QJsonObject loginResult(const IssuedToken &token, const User &user, qint64 lockTtlMs,
                                   qint64 orphanGraceMs);
};

} // namespace recordlock
