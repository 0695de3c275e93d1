#pragma once

#include <QJsonObject>
#include <QString>

#include "protocol/lockinfo.h"
#include "server/lockholder.h"
#include "server/lockrow.h"

namespace recordlock {

/// Turns the server's LockRow into the lock object one recipient may see: sameUser, sameSession
/// and the fencing token depend on who receives it.
class LockView
{
public:
    /// The three ways a recipient can relate to a holder.
    enum class Audience {
        HolderSession, ///< the holding session itself: sees the token
        HolderUser,    ///< another session of the holder's user: sameUser only
        Other,         ///< everyone else
    };

    /// How the session (sessionId, userId) relates to a holder.
    static Audience audienceOf(const QString &holderSessionId, qint64 holderUserId, const QString &sessionId,
                               qint64 userId);
    /// The lock as seen by an audience; a free row looks the same to all.
    static LockInfo info(const LockRow &row, Audience audience);
    /// The lock as seen by the session (sessionId, userId).
    static LockInfo forRecipient(const LockRow &row, const QString &sessionId, qint64 userId);
    /// The previousHolder object of an event as seen by an audience.
    static QJsonObject holderJson(const LockHolder &holder, Audience audience);
};

} // namespace recordlock
