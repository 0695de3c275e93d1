#pragma once

#include <QObject>
#include <QTimer>

namespace recordlock {

class Clock;
class LockManager;

/// Wakes up at the LockManager's next deadline and lets it expire and free what is due, so
/// watchers hear of an expiry within a second of expiresAt even when nobody touches the record.
class DeadlineTimer : public QObject
{
    Q_OBJECT

public:
    /// If processing fails (store down), it retries after this long instead of spinning.
    static constexpr int RetryMs = 1'000;

    /// locks and clock must outlive the timer; it arms itself at once.
    DeadlineTimer(LockManager &locks, const Clock &clock, QObject *parent = nullptr);

    /// Arms the timer at the manager's next deadline (or stops it when there is none).
    void rearm();

private:
    void fire();

    LockManager &m_locks;
    const Clock &m_clock;
    QTimer m_timer;
};

} // namespace recordlock
