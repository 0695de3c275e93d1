#include "client/serverrotation.h"

#include <algorithm>

#include "common/clock.h"

namespace recordlock {

ServerRotation::ServerRotation(const Clock &clock, const Backoff &backoff)
    : m_clock(clock)
    , m_backoff(backoff)
{
}

void ServerRotation::setServers(const QList<QUrl> &servers)
{
    m_servers = servers;
    m_index = 0;
    restart();
}

QUrl ServerRotation::current() const
{
    return m_servers.isEmpty() ? QUrl() : m_servers.at(m_index);
}

ServerRotation::Step ServerRotation::fail()
{
    ++m_failures;
    ++m_passFailures;
    if (!m_servers.isEmpty())
        m_index = (m_index + 1) % m_servers.size();
    Step step;
    step.server = current();
    // Counting failures rather than remembering which server failed: a pass is as many failures
    // in a row as there are servers, whichever server the run began with.
    const qsizetype passLength = std::max<qsizetype>(1, m_servers.size());
    step.passFailed = m_passFailures % passLength == 0;
    step.delayMs = step.passFailed ? m_backoff.nextDelayMs() : 0;
    m_dueAtMs = m_clock.nowMs() + step.delayMs;
    return step;
}

ServerRotation::Step ServerRotation::drop()
{
    if (m_clock.nowMs() - m_signedInAtMs >= StableLinkMs)
        m_backoff.reset();
    // The drop is the first failure of a run; a pass over the list starts after the retry here.
    m_failures = 1;
    m_passFailures = 0;
    Step step;
    step.server = current();
    step.delayMs = m_backoff.nextDelayMs();
    m_dueAtMs = m_clock.nowMs() + step.delayMs;
    return step;
}

void ServerRotation::succeed()
{
    m_failures = 0;
    m_passFailures = 0;
    m_dueAtMs = 0;
    m_signedInAtMs = m_clock.nowMs();
}

void ServerRotation::restart()
{
    m_failures = 0;
    m_passFailures = 0;
    m_dueAtMs = 0;
    m_backoff.reset();
}

qint64 ServerRotation::dueInMs() const
{
    return std::max<qint64>(0, m_dueAtMs - m_clock.nowMs());
}

void ServerRotation::setBackoff(const Backoff &backoff)
{
    m_backoff = backoff;
}

} // namespace recordlock
