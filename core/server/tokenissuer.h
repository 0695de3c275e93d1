#pragma once

#include <QByteArray>
#include <QString>

#include "server/issuedtoken.h"
#include "server/tokencheck.h"

namespace recordlock {

class Clock;
struct User;

/// Issues and verifies HS256 JWT session tokens (libjwt) signed with the server secret.
class TokenIssuer
{
public:
    /// key: the ServerSecret; clock: for iat/exp and expiry checks; ttlMs: token lifetime.
    TokenIssuer(const QByteArray &key, const Clock &clock, qint64 ttlMs);

    /// A token for user, valid for the ttl from now; an empty token on failure.
    IssuedToken issue(const User &user) const;
    /// Checks signature, algorithm (HS256 only), claims and expiry against the clock.
    TokenCheck verify(const QString &token) const;

private:
    QByteArray m_key;
    const Clock &m_clock;
    qint64 m_ttlMs;
};

} // namespace recordlock
