#include "server/restcodec.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include "protocol/argreader.h"
#include "protocol/argrules.h"
#include "protocol/limits.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// An optional session id member: absent or null is "", otherwise it must match the protocol's format.
QString restCodecOptionalSessionId(ArgReader &args, const QJsonObject &body)
{
    const QJsonValue value = body.value(u"sessionId"_s);
    if (value.isUndefined() || value.isNull())
        return {};
    return args.sessionId();
}

} // namespace

int RestCodec::httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
    case ErrorCode::InvalidRequest:
    case ErrorCode::InvalidArgument:
        return 400;
    case ErrorCode::Unauthenticated:
    case ErrorCode::InvalidCredentials:
        return 401;
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::NotFound:
    case ErrorCode::UnknownOp:
        return 404;
    case ErrorCode::LockHeld:
    case ErrorCode::NotHolder:
    case ErrorCode::StaleToken:
    case ErrorCode::NoLock:
    case ErrorCode::StaleVersion:
    case ErrorCode::SessionConflict:
    case ErrorCode::LockChanged:
        return 409;
    case ErrorCode::MessageTooLarge:
        return 413;
    case ErrorCode::RateLimited:
    case ErrorCode::ConnectionLimit:
        return 429;
    case ErrorCode::Unavailable:
        return 503;
    case ErrorCode::Internal:
        break;
    }
    return 500;
}

QJsonObject RestCodec::errorBody(const ProtocolError &error)
{
    return QJsonObject{{u"error"_s, error.toJson()}};
}

std::optional<QJsonObject> RestCodec::parseBody(const QByteArray &body, ProtocolError *error)
{
    if (body.size() > limits::MaxMessageBytes) {
        *error = ProtocolError{ErrorCode::MessageTooLarge,
                               u"the request body is larger than %1 bytes"_s.arg(limits::MaxMessageBytes),
                               QJsonObject{{u"maxBytes"_s, limits::MaxMessageBytes}}};
        return std::nullopt;
    }
    if (body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = ProtocolError{ErrorCode::BadRequest, u"the request body is not a JSON object"_s, {}};
        return std::nullopt;
    }
    return document.object();
}

std::optional<QString> RestCodec::bearerToken(const QByteArray &authorization, ProtocolError *error)
{
    const QByteArray value = authorization.trimmed();
    const QByteArray scheme = "bearer ";
    if (value.size() <= scheme.size() || value.left(scheme.size()).toLower() != scheme) {
        *error = ProtocolError{ErrorCode::Unauthenticated,
                               u"send the session token as \"Authorization: Bearer <token>\""_s,
                               QJsonObject{{u"reason"_s, u"missing"_s}}};
        return std::nullopt;
    }
    const QByteArray token = value.mid(scheme.size()).trimmed();
    if (token.size() > limits::MaxTokenLength) {
        *error = ProtocolError{ErrorCode::Unauthenticated, u"the session token is not valid"_s,
                               QJsonObject{{u"reason"_s, u"invalid"_s}}};
        return std::nullopt;
    }
    return QString::fromLatin1(token);
}

std::optional<RestCodec::LoginBody> RestCodec::decodeLogin(const QJsonObject &body, ProtocolError *error)
{
    ArgReader args(body);
    LoginBody login;
    login.user = args.string(u"user", limits::MaxUserNameLength);
    login.password = args.string(u"password", limits::MaxPasswordLength);
    if (!args.ok()) {
        *error = args.error();
        return std::nullopt;
    }
    return login;
}

std::optional<RestCodec::AcquireBody> RestCodec::decodeAcquire(const QJsonObject &body, ProtocolError *error)
{
    ArgReader args(body);
    AcquireBody acquire;
    acquire.sessionId = restCodecOptionalSessionId(args, body);
    acquire.switchSession = args.optionalBool(u"switchSession", false);
    if (!args.ok()) {
        *error = args.error();
        return std::nullopt;
    }
    return acquire;
}

