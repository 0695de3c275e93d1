#pragma once

#include <QString>

namespace recordlock {

/// What verifying a session token found.
struct TokenCheck
{
    enum class Status { Valid, Expired, Invalid };
    Status status = Status::Invalid;
    /// The claims; filled for Valid and Expired (a signed but expired token), empty for Invalid.
    qint64 userId = 0;
    QString name;
    QString role;
    qint64 expiresAt = 0;
    /// When the token was issued, ms ("iat_ms", or "iat" in whole seconds for older tokens).
    qint64 issuedAt = 0;
};

} // namespace recordlock
