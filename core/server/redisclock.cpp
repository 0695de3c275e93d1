#include "server/redisclock.h"

#include <algorithm>

namespace recordlock {

RedisClock::RedisClock(const Clock &fallback)
    : m_fallback(fallback)
{
}

qint64 RedisClock::nowMs() const
{
    if (!m_sinceSync.isValid())
        return m_fallback.nowMs();
    return m_syncedMs + m_sinceSync.elapsed();
}

void RedisClock::sync(qint64 redisNowMs)
{
    // Never step back: a deadline already judged passed must stay passed.
    const qint64 next = m_sinceSync.isValid() ? std::max(redisNowMs, nowMs()) : redisNowMs;
    m_offsetMs = redisNowMs - m_fallback.nowMs();
    m_syncedMs = next;
    m_sinceSync.start();
}

} // namespace recordlock
