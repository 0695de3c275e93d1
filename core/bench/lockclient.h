#pragma once

#include <functional>

#include <QString>

#include "bench/benchconfig.h"

namespace recordlock {

class ErrorTally;
struct LockOpStats;

/// One active client of a load run, whatever it talks to (RecordLock over WebSocket, or the
/// plain Redis recipe), so both are driven by the same LoadDriver and measured alike.
class LockClient
{
public:
    virtual ~LockClient();

    /// Runs one cycle (acquire, then renew and/or release) on recordId. The acquire's latency
    /// counts from startNs (scheduled time in open loop, send time in closed loop). A denial
    /// (record held by someone else) ends the cycle early and is not an error. done runs once.
    virtual void runCycle(const QString &recordId, BenchConfig::Mode mode, qint64 startNs, LockOpStats &stats,
                          ErrorTally &errors, std::function<void()> done) = 0;
    /// False once the connection is gone (no new cycle is started on it).
    virtual bool isOpen() const = 0;
};

} // namespace recordlock
