#include "server/eventsequencer.h"

#include <algorithm>

#include "common/clock.h"

namespace recordlock {

EventSequencer::EventSequencer(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &EventSequencer::flushDue);
}

void EventSequencer::push(const LockEvent &event)
{
    const qint64 seq = event.lock.seq;
    auto found = m_records.find(event.lock.recordId);
    if (found == m_records.end()) {
        // The first event of a record this instance hears of sets where it starts.
        m_records.insert(event.lock.recordId, RecordQueue{seq, {}, 0});
        Q_EMIT ready(event);
        return;
    }
    RecordQueue &queue = *found;
    if (seq <= queue.sent || queue.waiting.count(seq) != 0)
        return;
    if (seq == queue.sent + 1) {
        queue.sent = seq;
        Q_EMIT ready(event);
        drain(queue);
        if (queue.waiting.empty())
            m_waitingRecords.remove(event.lock.recordId);
        return;
    }
    if (queue.waiting.empty())
        queue.waitingSince = m_clock.nowMs();
    queue.waiting.emplace(seq, event);
    m_waitingRecords.insert(event.lock.recordId);
    rearm();
}

void EventSequencer::flushDue()
{
    const qint64 now = m_clock.nowMs();
    const QSet<QString> waitingRecords = m_waitingRecords;
    for (const QString &recordId : waitingRecords) {
        RecordQueue &queue = m_records[recordId];
        if (now - queue.waitingSince < MaxWaitMs)
            continue;
        m_waitingRecords.remove(recordId);
        // Give up on the gap: what is missing is gone, clients re-fetch when they see the jump.
        while (!queue.waiting.empty()) {
            const auto first = queue.waiting.begin();
            const LockEvent event = first->second;
            queue.sent = first->first;
            queue.waiting.erase(first);
            Q_EMIT ready(event);
            drain(queue);
        }
    }
    rearm();
}

qsizetype EventSequencer::waitingCount() const
{
    qsizetype count = 0;
    for (const QString &recordId : m_waitingRecords)
        count += qsizetype(m_records.value(recordId).waiting.size());
    return count;
}

void EventSequencer::drain(RecordQueue &queue)
{
    while (!queue.waiting.empty() && queue.waiting.begin()->first == queue.sent + 1) {
        const LockEvent event = queue.waiting.begin()->second;
        queue.waiting.erase(queue.waiting.begin());
        queue.sent = event.lock.seq;
        Q_EMIT ready(event);
    }
}

void EventSequencer::rearm()
{
    qint64 earliest = -1;
    for (const QString &recordId : std::as_const(m_waitingRecords)) {
        const qint64 since = m_records.value(recordId).waitingSince;
        if (earliest < 0 || since < earliest)
            earliest = since;
    }
    if (earliest < 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::clamp<qint64>(earliest + MaxWaitMs - m_clock.nowMs(), 0, MaxWaitMs)));
}

} // namespace recordlock
