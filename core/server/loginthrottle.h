#pragma once

#include <QString>

#include "server/tokenbucketmap.h"

namespace recordlock {

class Clock;

/// Limits failed logins per user name and per client address (docs/protocol.md, "Failed logins
/// are rate limited"). An attempt reserves a failure up front, so attempts running in parallel
/// cannot all slip through before the first one fails; a success hands the reservation back.
class LoginThrottle
{
public:
    /// The limits; the defaults are the protocol's.
    struct Settings
    {
        /// Failures allowed per user name ...
        qint64 nameFailures = 5;
        /// ... after which one attempt is regained per this many ms.
        qint64 nameRegainMs = 60'000;
        /// Failures allowed per address ...
        qint64 addressFailures = 20;
        /// ... after which one attempt is regained per this many ms.
        qint64 addressRegainMs = 6'000;
    };

    /// The protocol's limits; clock must outlive the throttle.
    explicit LoginThrottle(const Clock &clock);
    /// Other limits (tests).
    LoginThrottle(const Clock &clock, Settings settings);

    /// Starts an attempt for name from address: 0 when it may be checked (it counts as a
    /// failure until succeeded() is called), else the ms until an attempt will be accepted
    /// (nothing is counted: a refused attempt is not checked).
    qint64 begin(const QString &name, const QString &address);
    /// The attempt begun for name from address was right: clears the name's failures and does
    /// not count against the address.
    void succeeded(const QString &name, const QString &address);

private:
    const Clock &m_clock;
    TokenBucketMap m_names;
    TokenBucketMap m_addresses;
};

} // namespace recordlock
