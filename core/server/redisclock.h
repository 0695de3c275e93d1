#pragma once

#include <QElapsedTimer>

#include "common/clock.h"

namespace recordlock {

/// Redis' clock as the lock rules of a cluster see it: the last TIME Redis answered, advanced by
/// this machine's monotonic clock. Every instance judges expiry by the same clock, whatever its own
/// wall clock says. Until the first sync() it is the fallback clock.
class RedisClock final : public Clock
{
public:
    /// fallback must outlive the clock.
    explicit RedisClock(const Clock &fallback);

    qint64 nowMs() const override;
    /// Redis answered TIME with redisNowMs (ms since the epoch) just now.
    void sync(qint64 redisNowMs);
    /// How far Redis' clock is ahead of the fallback clock, as of the last sync (ms).
    qint64 offsetMs() const { return m_offsetMs; }

private:
    const Clock &m_fallback;
    QElapsedTimer m_sinceSync;
    qint64 m_syncedMs = 0;
    qint64 m_offsetMs = 0;
};

} // namespace recordlock
