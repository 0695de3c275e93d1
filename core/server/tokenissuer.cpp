#include "server/tokenissuer.h"

#include <cerrno>
#include <cstdlib>
#include <jwt.h>
#include <memory>

#include "common/clock.h"
#include "protocol/limits.h"
#include "server/serverlogging.h"
#include "server/user.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

struct JwtDeleter
{
    void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

// libjwt 1.10 has no jwt_free_str; its strings come from malloc.
struct MallocDeleter
{
    void operator()(char *text) const { std::free(text); }
};
using JwtString = std::unique_ptr<char, MallocDeleter>;

// jwt_get_grant_int reports a missing claim only through errno, and reads a non-integer one as 0
// without any error; callers therefore also require positive values.
bool intClaim(jwt_t *jwt, const char *name, qint64 *value)
{
    errno = 0;
    const long result = jwt_get_grant_int(jwt, name);
    if (errno != 0)
        return false;
    *value = result;
    return true;
}

bool stringClaim(jwt_t *jwt, const char *name, QString *value)
{
    const char *result = jwt_get_grant(jwt, name);
    if (!result)
        return false;
    *value = QString::fromUtf8(result);
    return true;
}

} // namespace

TokenIssuer::TokenIssuer(const QByteArray &key, const Clock &clock, qint64 ttlMs)
    : m_key(key)
    , m_clock(clock)
    , m_ttlMs(ttlMs)
{
}

IssuedToken TokenIssuer::issue(const User &user) const
{
    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0 || !raw) {
        qCWarning(lcIdentity) << "jwt_new failed";
        return {};
    }
    const JwtPtr jwt(raw);
    const qint64 now = m_clock.nowMs();
    const qint64 expiresAt = now + m_ttlMs;
    const QByteArray sub = QByteArray::number(user.id);
    const QByteArray name = user.name.toUtf8();
    const QByteArray role = user.role.toUtf8();
    const bool ok = jwt_add_grant(jwt.get(), "sub", sub.constData()) == 0
        && jwt_add_grant(jwt.get(), "name", name.constData()) == 0
        && jwt_add_grant(jwt.get(), "role", role.constData()) == 0
        && jwt_add_grant_int(jwt.get(), "iat", long(now / 1000)) == 0
        && jwt_add_grant_int(jwt.get(), "iat_ms", long(now)) == 0
        && jwt_add_grant_int(jwt.get(), "exp", long(expiresAt / 1000)) == 0
        && jwt_add_grant_int(jwt.get(), "exp_ms", long(expiresAt)) == 0
        && jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char *>(m_key.constData()),
                       int(m_key.size()))
            == 0;
    if (!ok) {
        qCWarning(lcIdentity) << "cannot build a token for user" << user.id;
        return {};
    }
    const JwtString encoded(jwt_encode_str(jwt.get()));
    if (!encoded) {
        qCWarning(lcIdentity) << "jwt_encode_str failed";
        return {};
    }
    return IssuedToken{QString::fromLatin1(encoded.get()), expiresAt};
}

TokenCheck TokenIssuer::verify(const QString &token) const
{
    TokenCheck check;
    // Real tokens are ~300 bytes; the cap keeps hostile input from costing base64/JSON work.
    if (token.isEmpty() || token.size() > limits::MaxTokenLength || m_key.isEmpty())
        return check;
    const QByteArray bytes = token.toLatin1();
    jwt_t *raw = nullptr;
    // Verifies the signature with the algorithm the header names; the header is attacker-chosen,
    // hence the explicit algorithm check below.
    const int rc = jwt_decode(&raw, bytes.constData(), reinterpret_cast<const unsigned char *>(m_key.constData()),
                              int(m_key.size()));
    const JwtPtr jwt(raw);
    if (rc != 0 || !jwt)
        return check;
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
        return check;

    QString sub;
    qint64 exp = 0;
    qint64 expMs = 0;
    qint64 iat = 0;
    if (!stringClaim(jwt.get(), "sub", &sub) || !stringClaim(jwt.get(), "name", &check.name)
        || !stringClaim(jwt.get(), "role", &check.role) || !intClaim(jwt.get(), "exp", &exp)
        || !intClaim(jwt.get(), "exp_ms", &expMs) || !intClaim(jwt.get(), "iat", &iat)) {
        return TokenCheck{};
    }
    bool ok = false;
    check.userId = sub.toLongLong(&ok);
    // exp and exp_ms must agree, so neither can be edited alone (they are signed anyway).
    if (!ok || check.userId <= 0 || check.name.isEmpty() || check.role.isEmpty() || iat <= 0 || expMs <= 0
        || exp != expMs / 1000)
        return TokenCheck{};
    // iat_ms makes revocation by password change exact to the millisecond; tokens issued before
    // it existed carry only iat (seconds), which is rounded down and so never revokes too little.
    qint64 iatMs = 0;
    if (intClaim(jwt.get(), "iat_ms", &iatMs)) {
        if (iatMs <= 0 || iat != iatMs / 1000)
            return TokenCheck{};
        check.issuedAt = iatMs;
    } else if (errno == ENOENT) {
        check.issuedAt = iat * 1000;
    } else {
        return TokenCheck{}; // present but not an integer
    }
    check.expiresAt = expMs;
    check.status = m_clock.nowMs() >= expMs ? TokenCheck::Status::Expired : TokenCheck::Status::Valid;
    return check;
}

} // namespace recordlock
