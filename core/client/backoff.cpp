#include "client/backoff.h"

#include <algorithm>

#include <QRandomGenerator>

namespace recordlock {

Backoff::Backoff(qint64 baseMs, qint64 capMs, Jitter jitter, RandomSource random)
    : m_baseMs(std::max<qint64>(1, baseMs))
    , m_capMs(std::max(m_baseMs, capMs))
    , m_jitter(jitter)
    , m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

qint64 Backoff::nextDelayMs()
{
    // Doubling stops once the cap is reached, so a long outage cannot overflow the shift.
    qint64 ceiling = m_baseMs;
    for (int i = 0; i < m_attempt && ceiling < m_capMs; ++i)
        ceiling *= 2;
    ceiling = std::min(ceiling, m_capMs);
    ++m_attempt;

    // A misbehaving source must not produce delays outside the documented bounds.
    const double r = std::clamp(m_random(), 0.0, 1.0);
    qint64 delay = 0;
    if (m_jitter == Jitter::Full) {
        delay = qint64(r * double(ceiling));
    } else {
        const qint64 half = ceiling / 2;
        delay = half + qint64(r * double(ceiling - half));
    }
    return std::clamp<qint64>(delay, 0, ceiling);
}

void Backoff::reset()
{
    m_attempt = 0;
}

} // namespace recordlock
