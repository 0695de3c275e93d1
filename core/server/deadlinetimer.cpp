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
        return;
    }
    const qint64 wait = std::clamp<qint64>(*next - m_clock.nowMs(), 0, MaxWaitMs);
    m_timer.start(int(wait));
}

void DeadlineTimer::fire()
{
    if (m_locks.processDeadlines()) {
        rearm();
        return;
    }
    qCWarning(lcLock) << "could not process lock deadlines; retrying in" << RetryMs << "ms";
    m_timer.start(RetryMs);
}

} // namespace recordlock
