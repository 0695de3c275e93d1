#include "bench/benchclock.h"

#include <chrono>

namespace recordlock {

qint64 BenchClock::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace recordlock
