#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include <QAbstractEventDispatcher>
#include <QList>

namespace recordlock {

/// The timers of one EpollEventDispatcher, ordered by deadline; all times are passed in (monotonic
/// nanoseconds) so the Precise/Coarse/VeryCoarse rules are testable without waiting.
class EpollTimerSet
{
public:
    /// Adds a timer due interval ms after nowNs, with Qt's adjustments for the timer type.
    void add(int id, qint64 intervalMs, Qt::TimerType type, QObject *object, qint64 nowNs);
    /// Removes one timer; false if unknown.
    bool remove(int id);
    /// Removes every timer of object; false if it had none.
    bool removeAll(QObject *object);
    /// The timers of object as Qt reports them.
    QList<QAbstractEventDispatcher::TimerInfo> timersFor(QObject *object) const;
    /// Milliseconds until the timer is due (0 if overdue), -1 if unknown.
    int remainingMs(int id, qint64 nowNs) const;
    /// Nanoseconds until the earliest timer is due (0 if overdue), nullopt without timers.
    std::optional<qint64> waitNs(qint64 nowNs) const;
    /// Ids of timers due at nowNs, earliest first (a snapshot: a pass fires each at most once).
    std::vector<int> dueIds(qint64 nowNs) const;
    /// If timer id is still due and not inside its own timer event: reschedules it, marks it
    /// active and returns its object; else nullptr.
    QObject *beginFire(int id, qint64 nowNs);
    /// Ends the timer event begun by beginFire (harmless if the timer was removed meanwhile).
    void endFire(int id);
    /// Number of registered timers.
    std::size_t size() const { return m_timers.size(); }

    /// The deadline of a timer (for tests), -1 if unknown.
    qint64 deadlineNs(int id) const;

private:
    struct Timer
    {
        qint64 intervalMs = 0;
        qint64 deadlineNs = 0;
        quint64 sequence = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        bool inEvent = false;
    };
    using Key = std::pair<qint64, quint64>; // deadline, insertion sequence: FIFO among equals

    void schedule(int id, Timer &timer, qint64 deadlineNs);
    static qint64 coarseDeadline(qint64 idealNs, qint64 intervalMs);

    std::unordered_map<int, Timer> m_timers;
    std::map<Key, int> m_queue;
    std::unordered_map<QObject *, std::vector<int>> m_byObject;
    quint64 m_nextSequence = 0;
};

} // namespace recordlock
