#pragma once

#include <QtGlobal>

#include "bench/latencyrecorder.h"

namespace recordlock {

/// What a hold run measured: the locks taken, and the renewals inside the measured window.
struct HoldStats
{
    /// Lock TTL the server granted (expiresAt - serverTime of the first acquire reply), ms.
    qint64 ttlMs = 0;
    /// Time between two renewals of one lock (TTL/3), ms.
    qint64 renewIntervalMs = 0;
    /// Locks granted before the window (one per holder).
    qint64 locksHeld = 0;
    /// Renewals answered with success inside the window.
    qint64 renewals = 0;
    /// Renewals refused or failed (any error reply; must stay 0).
    qint64 failedRenewals = 0;
    /// Locks released after the window.
    qint64 released = 0;
    /// Window start and end on BenchClock, ns.
    qint64 windowStartNs = 0;
    qint64 windowEndNs = 0;
    /// Acquire round trips of the ramp-up (before the window, a bounded number in flight).
    LatencyRecorder acquire;
    /// Renew round trips answered inside the window.
    LatencyRecorder renew;
    /// Release round trips after the window.
    LatencyRecorder release;
    /// How late each renewal was sent after its scheduled time (the generator's own lag).
    LatencyRecorder sendLag;
};

} // namespace recordlock
