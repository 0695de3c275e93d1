#include "bench/holddriver.h"

#include "bench/benchclock.h"
#include "bench/benchlogging.h"
#include "bench/benchsession.h"
#include "bench/errortally.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Acquires and releases in flight at once: the ramp-up must not look like a flood to the server.
constexpr qint64 HoldDriverMaxInFlight = 256;
/// How long taking every lock, or draining and releasing them after the window, may take.
constexpr int HoldDriverPhaseTimeoutMs = 60'000;

QString holdDriverErrorCode(const QJsonObject &reply)
{
    return reply.value(u"error"_s).toObject().value(u"code"_s).toString();
}

double holdDriverSeconds(qint64 ns)
{
    return double(ns) / 1e9;
}

} // namespace

struct HoldDriver::Holder
{
    BenchSession *session;
    QString recordId;
    double token = 0;
    bool held = false;
};

HoldDriver::HoldDriver(std::vector<BenchSession *> holders, QStringList recordIds, ErrorTally &errors,
                       QObject *parent)
    : QObject(parent)
    , m_errors(errors)
{
    m_holders.reserve(holders.size());
    for (std::size_t i = 0; i < holders.size(); ++i)
        m_holders.push_back(std::make_unique<Holder>(Holder{holders[i], recordIds.value(qsizetype(i))}));
    connect(&m_alarm, &PreciseAlarm::fired, this, &HoldDriver::onAlarm);
    m_windowTimer.setSingleShot(true);
    m_windowTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_windowTimer, &QTimer::timeout, this, &HoldDriver::endWindow);
    m_drainTimer.setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        const Phase phase = m_phase;
        m_phase = Phase::Done;
        m_alarm.cancel();
        if (phase == Phase::Acquiring) {
            Q_EMIT failed(u"%1 of %2 locks acquired within %3 ms"_s.arg(m_stats.locksHeld).arg(m_holders.size())
                              .arg(HoldDriverPhaseTimeoutMs));
            return;
        }
        m_errors.addError(u"drain"_s, u"%1 requests had no reply %2 ms after the window"_s.arg(m_inFlight)
                                          .arg(HoldDriverPhaseTimeoutMs));
        Q_EMIT finished();
    });
}

HoldDriver::~HoldDriver() = default;

void HoldDriver::acquireAll()
{
    m_phase = Phase::Acquiring;
    m_nextToSend = 0;
    m_drainTimer.start(HoldDriverPhaseTimeoutMs);
    for (const auto &holder : m_holders) {
        if (holder->recordId.isEmpty()) {
            m_phase = Phase::Done;
            Q_EMIT failed(u"fewer records than holders"_s);
            return;
        }
    }
    sendAcquires();
}

void HoldDriver::sendAcquires()
{
    while (m_phase == Phase::Acquiring && m_inFlight < HoldDriverMaxInFlight && m_nextToSend < m_holders.size()) {
        const std::size_t i = m_nextToSend++;
        ++m_inFlight;
        const qint64 sentNs = BenchClock::nowNs();
        m_holders[i]->session->send(QJsonObject{{u"op"_s, ops::Acquire}, {u"recordId"_s, m_holders[i]->recordId}},
                                    [this, i, sentNs](const QJsonObject &reply, qint64 arrivalNs) {
                                        onAcquired(i, sentNs, reply, arrivalNs);
                                    });
    }
}