std::optional<RestCodec::HolderBody> RestCodec::decodeHolder(const QJsonObject &body, ProtocolError *error)
{
    ArgReader args(body);
    HolderBody holder;
    holder.sessionId = args.sessionId();
    holder.token = args.integer(u"token", 1, limits::MaxSafeInteger);
    if (!args.ok()) {
        *error = args.error();
        return std::nullopt;
    }
    return holder;
}

std::optional<RestCodec::OverrideBody> RestCodec::decodeOverride(const QJsonObject &body, ProtocolError *error)
{
    ArgReader args(body);
    OverrideBody overrideBody;
    overrideBody.reason =
        args.trimmedString(u"reason", limits::MinOverrideReasonLength, limits::MaxOverrideReasonLength);
    overrideBody.expectHolder = args.optionalString(u"expectHolder", limits::MaxHandleLength);
    overrideBody.sessionId = restCodecOptionalSessionId(args, body);
    if (!args.ok()) {
        *error = args.error();
        return std::nullopt;
    }
    return overrideBody;
}

std::optional<RestCodec::LockQuery> RestCodec::decodeLockQuery(const QUrlQuery &query, ProtocolError *error)
{
    LockQuery lockQuery;
    if (query.hasQueryItem(u"sessionId"_s)) {
        lockQuery.sessionId = query.queryItemValue(u"sessionId"_s, QUrl::FullyDecoded);
        if (!ArgRules::isValidSessionId(lockQuery.sessionId)) {
            *error = ProtocolError{ErrorCode::InvalidArgument,
                                   u"\"sessionId\" must have 8 to 128 characters of A-Z, a-z, 0-9, _ and -"_s,
                                   QJsonObject{{u"field"_s, u"sessionId"_s}}};
            return std::nullopt;
        }
    }
    if (query.hasQueryItem(u"token"_s)) {
        bool ok = false;
        lockQuery.token = query.queryItemValue(u"token"_s).toLongLong(&ok);
        if (!ok || lockQuery.token < 1 || lockQuery.token > limits::MaxSafeInteger) {
            *error = ProtocolError{ErrorCode::InvalidArgument,
                                   u"\"token\" must be an integer from 1 to %1"_s.arg(limits::MaxSafeInteger),
                                   QJsonObject{{u"field"_s, u"token"_s}}};
            return std::nullopt;
        }
        // Tokens count up per record: a check by token alone would let anyone find the current
        // one. The holder's session id, which only the holder knows, has to come with it.
        if (lockQuery.sessionId.isEmpty()) {
            *error = ProtocolError{ErrorCode::InvalidArgument,
                                   u"a fencing check needs the holder's \"sessionId\" with the \"token\""_s,
                                   QJsonObject{{u"field"_s, u"sessionId"_s}}};
            return std::nullopt;
        }
    }
    return lockQuery;
}

bool RestCodec::checkRecordId(const QString &recordId, ProtocolError *error)
{
    if (ArgRules::isValidRecordId(recordId))
        return true;
    *error = ProtocolError{ErrorCode::InvalidArgument,
                           u"the record id must have 1 to 128 characters of A-Z, a-z, 0-9, '.', '_' and '-'"_s,
                           QJsonObject{{u"field"_s, u"recordId"_s}}};
    return false;
}

QJsonObject RestCodec::loginResult(const IssuedToken &token, const User &user, qint64 lockTtlMs, qint64 orphanGraceMs)
{
    return QJsonObject{
        {u"token"_s, token.token},
        {u"tokenExpiresAt"_s, token.expiresAt},
        {u"user"_s,
         QJsonObject{{u"handle"_s, user.handle}, {u"displayName"_s, user.displayName}, {u"role"_s, user.role}}},
        {u"lockTtlMs"_s, lockTtlMs},
        {u"orphanGraceMs"_s, orphanGraceMs},
    };
}

} // namespace recordlock
