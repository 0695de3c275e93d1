#include "bench/loaddriver.h"

#include <algorithm>

#include "bench/benchclock.h"
#include "bench/benchlogging.h"
#include "bench/errortally.h"
#include "bench/lockclient.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Cycles still in flight this long after the window count as an error (a lost reply).
constexpr int DrainTimeoutMs = 15'000;

} // namespace

LoadDriver::LoadDriver(std::vector<LockClient *> clients, RecordPicker picker, BenchConfig::Mode mode, double rate,
                       ErrorTally &errors, QObject *parent)
    : QObject(parent)
    , m_clients(std::move(clients))
    , m_picker(std::move(picker))
    , m_mode(mode)
    , m_rate(rate)
    , m_errors(errors)
{
    connect(&m_openAlarm, &PreciseAlarm::fired, this, &LoadDriver::onOpenTick);
    m_windowTimer.setSingleShot(true);
    m_windowTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_windowTimer, &QTimer::timeout, this, [this] {
        m_windowOver = true;
        m_openAlarm.cancel();
        m_drainTimer.start(DrainTimeoutMs);
        checkFinished();
    });
    m_drainTimer.setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        m_errors.addError(u"drain"_s, u"%1 cycles had no reply %2 ms after the window"_s.arg(m_inFlight)
                                           .arg(DrainTimeoutMs));
        m_inFlight = 0;
        checkFinished();
    });
}

void LoadDriver::start(qint64 durationMs)
{
    m_busy.resize(m_clients.size());
    m_startNs = BenchClock::nowNs();
    m_stats.windowEndNs = m_startNs + durationMs * 1'000'000;
    m_windowTimer.start(int(durationMs));
    if (m_rate <= 0) {
        for (int i = 0; i < int(m_clients.size()); ++i)
            startClosedCycle(i);
        return;
    }
    // Each client offers rate/K cycles per second; their schedules are staggered evenly.
    const double perClient = m_rate / double(m_clients.size());
    m_intervalNs = std::max<qint64>(1, qint64(1e9 / perClient));
    m_nextDueNs.resize(m_clients.size());
    for (std::size_t i = 0; i < m_clients.size(); ++i)
        m_nextDueNs[i] = m_startNs + qint64(i) * m_intervalNs / qint64(m_clients.size());
    onOpenTick();
}

void LoadDriver::startClosedCycle(int client)
{
    if (m_windowOver || BenchClock::nowNs() >= m_stats.windowEndNs || !m_clients[std::size_t(client)]->isOpen()) {
        checkFinished();
        return;
    }
    if (!startCycle(std::size_t(client), BenchClock::nowNs(), [this, client] { startClosedCycle(client); }))
        checkFinished();
}

bool LoadDriver::startCycle(std::size_t client, qint64 startNs, std::function<void()> done)
{
    constexpr int Attempts = 8;
    for (int attempt = 0; attempt < Attempts; ++attempt) {
        const QString &recordId = m_picker.pick();
        if (m_busy[client].contains(recordId))
            continue;
        m_busy[client].insert(recordId);
        ++m_inFlight;
        m_clients[client]->runCycle(recordId, m_mode, startNs, m_stats, m_errors,
                                    [this, client, recordId, done = std::move(done)] {
                                        m_busy[client].remove(recordId);
                                        --m_inFlight;
                                        done();
                                    });
        return true;
    }
    ++m_skipped;
    return false;
}

void LoadDriver::onOpenTick()
{
    const qint64 now = BenchClock::nowNs();
    qint64 nextNs = m_stats.windowEndNs;
    for (std::size_t i = 0; i < m_clients.size(); ++i) {
        qint64 &due = m_nextDueNs[i];
        // A client more than a second behind its schedule drops those cycles (counted) rather
        // than bursting them all at once.
        while (due < now - 1'000'000'000) {
            ++m_skipped;
            due += m_intervalNs;
        }
        while (due <= now && due < m_stats.windowEndNs) {
            if (m_clients[i]->isOpen()) {
                m_stats.sendLag.add(BenchClock::nowNs() - due);
                startCycle(i, due, [this] { checkFinished(); });
            }
            due += m_intervalNs;
        }
        if (due < m_stats.windowEndNs)
            nextNs = std::min(nextNs, due);
    }
    if (nextNs < m_stats.windowEndNs && !m_windowOver)
        m_openAlarm.setAt(nextNs);
}

void LoadDriver::checkFinished()
{
    if (m_finished || m_inFlight > 0 || !m_windowOver)
        return;
    m_finished = true;
    m_drainTimer.stop();
    m_openAlarm.cancel();
    qCInfo(lcBench) << "load window over:" << m_stats.requests << "requests";
    Q_EMIT finished();
}

} // namespace recordlock
