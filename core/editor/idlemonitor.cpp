#include "editor/idlemonitor.h"

#include <algorithm>

#include "common/clock.h"

namespace recordlock {

IdleMonitor::IdleMonitor(const Clock &clock, qint64 idleTimeoutMs, qint64 warningMs)
    : m_clock(clock)
    , m_idleTimeoutMs(std::max<qint64>(0, idleTimeoutMs))
    , m_warningMs(std::max<qint64>(0, warningMs))
    , m_lastActivityMs(clock.nowMs())
{
}

void IdleMonitor::reset()
{
    m_lastActivityMs = m_clock.nowMs();
}

void IdleMonitor::setThresholds(qint64 idleTimeoutMs, qint64 warningMs)
{
    m_idleTimeoutMs = std::max<qint64>(0, idleTimeoutMs);
    m_warningMs = std::max<qint64>(0, warningMs);
}

IdleMonitor::State IdleMonitor::state() const
{
    const qint64 idle = idleMs();
    if (idle >= m_idleTimeoutMs + m_warningMs)
        return State::Expired;
    if (idle >= m_idleTimeoutMs)
        return State::Warning;
    return State::Active;
}

qint64 IdleMonitor::idleMs() const
{
    // A clock set backwards must not make the user look active for ever longer: treat it as activity.
    return std::max<qint64>(0, m_clock.nowMs() - m_lastActivityMs);
}

qint64 IdleMonitor::remainingMs() const
{
    const qint64 idle = idleMs();
    switch (state()) {
    case State::Active:
        return m_idleTimeoutMs - idle;
    case State::Warning:
        return m_idleTimeoutMs + m_warningMs - idle;
    case State::Expired:
        break;
    }
    return 0;
}

} // namespace recordlock
