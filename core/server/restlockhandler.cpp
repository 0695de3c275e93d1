#include "server/restlockhandler.h"

#include <QRandomGenerator>

#include "protocol/names.h"
#include "server/clientconnection.h"
#include "server/lockmanager.h"
#include "server/lockview.h"
#include "server/recordstore.h"
#include "server/replyerrors.h"
#include "server/serverlogging.h"
#include "server/sessionregistry.h"
#include "server/user.h"
#include "server/userstore.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

QJsonObject restLockJson(const LockRow &row, const QString &sessionId, const User &user)
{
    return LockView::forRecipient(row, sessionId, user.id).toJson();
}

QString restOutcomeName(LockResult::Status status)
{
    switch (status) {
    case LockResult::Status::Renewed:
        return u"renewed"_s;
    case LockResult::Status::Switched:
        return u"switched"_s;
    case LockResult::Status::Overridden:
        return u"overridden"_s;
    default:
        return u"granted"_s;
    }
}

ProtocolError restSessionConflict()
{
    return ProtocolError{ErrorCode::SessionConflict, u"the session id belongs to another user"_s, {}};
}

LockHolder restHolder(const User &user, const QString &sessionId)
{
    return LockHolder{sessionId, user.id, user.displayName, user.handle};
}

} // namespace

RestLockHandler::RestLockHandler(LockManager &locks, RecordStore &records, UserStore &users,
                                 const SessionRegistry &sessions)
    : m_locks(locks)
    , m_records(records)
    , m_users(users)
    , m_sessions(sessions)
{
}

RestReply RestLockHandler::getLock(const User &user, const QString &recordId, const RestCodec::LockQuery &query)
{
    if (!m_records.exists(recordId))
        return failure(ReplyErrors::missingRecord(m_records, recordId));
    const LockRow row = m_locks.lock(recordId);
    // Naming a session shows its token only to the user it belongs to.
    const QString viewer = sessionBelongsTo(query.sessionId, user) ? query.sessionId : QString();
    QJsonObject body{{u"lock"_s, restLockJson(row, viewer, user)}};
    if (query.token > 0) {
        body.insert(u"fencing"_s, QJsonObject{{u"token"_s, query.token},
                                              {u"current"_s, row.held && row.sessionId == query.sessionId
                                                                 && row.token == query.token}});
    }
    return RestReply{200, body};
}

RestReply RestLockHandler::acquire(const User &user, const QString &recordId, const RestCodec::AcquireBody &body)
{
    if (!m_records.exists(recordId))
        return failure(ReplyErrors::missingRecord(m_records, recordId));
    const QString sessionId = body.sessionId.isEmpty() ? newSessionId() : body.sessionId;
    if (!sessionBelongsTo(sessionId, user))
        return failure(restSessionConflict());
    const LockResult result = m_locks.acquire(recordId, restHolder(user, sessionId), body.switchSession);
    switch (result.status) {
    case LockResult::Status::Granted:
    case LockResult::Status::Renewed:
    case LockResult::Status::Switched:
        return RestReply{200, QJsonObject{{u"outcome"_s, restOutcomeName(result.status)},
                                          {u"sessionId"_s, sessionId},
                                          {u"lock"_s, restLockJson(result.lock, sessionId, user)}}};
    case LockResult::Status::Held:
        return failure(ProtocolError{ErrorCode::LockHeld,
                                     u"%1 is being edited by %2"_s.arg(recordId, result.lock.holderName),
                                     QJsonObject{{u"lock"_s, restLockJson(result.lock, sessionId, user)}}});
    default:
        return failure(ReplyErrors::unavailable());
    }
}

RestReply RestLockHandler::renew(const User &user, const QString &recordId, const RestCodec::HolderBody &body)
{
    if (!sessionBelongsTo(body.sessionId, user))
        return failure(restSessionConflict());
    return holderOpReply(user, recordId, body.sessionId, m_locks.renew(recordId, body.sessionId, body.token),
                         LockResult::Status::Renewed);
}

