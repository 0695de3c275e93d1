#pragma once

#include <QString>

namespace recordlock {

/// An account as the server knows it. id is internal and never sent to other users.
struct User
{
    qint64 id = 0;
    QString name;
    QString displayName;
    /// "editor" or "admin".
    QString role;
    /// Opaque public handle shown to other users, e.g. "u_6f1c0a9d2b".
    QString handle;
    QString passwordHash;
    /// Server time (ms) of the last password change or of the account's creation; session tokens
    /// issued before it are refused. 0 for accounts older than this rule.
    qint64 passwordChangedAt = 0;
};

} // namespace recordlock
