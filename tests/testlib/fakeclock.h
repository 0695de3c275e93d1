#pragma once

#include "common/clock.h"

namespace recordlock::test {

/// A clock that only moves when a test says so.
class FakeClock final : public Clock
{
public:
    /// Starts at startMs (a fixed date in November 2025 by default).
    explicit FakeClock(qint64 startMs = 1'763'776'800'000);

    qint64 nowMs() const override;
    /// Moves time forward by ms.
    void advance(qint64 ms);
    /// Sets the time.
    void set(qint64 ms);

private:
    qint64 m_now;
};

} // namespace recordlock::test
