#pragma once

#include <QString>

namespace recordlock {

/// A freshly signed session token.
struct IssuedToken
{
    QString token;
    /// Expiry in ms since the epoch (the "exp_ms" claim).
    qint64 expiresAt = 0;
};

} // namespace recordlock