RestReply RestLockHandler::release(const User &user, const QString &recordId, const RestCodec::HolderBody &body)
{
    if (!sessionBelongsTo(body.sessionId, user))
        return failure(restSessionConflict());
    return holderOpReply(user, recordId, body.sessionId,
                         m_locks.release(recordId, body.sessionId, body.token, reasons::Released),
                         LockResult::Status::Released);
}

RestReply RestLockHandler::overrideLock(const User &user, const QString &recordId, const QJsonObject &json)
{
    // The role now, not the one the token was issued with: a demotion applies at once.
    const std::optional<QString> role = m_users.roleOf(user.id, user.handle);
    if (role != u"admin"_s) {
        qCWarning(lcRequest).noquote() << "refused REST override to" << user.handle << "with role"
                                       << role.value_or(u"(none)"_s);
        return failure(ProtocolError{ErrorCode::Forbidden, u"\"override\" needs the admin role"_s, {}});
    }
    ProtocolError error;
    const std::optional<RestCodec::OverrideBody> args = RestCodec::decodeOverride(json, &error);
    if (!args)
        return failure(error);
    const RestCodec::OverrideBody &body = *args;
    if (!m_records.exists(recordId))
        return failure(ReplyErrors::missingRecord(m_records, recordId));
    const QString sessionId = body.sessionId.isEmpty() ? newSessionId() : body.sessionId;
    if (!sessionBelongsTo(sessionId, user))
        return failure(restSessionConflict());
    const LockResult result =
        m_locks.overrideLock(recordId, restHolder(user, sessionId), body.reason, body.expectHolder);
    const QJsonObject lock = restLockJson(result.lock, sessionId, user);
    switch (result.status) {
    case LockResult::Status::Overridden:
    case LockResult::Status::Granted:
    case LockResult::Status::Renewed:
        return RestReply{200, QJsonObject{{u"outcome"_s, restOutcomeName(result.status)},
                                          {u"sessionId"_s, sessionId},
                                          {u"lock"_s, lock}}};
    case LockResult::Status::LockChanged:
        return failure(ProtocolError{
            ErrorCode::LockChanged,
            result.lock.held ? u"%1 is now held by %2; nothing was changed"_s.arg(recordId, result.lock.holderName)
                             : u"%1 is no longer locked; nothing was changed"_s.arg(recordId),
            QJsonObject{{u"lock"_s, lock}}});
    default:
        return failure(ReplyErrors::unavailable());
    }
}

QString RestLockHandler::newSessionId()
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    QString id = u"rest-"_s;
    for (int i = 0; i < 22; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(64)]));
    return id;
}

RestReply RestLockHandler::failure(const ProtocolError &error)
{
    return RestReply{RestCodec::httpStatus(error.code), RestCodec::errorBody(error)};
}

bool RestLockHandler::sessionBelongsTo(const QString &sessionId, const User &user) const
{
    if (sessionId.isEmpty())
        return false;
    const ClientConnection *connection = m_sessions.connectionOf(sessionId);
    if (connection && connection->user().id != user.id)
        return false;
    const std::optional<qint64> owner = m_locks.ownerOf(sessionId);
    return !owner || *owner == user.id;
}

RestReply RestLockHandler::holderOpReply(const User &user, const QString &recordId, const QString &sessionId,
                                         const LockResult &result, LockResult::Status success)
{
    if (result.status == success)
        return RestReply{200, QJsonObject{{u"lock"_s, restLockJson(result.lock, sessionId, user)}}};
    switch (result.status) {
    case LockResult::Status::NotHolder:
        return failure(ProtocolError{ErrorCode::NotHolder,
                                     u"this session does not hold the lock on %1"_s.arg(recordId),
                                     QJsonObject{{u"lock"_s, restLockJson(result.lock, sessionId, user)}}});
    case LockResult::Status::StaleToken:
        return failure(ReplyErrors::staleToken(recordId));
    default:
        return failure(ReplyErrors::unavailable());
    }
}

} // namespace recordlock
