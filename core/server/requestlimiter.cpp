#include "server/requestlimiter.h"

#include "common/clock.h"
#include "server/refusalwindow.h"

namespace recordlock {

namespace {
constexpr qint64 MsPerSecond = 1000;
} // namespace

RequestLimiter::RequestLimiter(const Clock &clock, int burst, int perSecond)
    : m_clock(clock)
    , m_enabled(burst > 0 && perSecond > 0)
    , m_buckets(qMax(1, burst), qMax(1, perSecond), MsPerSecond)
{
}

RequestLimiter::Verdict RequestLimiter::admit(const QString &userKey, RefusalWindow &refusals)
{
    if (!m_enabled)
        return {};
    const qint64 now = m_clock.nowMs();
    TokenBucket &bucket = m_buckets.bucket(userKey, now);
    if (bucket.tryTake(now))
        return {};
    Verdict verdict;
    verdict.retryAfterMs = bucket.msUntilAvailable(now);
    verdict.closeConnection = refusals.record(now);
    return verdict;
}

} // namespace recordlock
