#include "server/loginverifier.h"

#include "server/passwordhasher.h"
#include "server/serverlogging.h"
#include "server/userstore.h"

namespace recordlock {

namespace {

/// What a password check on the pool found.
struct LoginVerifierCheck
{
    bool verified = false;
    /// A fresh hash of the same password when the stored one uses other parameters; else empty.
    QString rehash;
};

} // namespace

LoginVerifier::LoginVerifier(UserStore &users, const PasswordHasher &hasher, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_users(users)
    , m_hasher(hasher)
    , m_throttle(clock)
{
}

LoginVerifier::~LoginVerifier()
{
    // Checks not yet started are dropped: at shutdown nobody waits for their answers, and each
    // costs ~100 ms of argon2id.
    m_pool.clear();
    m_pool.waitForDone();
}

qint64 LoginVerifier::start(const QString &name, const QString &password, const QString &address, Done done)
{
    // Before any hashing: a guesser must not be able to make the server burn CPU, either.
    if (const qint64 waitMs = m_throttle.begin(name, address); waitMs > 0)
        return waitMs;

    const std::optional<User> user = m_users.findByName(name);
    if (!user && m_users.lookupFailed()) {
        // Not a wrong password: the answer must say the server cannot check it now.
        QMetaObject::invokeMethod(
            this, [done = std::move(done)] { done(Outcome{false, User(), true}); }, Qt::QueuedConnection);
        return 0;
    }
    // Only the ticket crosses threads.
    const quint64 ticket = ++m_lastTicket;
    m_pending.insert(ticket, Pending{user.value_or(User()), name, address, std::move(done)});
    const QString hash = user ? user->passwordHash : QString();
    m_pool.start([this, ticket, hash, password] {
        LoginVerifierCheck check;
        if (hash.isEmpty()) {
            (void)m_hasher.hash(password); // same cost as a verify: no user-name oracle by timing
        } else {
            check.verified = m_hasher.verify(hash, password);
            // Only here is the plain password at hand to hash with the current parameters.
            if (check.verified && m_hasher.needsRehash(hash))
                check.rehash = m_hasher.hash(password);
        }
        QMetaObject::invokeMethod(
            this, [this, ticket, check] { finish(ticket, check.verified, check.rehash); }, Qt::QueuedConnection);
    });
    return 0;
}

void LoginVerifier::finish(quint64 ticket, bool verified, const QString &rehash)
{
    const Pending pending = m_pending.take(ticket);
    // The password was checked whether or not anyone still waits for the answer.
    if (verified) {
        m_throttle.succeeded(pending.attemptedName, pending.address);
        if (!rehash.isEmpty() && m_users.replacePasswordHash(pending.user.id, pending.user.passwordHash, rehash))
            qCInfo(lcIdentity) << "upgraded the password hash of" << pending.user.name;
    }
    if (pending.done)
        pending.done(Outcome{verified, verified ? pending.user : User()});
}

} // namespace recordlock
