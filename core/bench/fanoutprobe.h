#pragma once

#include <vector>

#include <QHash>
#include <QObject>
#include <QTimer>

#include "bench/latencyrecorder.h"

namespace recordlock {

class BenchSession;
class ErrorTally;

/// Measures fan-out: W watcher sessions subscribe to one hot record; a separate probe session
/// repeatedly acquires and releases it. One sample is the time from sending the probe's
/// `acquire` to the moment the last of the W watchers has received the matching
/// `lock_acquired` event (same `seq`), both read on the load generator's monotonic clock, so
/// it includes the server's processing, its W sends, the network and the generator's own
/// reading of W sockets. One probe is in flight at a time, one every ProbeIntervalMs.
class FanoutProbe : public QObject
{
    Q_OBJECT

public:
    /// Pause between the end of one probe and the next acquire.
    static constexpr int ProbeIntervalMs = 50;
    /// A probe whose events have not all arrived by then is an error (a lost event).
    static constexpr int ProbeTimeoutMs = 10'000;

    /// prober may be nullptr when there are no watchers (the probe then does nothing).
    FanoutProbe(BenchSession *prober, std::vector<BenchSession *> watchers, QString hotRecordId, ErrorTally &errors,
                QObject *parent = nullptr);

    /// Subscribes every watcher; subscribed() or failed() follows.
    void subscribe();
    /// Probes until durationMs have passed, then finished() once the last probe is over.
    void start(qint64 durationMs);
    /// Fan-out latencies (ns).
    const LatencyRecorder &latencies() const { return m_latencies; }
    /// Watchers subscribed.
    int watcherCount() const { return int(m_watchers.size()); }

Q_SIGNALS:
    /// Every watcher is subscribed.
    void subscribed();
    /// A subscribe failed.
    void failed(const QString &why);
    /// The probing window is over.
    void finished();

private:
    /// Arrivals of lock_acquired events for one seq.
    struct Arrivals
    {
        int count = 0;
        qint64 lastNs = 0;
    };

    void onWatcherEvent(const QJsonObject &event, qint64 arrivalNs);
    void probe();
    void checkProbeComplete();
    void probeOver();

    BenchSession *m_prober;
    std::vector<BenchSession *> m_watchers;
    QString m_hotRecordId;
    ErrorTally &m_errors;
    LatencyRecorder m_latencies;
    QHash<qint64, Arrivals> m_arrivals;
    QTimer m_nextProbe;
    QTimer m_probeTimeout;
    qint64 m_windowEndNs = 0;
    qint64 m_sentNs = 0;
    qint64 m_probeSeq = -1;
    double m_probeToken = 0;
    int m_subscribed = 0;
    bool m_inProbe = false;
    bool m_released = false;
};

} // namespace recordlock
