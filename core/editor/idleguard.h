#pragma once

#include <QObject>
#include <QTimer>

#include "editor/idlemonitor.h"

namespace recordlock {

class Clock;

/// Runs an IdleMonitor while the user edits: polls it with a coarse timer and announces the
/// warning countdown and its end as signals.
class IdleGuard : public QObject
{
    Q_OBJECT

public:
    /// clock must outlive the guard; not running until start().
    IdleGuard(const Clock &clock, qint64 idleTimeoutMs, qint64 warningMs, int pollMs, QObject *parent = nullptr);

    /// Replaces thresholds and poll interval.
    void setTimings(qint64 idleTimeoutMs, qint64 warningMs, int pollMs);
    /// Starts watching with idle time counted from now.
    void start();
    /// Stops watching; a running warning ends silently.
    void stop();
    /// True between start() and stop().
    bool isRunning() const { return m_timer.isActive(); }
    /// User activity: idle time restarts, a running warning is cancelled (warningCancelled()).
    void noteActivity();
    /// Checks the monitor now (the poll timer calls this too).
    void check();

    /// True while the countdown runs.
    bool isWarning() const { return m_warning; }
    /// Milliseconds left in the countdown; 0 when none runs.
    qint64 warningRemainingMs() const;
    /// Milliseconds since the last activity.
    qint64 idleMs() const { return m_monitor.idleMs(); }

signals:
    /// The user was idle for the timeout; the countdown of ms started.
    void warningStarted(qint64 ms);
    /// Activity ended the countdown.
    void warningCancelled();
    /// The countdown ran out; the guard stopped.
    void expired();

private:
    IdleMonitor m_monitor;
    QTimer m_timer;
    bool m_warning = false;
};

} // namespace recordlock
