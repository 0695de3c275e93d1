#include "client/sessioninfo.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace recordlock {

bool SessionInfo::isAdmin() const
{
    return role == "admin"_L1;
}

std::optional<SessionInfo> SessionInfo::fromJson(const QJsonObject &result)
{
    SessionInfo info;
    info.token = result.value(u"token"_s).toString();
    const QJsonObject user = result.value(u"user"_s).toObject();
    info.userHandle = user.value(u"handle"_s).toString();
    if (info.token.isEmpty() || info.userHandle.isEmpty())
        return std::nullopt;
    info.displayName = user.value(u"displayName"_s).toString();
    info.role = user.value(u"role"_s).toString();
    info.sessionId = result.value(u"sessionId"_s).toString();
    info.tokenExpiresAt = result.value(u"tokenExpiresAt"_s).toInteger();
    info.lockTtlMs = result.value(u"lockTtlMs"_s).toInteger();
    info.orphanGraceMs = result.value(u"orphanGraceMs"_s).toInteger();
    const QJsonArray locks = result.value(u"locks"_s).toArray();
    for (const QJsonValue &value : locks) {
        if (auto lock = LockInfo::fromJson(value.toObject()))
            info.locks.append(*lock);
    }
    return info;
}

} // namespace recordlock