void HoldDriver::onAcquired(std::size_t holder, qint64 sentNs, const QJsonObject &reply, qint64 arrivalNs)
{
    --m_inFlight;
    if (m_phase != Phase::Acquiring)
        return;
    Holder &h = *m_holders[holder];
    const QJsonObject result = reply.value(u"result"_s).toObject();
    const QJsonObject lock = result.value(u"lock"_s).toObject();
    h.token = lock.value(u"token"_s).toDouble();
    const qint64 ttlMs = qint64(lock.value(u"expiresAt"_s).toDouble() - reply.value(u"serverTime"_s).toDouble());
    QString problem;
    if (!reply.value(u"ok"_s).toBool())
        problem = u"reply:acquire:"_s + holdDriverErrorCode(reply);
    else if (result.value(u"outcome"_s).toString() != u"granted")
        problem = u"acquire:outcome:"_s + result.value(u"outcome"_s).toString();
    else if (h.token <= 0 || ttlMs <= 0)
        problem = u"protocol"_s;
    if (!problem.isEmpty()) {
        m_errors.addError(problem, u"holder %1 on %2"_s.arg(holder).arg(h.recordId));
        m_phase = Phase::Done;
        m_drainTimer.stop();
        Q_EMIT failed(u"holder %1 could not take %2 (%3)"_s.arg(holder).arg(h.recordId, problem));
        return;
    }
    h.held = true;
    m_stats.acquire.add(arrivalNs - sentNs);
    if (m_stats.ttlMs == 0) {
        m_stats.ttlMs = ttlMs;
        m_stats.renewIntervalMs = std::max<qint64>(1, ttlMs / 3);
    }
    if (++m_stats.locksHeld == qint64(m_holders.size())) {
        m_drainTimer.stop();
        m_phase = Phase::Idle;
        qCInfo(lcBench) << m_stats.locksHeld << "locks held; TTL" << m_stats.ttlMs << "ms";
        Q_EMIT acquired();
        return;
    }
    if (m_stats.locksHeld % 1000 == 0)
        qCInfo(lcBench) << m_stats.locksHeld << "locks held";
    sendAcquires();
}

void HoldDriver::start(qint64 durationMs)
{
    m_phase = Phase::Holding;
    m_stats.windowStartNs = BenchClock::nowNs();
    m_stats.windowEndNs = m_stats.windowStartNs + durationMs * 1'000'000;
    // Holder i first renews i/N of an interval in: the renewals of independent clients are spread out.
    const qint64 intervalNs = m_stats.renewIntervalMs * 1'000'000;
    const auto count = qint64(m_holders.size());
    for (qint64 i = 0; i < count; ++i)
        m_schedule.push_back(Due{m_stats.windowStartNs + intervalNs * (i + 1) / count, std::size_t(i)});
    m_windowTimer.start(int(durationMs));
    if (!m_schedule.empty())
        m_alarm.setAt(m_schedule.front().atNs);
}

void HoldDriver::onAlarm()
{
    if (m_phase != Phase::Holding)
        return;
    const qint64 intervalNs = m_stats.renewIntervalMs * 1'000'000;
    const qint64 now = BenchClock::nowNs();
    while (!m_schedule.empty() && m_schedule.front().atNs <= now && m_schedule.front().atNs < m_stats.windowEndNs) {
        const Due due = m_schedule.front();
        m_schedule.pop_front();
        sendRenew(due.holder, due.atNs);
        m_schedule.push_back(Due{due.atNs + intervalNs, due.holder});
    }
    if (!m_schedule.empty() && m_schedule.front().atNs < m_stats.windowEndNs)
        m_alarm.setAt(m_schedule.front().atNs);
}

void HoldDriver::sendRenew(std::size_t holder, qint64 dueNs)
{
    Holder &h = *m_holders[holder];
    if (!h.held)
        return; // already counted when it was lost
    if (!h.session->isOpen()) {
        // The session counted its close as an error; the lock is not renewed.
        ++m_stats.failedRenewals;
        h.held = false;
        return;
    }
    const qint64 sentNs = BenchClock::nowNs();
    m_stats.sendLag.add(sentNs - dueNs);
    ++m_inFlight;
    h.session->send(QJsonObject{{u"op"_s, ops::Renew}, {u"recordId"_s, h.recordId}, {u"token"_s, h.token}},
                    [this, holder, sentNs](const QJsonObject &reply, qint64 arrivalNs) {
                        --m_inFlight;
                        Holder &h = *m_holders[holder];
                        if (!reply.value(u"ok"_s).toBool()) {
                            ++m_stats.failedRenewals;
                            h.held = holdDriverErrorCode(reply) != u"not_holder";
                            m_errors.addError(u"reply:renew:"_s + holdDriverErrorCode(reply),
                                              u"holder %1 on %2"_s.arg(holder).arg(h.recordId));
                        } else if (arrivalNs <= m_stats.windowEndNs) {
                            ++m_stats.renewals;
                            m_stats.renew.add(arrivalNs - sentNs);
                        }
                        checkDrained();
                    });
}

