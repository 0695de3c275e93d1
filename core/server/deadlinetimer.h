#pragma once

#include <optional>

#include <QObject>
#include <QTimer>

namespace recordlock {

class Clock;
class LockManager;

/// Wakes up at the LockManager's next deadline, or earlier, and lets it expire and free what is
/// due, so watchers hear of an expiry within a second of expiresAt even when nobody touches the
/// record. A deadline that moves later (a renewal) leaves the armed timer alone.
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
    /// When the timer fires next (clock ms), nullopt when it is not armed.
    std::optional<qint64> armedAtMs() const { return m_armedAtMs; }

private:
    void fire();
    void start(qint64 waitMs);

    LockManager &m_locks;
    const Clock &m_clock;
    QTimer m_timer;
    std::optional<qint64> m_armedAtMs;
};

} // namespace recordlock
