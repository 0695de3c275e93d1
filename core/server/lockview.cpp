#include "server/lockview.h"

using namespace Qt::StringLiterals;

namespace recordlock {

LockView::Audience LockView::audienceOf(const QString &holderSessionId, qint64 holderUserId,
                                        const QString &sessionId, qint64 userId)
{
    if (!sessionId.isEmpty() && sessionId == holderSessionId)
        return Audience::HolderSession;
    if (userId != 0 && userId == holderUserId)
        return Audience::HolderUser;
    return Audience::Other;
}

LockInfo LockView::info(const LockRow &row, Audience audience)
{
    LockInfo info;
    info.recordId = row.recordId;
    info.seq = row.seq;
    info.held = row.held;
    if (!row.held)
        return info;
    info.holderHandle = row.holderHandle;
    info.holderName = row.holderName;
    info.sameSession = audience == Audience::HolderSession;
    info.sameUser = audience != Audience::Other;
    info.since = row.since;
    info.expiresAt = row.expiresAt;
    info.connected = row.connected;
    info.orphanDeadline = row.connected ? 0 : row.orphanDeadline;
    // The fencing token authorizes saves: only the holding session may ever learn it.
    info.token = info.sameSession ? row.token : 0;
    return info;
}

LockInfo LockView::forRecipient(const LockRow &row, const QString &sessionId, qint64 userId)
{
    return info(row, audienceOf(row.sessionId, row.userId, sessionId, userId));
}

QJsonObject LockView::holderJson(const LockHolder &holder, Audience audience)
{
    return QJsonObject{
        {u"handle"_s, holder.handle},
        {u"displayName"_s, holder.displayName},
        {u"sameUser"_s, audience != Audience::Other},
        {u"sameSession"_s, audience == Audience::HolderSession},
    };
}

} // namespace recordlock
