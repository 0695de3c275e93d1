#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>

#include "protocol/errorcode.h"

namespace recordlock {

struct LockEvent;

/// The server's Prometheus metrics (counts only, never names, handles or tokens) and their text
/// exposition for GET /metrics. prometheus-cpp stays behind the pimpl so only servermetrics.cpp
/// compiles its headers.
class ServerMetrics
{
public:
    /// The gauges read at scrape time from the state that owns them.
    struct Snapshot
    {
        /// Signed-in connections.
        qint64 sessions = 0;
        /// Held locks (connected or orphaned).
        qint64 heldLocks = 0;
        /// Seconds since the `since` of the oldest held lock; 0 without held locks.
        double oldestLockAgeSeconds = 0;
        /// The lock TTL in force, so alerts can say "held longer than N x TTL".
        double lockTtlSeconds = 0;
    };
    /// Produces the gauges' current values; called once per text().
    using SnapshotSource = std::function<Snapshot()>;

    /// The op label of requests that could not be decoded, and of ops the server does not know
    /// (client-chosen op names must not become label values: unbounded series).
    static constexpr QLatin1StringView InvalidOpLabel{"invalid"};
    /// See InvalidOpLabel.
    static constexpr QLatin1StringView UnknownOpLabel{"unknown"};

    /// Registers every metric with its zero value.
    ServerMetrics();
    ~ServerMetrics();
    ServerMetrics(const ServerMetrics &) = delete;
    ServerMetrics &operator=(const ServerMetrics &) = delete;

    /// Where text() reads the gauges from; without one they stay 0.
    void setSnapshotSource(SnapshotSource source);

    /// Counts a broadcast lock event (acquired, renewed, released by reason, expired, override).
    void lockEvent(const LockEvent &event);
    /// Counts one reply: latency by op, acquire denials, failed renewals, store errors, logins.
    /// error is the reply's error code, nullopt for a success reply.
    /// op is a string literal (a route name): it is kept as a key.
    void requestServed(QLatin1StringView op, std::optional<ErrorCode> error, double seconds);
    /// Counts a request refused by the per-user request rate limit.
    void requestRateLimited();
    /// Counts messages the fan-out sent to watchers.
    void eventsFannedOut(qint64 messages);

    /// The Prometheus text exposition format (version 0.0.4) of every metric, gauges refreshed.
    QByteArray text();

private:
    struct Families;
    std::unique_ptr<Families> m_families;
    SnapshotSource m_snapshot;
};

} // namespace recordlock
