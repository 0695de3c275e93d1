#include "server/passwordhasher.h"

#include <sodium.h>

#include <QByteArray>

#include "server/serverlogging.h"

namespace recordlock {

namespace {

// sodium_init() is thread-safe and idempotent; every entry point calls it so no global setup
// order matters.
void ensureSodium()
{
    if (sodium_init() < 0)
        qCCritical(lcIdentity) << "sodium_init failed";
}

// Wipes the UTF-8 copy of a password when it goes out of scope.
class SecretBytes
{
public:
    explicit SecretBytes(const QString &text)
        : m_bytes(text.toUtf8())
    {
    }
    ~SecretBytes() { sodium_memzero(m_bytes.data(), std::size_t(m_bytes.size())); }
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
    const char *data() const { return m_bytes.constData(); }
    unsigned long long size() const { return static_cast<unsigned long long>(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

} // namespace

PasswordHasher::PasswordHasher()
    : PasswordHasher(crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
{
}

PasswordHasher::PasswordHasher(unsigned long long opsLimit, std::size_t memLimit)
    : m_opsLimit(opsLimit)
    , m_memLimit(memLimit)
{
    ensureSodium();
}

static_assert(PasswordHasher::MinPasses >= crypto_pwhash_argon2id_OPSLIMIT_MIN);
static_assert(quint64(PasswordHasher::MinMemoryKiB) * 1024 >= crypto_pwhash_argon2id_MEMLIMIT_MIN);

PasswordHasher PasswordHasher::withCost(quint32 passes, quint32 memoryKiB)
{
    return PasswordHasher(qBound(MinPasses, passes, MaxPasses),
                          std::size_t(qBound(MinMemoryKiB, memoryKiB, MaxMemoryKiB)) * 1024);
}

QString PasswordHasher::hash(const QString &password) const
{
    ensureSodium();
    const SecretBytes secret(password);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, secret.data(), secret.size(), m_opsLimit, m_memLimit,
                              crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        qCWarning(lcIdentity) << "password hashing failed (out of memory?)";
        return {};
    }
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &hash, const QString &password) const
{
    ensureSodium();
    const QByteArray encoded = hash.toLatin1();
    if (encoded.isEmpty() || encoded.size() >= qsizetype(crypto_pwhash_STRBYTES))
        return false;
    const SecretBytes secret(password);
    // encoded is NUL-terminated by QByteArray, as libsodium expects.
    return crypto_pwhash_str_verify(encoded.constData(), secret.data(), secret.size()) == 0;
}

bool PasswordHasher::needsRehash(const QString &hash) const
{
    ensureSodium();
    const QByteArray encoded = hash.toLatin1();
    if (!encoded.startsWith("$argon2id$"))
        return true;
    // An argon2i hash with matching limits passes libsodium's check; the prefix test above catches it.
    // -1 (not a valid hash) counts as needing a new one, too.
    return crypto_pwhash_str_needs_rehash(encoded.constData(), m_opsLimit, m_memLimit) != 0;
}

} // namespace recordlock
