#pragma once

#include <QtGlobal>

namespace recordlock {

/// A token bucket in exact integer arithmetic: holds up to `capacity` tokens and regains
/// `refillTokens` every `refillPeriodMs` (e.g. 100 per 1000 ms, or 1 per 60000 ms). Pure: every
/// call is told the time, so callers own the Clock and tests need no sleeping.
class TokenBucket
{
public:
    /// A full bucket at nowMs; capacity, refillTokens and refillPeriodMs must be > 0.
    TokenBucket(qint64 capacity, qint64 refillTokens, qint64 refillPeriodMs, qint64 nowMs);

    /// Takes one token if one is available; false (and nothing taken) otherwise.
    bool tryTake(qint64 nowMs);
    /// Milliseconds until a token is available; 0 when one is available now.
    qint64 msUntilAvailable(qint64 nowMs) const;
    /// Returns one token (never beyond capacity), for an attempt that turned out not to count.
    void giveBack(qint64 nowMs);
    /// Refills the bucket completely.
    void fill(qint64 nowMs);
    /// Whole tokens available at nowMs.
    qint64 available(qint64 nowMs) const;
    /// True when full: such a bucket behaves like a new one, so its owner may forget it.
    bool isFull(qint64 nowMs) const;

private:
    qint64 levelAt(qint64 nowMs) const;
    void settle(qint64 nowMs);

    // One token is m_unitsPerToken units and each millisecond adds m_unitsPerMs units, so any
    // rational rate is exact and retry times round up to whole milliseconds, never down.
    qint64 m_unitsPerToken;
    qint64 m_unitsPerMs;
    qint64 m_capacityUnits;
    qint64 m_level;
    qint64 m_lastMs;
};

} // namespace recordlock
