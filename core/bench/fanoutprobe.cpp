#include "bench/fanoutprobe.h"

#include <QJsonObject>

#include "bench/benchclock.h"
#include "bench/benchsession.h"
#include "bench/errortally.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

namespace recordlock {

FanoutProbe::FanoutProbe(BenchSession *prober, std::vector<BenchSession *> watchers, QString hotRecordId,
                         ErrorTally &errors, QObject *parent)
    : QObject(parent)
    , m_prober(prober)
    , m_watchers(std::move(watchers))
    , m_hotRecordId(std::move(hotRecordId))
    , m_errors(errors)
{
    m_nextProbe.setSingleShot(true);
    connect(&m_nextProbe, &QTimer::timeout, this, &FanoutProbe::probe);
    m_probeTimeout.setSingleShot(true);
    connect(&m_probeTimeout, &QTimer::timeout, this, [this] {
        m_errors.addError(u"fanout:timeout"_s, u"seq %1: %2 of %3 watchers got lock_acquired within %4 ms"_s
                                                   .arg(m_probeSeq)
                                                   .arg(m_arrivals.value(m_probeSeq).count)
                                                   .arg(m_watchers.size())
                                                   .arg(ProbeTimeoutMs));
        probeOver();
    });
    for (BenchSession *watcher : m_watchers)
        connect(watcher, &BenchSession::eventReceived, this, &FanoutProbe::onWatcherEvent);
}

void FanoutProbe::subscribe()
{
    if (m_watchers.empty()) {
        Q_EMIT subscribed();
        return;
    }
    for (BenchSession *watcher : m_watchers) {
        watcher->send(QJsonObject{{u"op"_s, ops::Subscribe}, {u"recordId"_s, m_hotRecordId}},
                      [this](const QJsonObject &reply, qint64) {
                          if (!reply.value(u"ok"_s).toBool()) {
                              Q_EMIT failed(u"subscribe %1: %2"_s.arg(
                                  m_hotRecordId, reply.value(u"error"_s).toObject().value(u"code"_s).toString()));
                              return;
                          }
                          if (++m_subscribed == int(m_watchers.size()))
                              Q_EMIT subscribed();
                      });
    }
}

void FanoutProbe::start(qint64 durationMs)
{
    m_windowEndNs = BenchClock::nowNs() + durationMs * 1'000'000;
    if (m_watchers.empty()) {
        QTimer::singleShot(0, this, &FanoutProbe::finished);
        return;
    }
    probe();
}

void FanoutProbe::onWatcherEvent(const QJsonObject &event, qint64 arrivalNs)
{
    if (event.value(u"event"_s).toString() != events::LockAcquired
        || event.value(u"recordId"_s).toString() != m_hotRecordId)
        return;
    Arrivals &arrivals = m_arrivals[qint64(event.value(u"seq"_s).toDouble())];
    ++arrivals.count;
    arrivals.lastNs = std::max(arrivals.lastNs, arrivalNs);
    checkProbeComplete();
}

void FanoutProbe::probe()
{
    if (BenchClock::nowNs() >= m_windowEndNs || !m_prober->isOpen()) {
        Q_EMIT finished();
        return;
    }
    m_inProbe = true;
    m_released = false;
    m_probeSeq = -1;
    m_probeTimeout.start(ProbeTimeoutMs);
    m_sentNs = BenchClock::nowNs();
    m_prober->send(QJsonObject{{u"op"_s, ops::Acquire}, {u"recordId"_s, m_hotRecordId}},
                   [this](const QJsonObject &reply, qint64) {
                       if (!reply.value(u"ok"_s).toBool()) {
                           const QString code = reply.value(u"error"_s).toObject().value(u"code"_s).toString();
                           if (code == u"lock_held")
                               m_errors.addDenial();
                           else
                               m_errors.addError(u"reply:probe-acquire:"_s + code, m_hotRecordId);
                           m_released = true;
                           probeOver();
                           return;
                       }
                       const QJsonObject lock = reply.value(u"result"_s).toObject().value(u"lock"_s).toObject();
                       m_probeSeq = qint64(lock.value(u"seq"_s).toDouble());
                       m_probeToken = lock.value(u"token"_s).toDouble();
                       m_prober->send(QJsonObject{{u"op"_s, ops::Release},
                                                  {u"recordId"_s, m_hotRecordId},
                                                  {u"token"_s, m_probeToken}},
                                      [this](const QJsonObject &releaseReply, qint64) {
                                          if (!releaseReply.value(u"ok"_s).toBool())
                                              m_errors.addError(u"reply:probe-release:"_s
                                                                    + releaseReply.value(u"error"_s)
                                                                          .toObject()
                                                                          .value(u"code"_s)
                                                                          .toString(),
                                                                m_hotRecordId);
                                          m_released = true;
                                          checkProbeComplete();
                                      });
                       checkProbeComplete();
                   });
}

void FanoutProbe::checkProbeComplete()
{
    if (!m_inProbe || m_probeSeq < 0)
        return;
    const auto it = m_arrivals.constFind(m_probeSeq);
    if (it == m_arrivals.cend() || it->count < int(m_watchers.size()) || !m_released)
        return;
    if (it->lastNs <= m_windowEndNs)
        m_latencies.add(it->lastNs - m_sentNs);
    probeOver();
}

void FanoutProbe::probeOver()
{
    m_inProbe = false;
    m_probeTimeout.stop();
    m_arrivals.clear();
    m_nextProbe.start(ProbeIntervalMs);
}

} // namespace recordlock
