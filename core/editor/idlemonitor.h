#pragma once

#include <QtGlobal>

namespace recordlock {

class Clock;

/// Decides from a Clock and two thresholds whether the user is active, warned or idle too long.
///
/// Pure and passive: nothing happens until someone asks, so tests drive it with a FakeClock and
/// no sleeping. Idle time counts from the last reset() (user activity or "Keep editing").
class IdleMonitor
{
public:
    /// Where the user is on the idle path.
    enum class State {
        Active,  ///< less than idleTimeoutMs since the last activity
        Warning, ///< idle for idleTimeoutMs; the countdown of warningMs runs
        Expired, ///< idle for idleTimeoutMs + warningMs: time to release the lock
    };

    /// clock must outlive the monitor; idle time starts now.
    IdleMonitor(const Clock &clock, qint64 idleTimeoutMs, qint64 warningMs);

    /// Records user activity (also "Keep editing"): back to Active, idle time from now.
    void reset();
    /// Replaces the thresholds; idle time keeps counting from the last reset().
    void setThresholds(qint64 idleTimeoutMs, qint64 warningMs);

    /// The state now.
    State state() const;
    /// Milliseconds since the last reset().
    qint64 idleMs() const;
    /// In Warning: ms until Expired; in Active: ms until Warning; 0 when Expired.
    qint64 remainingMs() const;
    /// The idle timeout before the warning.
    qint64 idleTimeoutMs() const { return m_idleTimeoutMs; }
    /// The length of the warning countdown.
    qint64 warningMs() const { return m_warningMs; }

private:
    const Clock &m_clock;
    qint64 m_idleTimeoutMs;
    qint64 m_warningMs;
    qint64 m_lastActivityMs;
};

} // namespace recordlock
