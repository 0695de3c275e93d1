#pragma once

#include <map>

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include "server/lockevent.h"

namespace recordlock {

class Clock;

/// Puts the events of a cluster back into per-record seq order before they reach watchers: an
/// instance's own event can be ready before a peer's earlier one has come over Pub/Sub. An event
/// right after the last one sent goes out at once, a repeated or older one is dropped, and one
/// after a gap waits up to MaxWaitMs for the missing ones; then it goes out anyway and clients
/// that see the gap re-fetch (docs/protocol.md).
class EventSequencer : public QObject
{
    Q_OBJECT

public:
    /// How long an event after a gap waits for the events before it.
    static constexpr qint64 MaxWaitMs = 100;

    /// clock must outlive the sequencer.
    explicit EventSequencer(const Clock &clock, QObject *parent = nullptr);

    /// Takes one event (this instance's or a peer's).
    void push(const recordlock::LockEvent &event);
    /// Sends every event that has waited MaxWaitMs or longer; the timer calls it.
    void flushDue();
    /// Events waiting for a gap to fill.
    qsizetype waitingCount() const;

Q_SIGNALS:
    /// The next event for watchers, in seq order per record.
    void ready(const recordlock::LockEvent &event);

private:
    struct RecordQueue
    {
        qint64 sent = 0;
        /// seq -> event, after a gap.
        std::map<qint64, LockEvent> waiting;
        /// When the oldest waiting event arrived.
        qint64 waitingSince = 0;
    };

    void drain(RecordQueue &queue);
    void rearm();

    const Clock &m_clock;
    QHash<QString, RecordQueue> m_records;
    /// The records with events waiting.
    QSet<QString> m_waitingRecords;
    QTimer m_timer;
};

} // namespace recordlock
