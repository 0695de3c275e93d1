#include "editor/idleguard.h"

namespace recordlock {

IdleGuard::IdleGuard(const Clock &clock, qint64 idleTimeoutMs, qint64 warningMs, int pollMs, QObject *parent)
    : QObject(parent)
    , m_monitor(clock, idleTimeoutMs, warningMs)
{
    m_timer.setInterval(pollMs);
    connect(&m_timer, &QTimer::timeout, this, &IdleGuard::check);
}

void IdleGuard::setTimings(qint64 idleTimeoutMs, qint64 warningMs, int pollMs)
{
    m_monitor.setThresholds(idleTimeoutMs, warningMs);
    m_timer.setInterval(pollMs);
}

void IdleGuard::start()
{
    m_monitor.reset();
    m_warning = false;
    m_timer.start();
}

void IdleGuard::stop()
{
    m_timer.stop();
    m_warning = false;
}

void IdleGuard::noteActivity()
{
    m_monitor.reset();
    if (m_warning) {
        m_warning = false;
        emit warningCancelled();
    }
}

void IdleGuard::check()
{
    if (!isRunning())
        return;
    switch (m_monitor.state()) {
    case IdleMonitor::State::Active:
        if (m_warning) {
            m_warning = false;
            emit warningCancelled();
        }
        break;
    case IdleMonitor::State::Warning:
        if (!m_warning) {
            m_warning = true;
            emit warningStarted(m_monitor.remainingMs());
        }
        break;
    case IdleMonitor::State::Expired:
        // A machine that slept through the whole countdown lands here directly; the lock is gone anyway.
        stop();
        emit expired();
        break;
    }
}

qint64 IdleGuard::warningRemainingMs() const
{
    return m_warning ? m_monitor.remainingMs() : 0;
}

} // namespace recordlock