void HoldDriver::endWindow()
{
    if (m_phase != Phase::Holding)
        return;
    m_phase = Phase::Draining;
    m_alarm.cancel();
    qCInfo(lcBench) << "hold window over:" << m_stats.renewals << "renewals";
    Q_EMIT windowEnded();
    m_drainTimer.start(HoldDriverPhaseTimeoutMs);
    checkDrained();
}

void HoldDriver::sendReleases()
{
    while (m_phase == Phase::Releasing && m_inFlight < HoldDriverMaxInFlight && m_nextToSend < m_holders.size()) {
        const std::size_t i = m_nextToSend++;
        Holder &h = *m_holders[i];
        if (!h.held || !h.session->isOpen())
            continue;
        ++m_inFlight;
        const qint64 sentNs = BenchClock::nowNs();
        h.session->send(QJsonObject{{u"op"_s, ops::Release}, {u"recordId"_s, h.recordId}, {u"token"_s, h.token}},
                        [this, i, sentNs](const QJsonObject &reply, qint64 arrivalNs) {
                            --m_inFlight;
                            Holder &h = *m_holders[i];
                            if (reply.value(u"ok"_s).toBool()) {
                                h.held = false;
                                ++m_stats.released;
                                m_stats.release.add(arrivalNs - sentNs);
                            } else {
                                m_errors.addError(u"reply:release:"_s + holdDriverErrorCode(reply),
                                                  u"holder %1 on %2"_s.arg(i).arg(h.recordId));
                            }
                            sendReleases();
                            checkDrained();
                        });
    }
}

void HoldDriver::checkDrained()
{
    if (m_inFlight > 0)
        return;
    if (m_phase == Phase::Draining) {
        m_phase = Phase::Releasing;
        m_nextToSend = 0;
        sendReleases();
        if (m_inFlight > 0)
            return;
    }
    if (m_phase == Phase::Releasing && m_nextToSend == m_holders.size()) {
        m_phase = Phase::Done;
        m_drainTimer.stop();
        qCInfo(lcBench) << m_stats.released << "locks released";
        Q_EMIT finished();
    }
}

QJsonObject HoldDriver::toJson() const
{
    const double window = holdDriverSeconds(m_stats.windowEndNs - m_stats.windowStartNs);
    return QJsonObject{
        {u"holders"_s, double(m_holders.size())},
        {u"locksHeld"_s, double(m_stats.locksHeld)},
        {u"ttlSeconds"_s, double(m_stats.ttlMs) / 1000.0},
        {u"renewIntervalSeconds"_s, double(m_stats.renewIntervalMs) / 1000.0},
        {u"windowSeconds"_s, window},
        {u"renewals"_s, double(m_stats.renewals)},
        {u"renewalsPerSecond"_s, window > 0 ? double(m_stats.renewals) / window : 0.0},
        {u"failedRenewals"_s, double(m_stats.failedRenewals)},
        {u"released"_s, double(m_stats.released)},
        {u"acquire"_s, m_stats.acquire.toJson()},
        {u"renew"_s, m_stats.renew.toJson()},
        {u"release"_s, m_stats.release.toJson()},
        {u"renewSendLag"_s, m_stats.sendLag.toJson()},
    };
}

} // namespace recordlock
