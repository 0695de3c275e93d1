#pragma once

#include <QString>

#include "protocol/protocolerror.h"
#include "server/lockresult.h"
#include "server/restcodec.h"
#include "server/restreply.h"

namespace recordlock {

class LockManager;
class RecordStore;
class SessionRegistry;
class UserStore;
struct User;

/// The lock endpoints of the REST API for an authenticated user: state and fencing check,
/// acquire, renew, release and the admin override, mapped from LockManager's results to HTTP
/// answers. Changes go through LockManager, so WebSocket watchers hear of them as of any other.
class RestLockHandler
{
public:
    /// Everything passed must outlive the handler.
    RestLockHandler(LockManager &locks, RecordStore &records, UserStore &users, const SessionRegistry &sessions);

    /// GET .../lock: the lock as a watcher sees it, the token only to its holding session, and
    /// with query.token whether that token is the current one.
    RestReply getLock(const User &user, const QString &recordId, const RestCodec::LockQuery &query);
    /// POST .../lock.
    RestReply acquire(const User &user, const QString &recordId, const RestCodec::AcquireBody &body);
    /// POST .../lock/renew.
    RestReply renew(const User &user, const QString &recordId, const RestCodec::HolderBody &body);
    /// POST .../lock/release.
    RestReply release(const User &user, const QString &recordId, const RestCodec::HolderBody &body);
    /// POST .../lock/override; forbidden unless the user is an admin now, checked before the body
    /// is read, so an editor learns nothing from the error.
    RestReply overrideLock(const User &user, const QString &recordId, const QJsonObject &body);

    /// A fresh session id for a caller that named none ("rest-" and 22 random characters).
    static QString newSessionId();
    /// The answer for an error.
    static RestReply failure(const ProtocolError &error);

private:
    /// True when sessionId may act for user: neither connected nor holding locks as another user.
    bool sessionBelongsTo(const QString &sessionId, const User &user) const;
    RestReply holderOpReply(const User &user, const QString &recordId, const QString &sessionId,
                            const LockResult &result, LockResult::Status success);

    LockManager &m_locks;
    RecordStore &m_records;
    UserStore &m_users;
    const SessionRegistry &m_sessions;
};

} // namespace recordlock
