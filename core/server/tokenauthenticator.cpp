#include "server/tokenauthenticator.h"

#include <QJsonObject>

#include "server/tokenissuer.h"
#include "server/userstore.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

TokenAuthenticator::Result tokenAuthenticatorRefusal(const QString &reason, const QString &message)
{
    TokenAuthenticator::Result result;
    result.error = ProtocolError{ErrorCode::Unauthenticated, message, QJsonObject{{u"reason"_s, reason}}};
    return result;
}

} // namespace

TokenAuthenticator::TokenAuthenticator(const TokenIssuer &tokens, UserStore &users)
    : m_tokens(tokens)
    , m_users(users)
{
}

TokenAuthenticator::Result TokenAuthenticator::authenticate(const QString &token) const
{
    const TokenCheck check = m_tokens.verify(token);
    if (check.status == TokenCheck::Status::Expired)
        return tokenAuthenticatorRefusal(u"expired"_s, u"the session token has expired"_s);
    if (check.status != TokenCheck::Status::Valid)
        return tokenAuthenticatorRefusal(u"invalid"_s, u"the session token is not valid"_s);
    const std::optional<User> user = m_users.findById(check.userId);
    if (!user)
        return tokenAuthenticatorRefusal(u"invalid"_s, u"the account no longer exists"_s);
    if (check.issuedAt < user->passwordChangedAt)
        return tokenAuthenticatorRefusal(u"invalid"_s, u"the session token was revoked by a password change"_s);
    Result result;
    result.user = user;
    result.tokenExpiresAt = check.expiresAt;
    return result;
}

} // namespace recordlock
