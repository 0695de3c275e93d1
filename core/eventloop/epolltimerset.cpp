#include "epolltimerset.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace recordlock {

namespace {

constexpr qint64 nsPerMs = 1'000'000;
constexpr qint64 nsPerSecond = 1'000'000'000;

/// Rounds a monotonic time to the nearest whole second (VeryCoarse timers tick on whole seconds).
qint64 roundToSecond(qint64 ns)
{
    return (ns + nsPerSecond / 2) / nsPerSecond * nsPerSecond;
}

} // namespace

void EpollTimerSet::add(int id, qint64 intervalMs, Qt::TimerType type, QObject *object, qint64 nowNs)
{
    remove(id);
    intervalMs = std::max<qint64>(intervalMs, 0);
    // Same adjustments as Qt's UNIX dispatcher: long coarse timers need no better than a second,
    // short ones would be distorted by a 5% window that rounds to whole milliseconds.
    if (type == Qt::CoarseTimer && intervalMs >= 20'000)
        type = Qt::VeryCoarseTimer;
    else if (type == Qt::CoarseTimer && intervalMs <= 20)
        type = Qt::PreciseTimer;

    Timer timer;
    timer.type = type;
    timer.object = object;
    qint64 deadline = 0;
    if (type == Qt::VeryCoarseTimer) {
        timer.intervalMs = (intervalMs + 500) / 1000 * 1000;
        deadline = roundToSecond(nowNs) + timer.intervalMs * nsPerMs;
    } else {
        timer.intervalMs = intervalMs;
        deadline = nowNs + intervalMs * nsPerMs;
        if (type == Qt::CoarseTimer)
            deadline = coarseDeadline(deadline, intervalMs);
    }
    Timer &stored = m_timers.emplace(id, timer).first->second;
    schedule(id, stored, deadline);
    m_byObject[object].push_back(id);
}

bool EpollTimerSet::remove(int id)
{
    const auto it = m_timers.find(id);
    if (it == m_timers.end())
        return false;
    m_queue.erase(Key{it->second.deadlineNs, it->second.sequence});
    const auto owner = m_byObject.find(it->second.object);
    if (owner != m_byObject.end()) {
        std::erase(owner->second, id);
        if (owner->second.empty())
            m_byObject.erase(owner);
    }
    m_timers.erase(it);
    return true;
}

bool EpollTimerSet::removeAll(QObject *object)
{
    const auto owner = m_byObject.find(object);
    if (owner == m_byObject.end())
        return false;
    const std::vector<int> ids = owner->second;
    for (const int id : ids)
        remove(id);
    return true;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollTimerSet::timersFor(QObject *object) const
{
    QList<QAbstractEventDispatcher::TimerInfo> result;
    const auto owner = m_byObject.find(object);
    if (owner == m_byObject.end())
        return result;
    for (const int id : owner->second) {
        const Timer &timer = m_timers.at(id);
        result.append(QAbstractEventDispatcher::TimerInfo(id, int(timer.intervalMs), timer.type));
    }
    return result;
}

int EpollTimerSet::remainingMs(int id, qint64 nowNs) const
{
    const auto it = m_timers.find(id);
    if (it == m_timers.end())
        return -1;
    const qint64 left = std::max<qint64>(it->second.deadlineNs - nowNs, 0);
    return int((left + nsPerMs - 1) / nsPerMs);
}

std::optional<qint64> EpollTimerSet::waitNs(qint64 nowNs) const
{
    if (m_queue.empty())
        return std::nullopt;
    return std::max<qint64>(m_queue.begin()->first.first - nowNs, 0);
}

std::vector<int> EpollTimerSet::dueIds(qint64 nowNs) const
{
    std::vector<int> ids;
    for (auto it = m_queue.begin(); it != m_queue.end() && it->first.first <= nowNs; ++it)
        ids.push_back(it->second);
    return ids;
}

QObject *EpollTimerSet::beginFire(int id, qint64 nowNs)
{
    const auto it = m_timers.find(id);
    if (it == m_timers.end())
        return nullptr;
    Timer &timer = it->second;
    // A timer whose handler is still running (nested event loop) is not re-entered.
    if (timer.inEvent || timer.deadlineNs > nowNs)
        return nullptr;

    const qint64 intervalNs = timer.intervalMs * nsPerMs;
    qint64 next = timer.deadlineNs + intervalNs;
    // Late by more than an interval: do not fire a burst to catch up, restart from now.
    if (next < nowNs)
        next = (timer.type == Qt::VeryCoarseTimer ? roundToSecond(nowNs) : nowNs) + intervalNs;
    if (timer.type == Qt::CoarseTimer)
        next = coarseDeadline(next, timer.intervalMs);
    m_queue.erase(Key{timer.deadlineNs, timer.sequence});
    schedule(id, timer, next);
    timer.inEvent = true;
    return timer.object;
}

void EpollTimerSet::endFire(int id)
{
    const auto it = m_timers.find(id);
    if (it != m_timers.end())
        it->second.inEvent = false;
}

qint64 EpollTimerSet::deadlineNs(int id) const
{
    const auto it = m_timers.find(id);
    return it == m_timers.end() ? -1 : it->second.deadlineNs;
}

void EpollTimerSet::schedule(int id, Timer &timer, qint64 deadlineNs)
{
    timer.deadlineNs = deadlineNs;
    timer.sequence = m_nextSequence++;
    m_queue.emplace(Key{deadlineNs, timer.sequence}, id);
}

qint64 EpollTimerSet::coarseDeadline(qint64 idealNs, qint64 intervalMs)
{
    // Coarse timers may move by up to 5% of their interval; snapping to the roundest nearby
    // boundary lets timers of many sessions expire in one wake-up instead of one each.
    static constexpr std::array<qint64, 11> grids{1000, 500, 250, 200, 100, 50, 25, 20, 10, 5, 2};
    const qint64 slackNs = intervalMs * nsPerMs / 20;
    for (const qint64 gridMs : grids) {
        const qint64 gridNs = gridMs * nsPerMs;
        const qint64 snapped = (idealNs + gridNs / 2) / gridNs * gridNs;
        if (std::llabs(snapped - idealNs) <= slackNs)
            return snapped;
    }
    return idealNs;
}

} // namespace recordlock
