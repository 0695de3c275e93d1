#pragma once

#include <QByteArray>
#include <QString>

namespace recordlock {

class Clock;
struct User;

/// A freshly signed session token.
struct IssuedToken
{
    QString token;
    /// Expiry in ms since the epoch (the "exp_ms" claim).
    qint64 expiresAt = 0;
};

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
};

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
    /// The lifetime of issued tokens.
    qint64 ttlMs() const { return m_ttlMs; }

private:
    QByteArray m_key;
    const Clock &m_clock;
    qint64 m_ttlMs;
};

} // namespace recordlock
