#pragma once

#include <deque>
#include <memory>
#include <vector>

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include "bench/holdstats.h"
#include "bench/precisealarm.h"

namespace recordlock {

class BenchSession;
class ErrorTally;

/// Held locks renewing in the background, as desktop clients keep them while users edit: each
/// holder session acquires its own record, renews it every TTL/3 (the TTL is read from the
/// acquire reply: expiresAt - serverTime) for the window, then releases it. Renewals are spread
/// evenly over the renew interval, as independent clients' would be. A refused acquire, renew or
/// release is an error: a held lock must never be lost.
class HoldDriver : public QObject
{
    Q_OBJECT

public:
    /// recordIds[i] is holder i's record (distinct, at least as many as holders); the sessions
    /// must outlive the driver.
    HoldDriver(std::vector<BenchSession *> holders, QStringList recordIds, ErrorTally &errors,
               QObject *parent = nullptr);
    ~HoldDriver() override;

    /// Acquires every holder's lock; acquired() or failed() follows.
    void acquireAll();
    /// Renews for durationMs from now, then releases every lock; windowEnded() and finished() follow.
    void start(qint64 durationMs);
    /// Measurements (complete after finished()).
    const HoldStats &stats() const { return m_stats; }
    /// {"locksHeld", "renewals", "failedRenewals", "ttlSeconds", ... , "renew": {latency}, ...}
    QJsonObject toJson() const;

Q_SIGNALS:
    /// Every holder holds its lock.
    void acquired();
    /// A lock could not be taken; the run cannot measure what it was asked to.
    void failed(const QString &why);
    /// The measured window is over (renewals still in flight are drained next).
    void windowEnded();
    /// Every lock is released (or the drain timed out).
    void finished();

private:
    struct Holder;
    struct Due
    {
        qint64 atNs;
        std::size_t holder;
    };

    void sendAcquires();
    void onAcquired(std::size_t holder, qint64 sentNs, const QJsonObject &reply, qint64 arrivalNs);
    void onAlarm();
    void sendRenew(std::size_t holder, qint64 dueNs);
    void endWindow();
    void sendReleases();
    void checkDrained();

    std::vector<std::unique_ptr<Holder>> m_holders;
    ErrorTally &m_errors;
    HoldStats m_stats;
    PreciseAlarm m_alarm;
    QTimer m_windowTimer;
    QTimer m_drainTimer;
    /// Renewals in time order: every lock renews at the same interval, so the earliest is at the front.
    std::deque<Due> m_schedule;
    std::size_t m_nextToSend = 0;
    qint64 m_inFlight = 0;
    enum class Phase { Idle, Acquiring, Holding, Draining, Releasing, Done } m_phase = Phase::Idle;
};

} // namespace recordlock
