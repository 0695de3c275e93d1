#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>

#include "protocol/lockinfo.h"

namespace recordlock {

/// The result of a successful login or auth: who is signed in, the session's token and lock timing.
struct SessionInfo
{
    QString sessionId;
    /// Opaque user handle, as in lock holders.
    QString userHandle;
    QString displayName;
    /// "editor" or "admin".
    QString role;
    /// Opaque session token (a JWT); sent back with auth to resume after a reconnect.
    QString token;
    /// Server time at which the token stops being accepted.
    qint64 tokenExpiresAt = 0;
    /// Lock time-to-live; clients renew at a third of it.
    qint64 lockTtlMs = 0;
    /// How long the server keeps this session's locks after its connection dropped.
    qint64 orphanGraceMs = 0;
    /// Locks this session already holds (non-empty when it resumed).
    QList<LockInfo> locks;

    /// True for the "admin" role (the server checks it again at every admin request).
    bool isAdmin() const;

    /// Parses a login/auth result; nullopt when the token or the user is missing.
    static std::optional<SessionInfo> fromJson(const QJsonObject &result);
};

} // namespace recordlock
