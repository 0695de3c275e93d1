#pragma once

#include <QtGlobal>

namespace recordlock {

/// Monotonic nanoseconds for latency measurement. Not a recordlock::Clock: that one is wall
/// time in milliseconds for protocol logic; a benchmark needs a steady, finer clock.
class BenchClock
{
public:
    /// Nanoseconds since an arbitrary fixed point; never goes back.
    static qint64 nowNs();
};

} // namespace recordlock
