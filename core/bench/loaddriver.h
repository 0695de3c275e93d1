#pragma once

#include <functional>
#include <vector>

#include <QObject>
#include <QSet>
#include <QTimer>

#include "bench/benchconfig.h"
#include "bench/lockopstats.h"
#include "bench/precisealarm.h"
#include "bench/recordpicker.h"

namespace recordlock {

class ErrorTally;
class LockClient;

/// Drives the active clients (RecordLock or Redis) for one window, closed loop (each client starts its next cycle
/// when the last one ends) or open loop (cycles start on a fixed schedule, whatever the server
/// does, and the acquire latency counts from the scheduled time so a slow server cannot hide
/// queueing). After the window no new cycle starts; cycles in flight finish (their locks are
/// released) and finished() follows.
class LoadDriver : public QObject
{
    Q_OBJECT

public:
    /// rate: cycles per second over all clients; 0 = closed loop.
    LoadDriver(std::vector<LockClient *> clients, RecordPicker picker, BenchConfig::Mode mode, double rate,
               ErrorTally &errors, QObject *parent = nullptr);

    /// Starts now; the window lasts durationMs.
    void start(qint64 durationMs);
    /// Measurements (complete after finished()).
    const LockOpStats &stats() const { return m_stats; }
    /// Actual window length in ns (start to window end).
    qint64 windowNs() const { return m_stats.windowEndNs - m_startNs; }
    /// Open-loop cycles that were due but not sent: the client lagged by > 1 s, or found no
    /// record without a cycle of its own in flight.
    qint64 skipped() const { return m_skipped; }

Q_SIGNALS:
    /// The window is over and every cycle in flight has ended (or the drain timed out).
    void finished();

private:
    void startClosedCycle(int client);
    /// Starts a cycle on client on a record it has no cycle on yet; false if none was found.
    bool startCycle(std::size_t client, qint64 startNs, std::function<void()> done);
    void onOpenTick();
    void checkFinished();

    std::vector<LockClient *> m_clients;
    RecordPicker m_picker;
    BenchConfig::Mode m_mode;
    double m_rate;
    ErrorTally &m_errors;
    LockOpStats m_stats;
    PreciseAlarm m_openAlarm;
    QTimer m_windowTimer;
    QTimer m_drainTimer;
    std::vector<qint64> m_nextDueNs;
    /// Records each client has a cycle in flight on: in open loop a client's cycles overlap, and
    /// two on one record would renew and release each other's lock.
    std::vector<QSet<QString>> m_busy;
    qint64 m_intervalNs = 0;
    qint64 m_startNs = 0;
    qint64 m_inFlight = 0;
    qint64 m_skipped = 0;
    bool m_finished = false;
    bool m_windowOver = false;
};

} // namespace recordlock
