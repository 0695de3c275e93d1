#pragma once

#include <functional>

#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include "server/loginthrottle.h"
#include "server/user.h"

namespace recordlock {

class Clock;
class PasswordHasher;
class UserStore;

/// Checks a user name and password for every way of signing in (WebSocket login, REST login):
/// the failed-login throttle first, then argon2id verification (~100 ms) on a thread pool so the
/// event loop never blocks on it, and an upgrade of hashes made with older parameters.
class LoginVerifier : public QObject
{
    Q_OBJECT

public:
    /// What a finished check found; user is filled only when verified.
    struct Outcome
    {
        bool verified = false;
        User user;
        /// The accounts could not be read (database down): nothing was checked.
        bool unavailable = false;
    };
    /// Receives the outcome on the verifier's thread.
    using Done = std::function<void(const Outcome &outcome)>;

    /// Everything passed must outlive the verifier.
    LoginVerifier(UserStore &users, const PasswordHasher &hasher, const Clock &clock, QObject *parent = nullptr);
    /// Drops queued checks (their Done never runs) and waits for those already running.
    ~LoginVerifier() override;

    /// Starts checking name/password sent from address: 0 when the check runs (done is called
    /// later, always), else the ms until the throttle accepts an attempt (done is never called).
    qint64 start(const QString &name, const QString &password, const QString &address, Done done);

private:
    void finish(quint64 ticket, bool verified, const QString &rehash);

    /// A check whose password is being verified on the pool.
    struct Pending
    {
        User user;
        /// The name and address the attempt was counted under by m_throttle.
        QString attemptedName;
        QString address;
        Done done;
    };

    UserStore &m_users;
    const PasswordHasher &m_hasher;
    LoginThrottle m_throttle;
    QHash<quint64, Pending> m_pending;
    quint64 m_lastTicket = 0;
    /// Declared last: destroyed (and drained) first, before anything its tasks report to.
    QThreadPool m_pool;
};

} // namespace recordlock
