#include "client/serverclock.h"

namespace recordlock {

ServerClock::ServerClock(const Clock &local)
    : m_local(local)
{
}

void ServerClock::observe(qint64 serverTimeMs)
{
    if (serverTimeMs <= 0)
        return;
    m_offsetMs = serverTimeMs - m_local.nowMs();
    m_hasSample = true;
}

qint64 ServerClock::serverNowMs() const
{
    return m_local.nowMs() + m_offsetMs;
}

qint64 ServerClock::msUntil(qint64 serverTimeMs) const
{
    return serverTimeMs - serverNowMs();
}

} // namespace recordlock
