#include "server/loginthrottle.h"

#include "common/clock.h"

namespace recordlock {

LoginThrottle::LoginThrottle(const Clock &clock)
    : LoginThrottle(clock, Settings())
{
}

LoginThrottle::LoginThrottle(const Clock &clock, Settings settings)
    : m_clock(clock)
    , m_names(settings.nameFailures, 1, settings.nameRegainMs)
    , m_addresses(settings.addressFailures, 1, settings.addressRegainMs)
{
}

qint64 LoginThrottle::begin(const QString &name, const QString &address)
{
    const qint64 now = m_clock.nowMs();
    // Ask both before taking from either: a refusal must not cost the other bucket a token.
    const TokenBucket *nameBucket = m_names.find(name);
    const TokenBucket *addressBucket = m_addresses.find(address);
    const qint64 wait = qMax(nameBucket ? nameBucket->msUntilAvailable(now) : 0,
                             addressBucket ? addressBucket->msUntilAvailable(now) : 0);
    if (wait > 0)
        return wait;
    m_names.bucket(name, now).tryTake(now);
    m_addresses.bucket(address, now).tryTake(now);
    return 0;
}

void LoginThrottle::succeeded(const QString &name, const QString &address)
{
    const qint64 now = m_clock.nowMs();
    m_names.bucket(name, now).fill(now);
    m_addresses.bucket(address, now).giveBack(now);
}

} // namespace recordlock
