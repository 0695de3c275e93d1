#include "server/deadlinetimer.h"

#include <algorithm>

#include "common/clock.h"
#include "server/lockmanager.h"
#include "server/serverlogging.h"

namespace recordlock {

namespace {
/// Longest single wait; a QTimer interval is an int, and a far deadline is simply re-armed.
constexpr qint64 MaxWaitMs = 3'600'000;
} // namespace

DeadlineTimer::DeadlineTimer(LockManager &locks, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_locks(locks)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DeadlineTimer::fire);
    connect(&m_locks, &LockManager::deadlinesChanged, this, &DeadlineTimer::rearm);
    rearm();
}

void DeadlineTimer::rearm()
{
    const std::optional<qint64> next = m_locks.nextDeadline();
    if (!next) {
        m_timer.stop();
        m_armedAtMs.reset();
        return;
    }
    // A renewal moves the earliest deadline later, one renewal after the other: the timer stays
    // as it is, fires early, finds nothing due and is armed again (a restart costs more).
    if (m_timer.isActive() && m_armedAtMs && *m_armedAtMs <= *next)
        return;
    start(std::clamp<qint64>(*next - m_clock.nowMs(), 0, MaxWaitMs));
}

void DeadlineTimer::start(qint64 waitMs)
{
    m_armedAtMs = m_clock.nowMs() + waitMs;
    m_timer.start(int(waitMs));
}

void DeadlineTimer::fire()
{
    m_armedAtMs.reset();
    if (m_locks.processDeadlines()) {
        rearm();
        return;
    }
    qCWarning(lcLock) << "could not process lock deadlines; retrying in" << RetryMs << "ms";
    start(RetryMs);
}

} // namespace recordlock
