#include "fakeclock.h"

namespace recordlock::test {

FakeClock::FakeClock(qint64 startMs)
    : m_now(startMs)
{
}

qint64 FakeClock::nowMs() const
{
    return m_now;
}

void FakeClock::advance(qint64 ms)
{
    m_now += ms;
}

void FakeClock::set(qint64 ms)
{
    m_now = ms;
}

} // namespace recordlock::test
