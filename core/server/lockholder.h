#pragma once

#include <QString>

namespace recordlock {

/// Who asks for or holds a lock: the session (window) and the user behind it.
struct LockHolder
{
    QString sessionId;
    qint64 userId = 0;
    QString displayName;
    /// The user's public handle; the internal userId never leaves the server.
    QString handle;
};

} // namespace recordlock
