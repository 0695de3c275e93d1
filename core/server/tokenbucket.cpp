#include "server/tokenbucket.h"

namespace recordlock {

TokenBucket::TokenBucket(qint64 capacity, qint64 refillTokens, qint64 refillPeriodMs, qint64 nowMs)
    : m_unitsPerToken(qMax<qint64>(1, refillPeriodMs))
    , m_unitsPerMs(qMax<qint64>(1, refillTokens))
    , m_capacityUnits(qMax<qint64>(1, capacity) * m_unitsPerToken)
    , m_level(m_capacityUnits)
    , m_lastMs(nowMs)
{
}

qint64 TokenBucket::levelAt(qint64 nowMs) const
{
    const qint64 elapsed = nowMs - m_lastMs;
    // A clock that stepped back refills nothing (and takes nothing away).
    if (elapsed <= 0)
        return m_level;
    const qint64 missing = m_capacityUnits - m_level;
    // Compared before multiplying, so hours of idleness cannot overflow.
    if (elapsed >= (missing + m_unitsPerMs - 1) / m_unitsPerMs)
        return m_capacityUnits;
    return m_level + elapsed * m_unitsPerMs;
}

void TokenBucket::settle(qint64 nowMs)
{
    m_level = levelAt(nowMs);
    m_lastMs = qMax(m_lastMs, nowMs);
}

bool TokenBucket::tryTake(qint64 nowMs)
{
    settle(nowMs);
    if (m_level < m_unitsPerToken)
        return false;
    m_level -= m_unitsPerToken;
    return true;
}

qint64 TokenBucket::msUntilAvailable(qint64 nowMs) const
{
    const qint64 level = levelAt(nowMs);
    if (level >= m_unitsPerToken)
        return 0;
    return (m_unitsPerToken - level + m_unitsPerMs - 1) / m_unitsPerMs;
}

void TokenBucket::giveBack(qint64 nowMs)
{
    settle(nowMs);
    m_level = qMin(m_capacityUnits, m_level + m_unitsPerToken);
}

void TokenBucket::fill(qint64 nowMs)
{
    settle(nowMs);
    m_level = m_capacityUnits;
}

qint64 TokenBucket::available(qint64 nowMs) const
{
    return levelAt(nowMs) / m_unitsPerToken;
}

bool TokenBucket::isFull(qint64 nowMs) const
{
    return levelAt(nowMs) >= m_capacityUnits;
}

} // namespace recordlock
