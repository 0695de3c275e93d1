#pragma once

#include <QJsonObject>

#include "bench/latencyrecorder.h"

namespace recordlock {

/// What the active clients measured inside the window: round trips per operation and counts.
struct LockOpStats
{
    /// Replies arriving after this monotonic time (ns) are not recorded (the drain after the window).
    qint64 windowEndNs = 0;
    LatencyRecorder acquire;
    LatencyRecorder renew;
    LatencyRecorder release;
    /// Open loop: how late the generator sent each acquire after its scheduled time (its own lag).
    LatencyRecorder sendLag;
    /// Requests answered inside the window (any outcome).
    qint64 requests = 0;
    /// Cycles whose acquire was answered inside the window (granted or denied).
    qint64 cycles = 0;
    /// Acquires granted inside the window.
    qint64 granted = 0;

    /// True if a reply at arrivalNs still counts.
    bool inWindow(qint64 arrivalNs) const { return arrivalNs <= windowEndNs; }
};

} // namespace recordlock
