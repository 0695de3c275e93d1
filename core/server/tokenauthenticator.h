#pragma once

#include <optional>

#include <QString>

#include "protocol/protocolerror.h"
#include "server/user.h"

namespace recordlock {

class TokenIssuer;
class UserStore;

/// Turns a session token into the account it signs in, for every way a token is presented
/// (WebSocket auth, REST Authorization header): signature and expiry, the account still existing,
/// and revocation by a later password change.
class TokenAuthenticator
{
public:
    /// What authenticate() found: a user, or the unauthenticated error to answer with.
    struct Result
    {
        std::optional<User> user;
        /// The token's expiry (ms), when user is set.
        qint64 tokenExpiresAt = 0;
        /// unauthenticated with reason "expired" or "invalid", when user is not set.
        ProtocolError error;
    };

    /// tokens and users must outlive the authenticator.
    TokenAuthenticator(const TokenIssuer &tokens, UserStore &users);

    /// Checks token against the signature, the clock and the user store.
    Result authenticate(const QString &token) const;

private:
    const TokenIssuer &m_tokens;
    UserStore &m_users;
};

} // namespace recordlock
