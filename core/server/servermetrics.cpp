#include "server/servermetrics.h"

#include <string>

#include <QHash>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include "protocol/names.h"
#include "server/lockevent.h"

namespace recordlock {

namespace {

/// 50 µs (an in-memory get_lock) up to 1 s (a login's argon2id on a busy machine); slower
/// requests land in +Inf.
const prometheus::Histogram::BucketBoundaries RequestLatencyBuckets{
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};

std::string metricsLabel(QLatin1StringView text)
{
    return std::string(text.data(), size_t(text.size()));
}

} // namespace

struct ServerMetrics::Families
{
    prometheus::Registry registry;

    prometheus::Gauge &sessions = prometheus::BuildGauge()
                                      .Name("recordlock_sessions_connected")
                                      .Help("Signed-in connections.")
                                      .Register(registry)
                                      .Add({});
    prometheus::Gauge &heldLocks = prometheus::BuildGauge()
                                       .Name("recordlock_locks_held")
                                       .Help("Locks currently held, connected or orphaned.")
                                       .Register(registry)
                                       .Add({});
    prometheus::Gauge &oldestLockAge = prometheus::BuildGauge()
                                           .Name("recordlock_oldest_lock_age_seconds")
                                           .Help("Seconds since the oldest held lock was acquired; 0 without locks.")
                                           .Register(registry)
                                           .Add({});

    prometheus::Gauge &lockTtl = prometheus::BuildGauge()
                                     .Name("recordlock_lock_ttl_seconds")
                                     .Help("The lock lifetime without renewal (--lock-ttl).")
                                     .Register(registry)
                                     .Add({});

    prometheus::Counter &acquisitions = prometheus::BuildCounter()
                                            .Name("recordlock_lock_acquisitions_total")
                                            .Help("Locks granted (lock_acquired events).")
                                            .Register(registry)
                                            .Add({});
    prometheus::Counter &denials = prometheus::BuildCounter()
                                       .Name("recordlock_lock_denials_total")
                                       .Help("acquire requests answered lock_held.")
                                       .Register(registry)
                                       .Add({});
    prometheus::Counter &renewals = prometheus::BuildCounter()
                                        .Name("recordlock_lock_renewals_total")
                                        .Help("Lock renewals (lock_renewed events).")
                                        .Register(registry)
                                        .Add({});
    prometheus::Family<prometheus::Counter> &releases = prometheus::BuildCounter()
                                                            .Name("recordlock_lock_releases_total")
                                                            .Help("Locks released (lock_released events) by reason.")
                                                            .Register(registry);
    prometheus::Counter &expiries = prometheus::BuildCounter()
                                        .Name("recordlock_lock_expiries_total")
                                        .Help("Locks that expired (lock_expired events).")
                                        .Register(registry)
                                        .Add({});
    prometheus::Counter &overrides = prometheus::BuildCounter()
                                         .Name("recordlock_lock_overrides_total")
                                         .Help("Locks an admin took over (lock_override events).")
                                         .Register(registry)
                                         .Add({});
    prometheus::Counter &renewalFailures = prometheus::BuildCounter()
                                               .Name("recordlock_lock_renewal_failures_total")
                                               .Help("renew requests answered with an error.")
                                               .Register(registry)
                                               .Add({});
    prometheus::Counter &fannedOut = prometheus::BuildCounter()
                                         .Name("recordlock_events_fanned_out_total")
                                         .Help("Broadcast event messages sent to watching connections.")
                                         .Register(registry)
                                         .Add({});
    prometheus::Counter &rateLimited = prometheus::BuildCounter()
                                           .Name("recordlock_requests_rate_limited_total")
                                           .Help("Requests refused by the per-session request rate limit.")
                                           .Register(registry)
                                           .Add({});
    prometheus::Family<prometheus::Counter> &storeErrors = prometheus::BuildCounter()
                                                               .Name("recordlock_store_errors_total")
                                                               .Help("Replies unavailable or internal, by code.")
                                                               .Register(registry);
    prometheus::Family<prometheus::Counter> &logins = prometheus::BuildCounter()
                                                          .Name("recordlock_logins_total")
                                                          .Help("login requests by result.")
                                                          .Register(registry);
    prometheus::Family<prometheus::Histogram> &latency
        = prometheus::BuildHistogram()
              .Name("recordlock_request_duration_seconds")
              .Help("Seconds from decoding a request to sending its reply, by op.")
              .Register(registry);
    /// latency's child per op, found once: Family::Add() builds a label map and locks a mutex,
    /// too much for every reply. Ops are the dispatcher's route names, a fixed set.
    QHash<QLatin1StringView, prometheus::Histogram *> latencyByOp;

    prometheus::Histogram &latencyOf(QLatin1StringView op)
    {
        prometheus::Histogram *&child = latencyByOp[op];
        if (!child)
            child = &latency.Add({{"op", metricsLabel(op)}}, RequestLatencyBuckets);
        return *child;
    }
};

ServerMetrics::ServerMetrics()
    : m_families(std::make_unique<Families>())
{
    // Every label value known in advance is exported from the start at 0: rate() and alert
    // rules then see the first increase instead of a series appearing out of nothing.
    for (QLatin1StringView reason : {reasons::Released, reasons::Logout, reasons::Disconnected, reasons::Switched})
        m_families->releases.Add({{"reason", metricsLabel(reason)}});
    for (const char *code : {"unavailable", "internal"})
        m_families->storeErrors.Add({{"code", code}});
    for (const char *result : {"ok", "invalid_credentials", "rate_limited", "error"})
        m_families->logins.Add({{"result", result}});
}

ServerMetrics::~ServerMetrics() = default;

void ServerMetrics::setSnapshotSource(SnapshotSource source)
{
    m_snapshot = std::move(source);
}

void ServerMetrics::lockEvent(const LockEvent &event)
{
    if (event.event == events::LockAcquired)
        m_families->acquisitions.Increment();
    else if (event.event == events::LockRenewed)
        m_families->renewals.Increment();
    else if (event.event == events::LockReleased)
        m_families->releases.Add({{"reason", event.reason.toStdString()}}).Increment();
    else if (event.event == events::LockExpired)
        m_families->expiries.Increment();
    else if (event.event == events::LockOverride)
        m_families->overrides.Increment();
}

void ServerMetrics::requestServed(QLatin1StringView op, std::optional<ErrorCode> error, double seconds)
{
    m_families->latencyOf(op).Observe(seconds);
    if (error == ErrorCode::Unavailable || error == ErrorCode::Internal)
        m_families->storeErrors.Add({{"code", errorCodeName(*error).toStdString()}}).Increment();
    if (op == ops::Acquire && error == ErrorCode::LockHeld)
        m_families->denials.Increment();
    else if (op == ops::Renew && error)
        m_families->renewalFailures.Increment();
    else if (op == ops::Login) {
        const char *result = !error                                  ? "ok"
                             : error == ErrorCode::InvalidCredentials ? "invalid_credentials"
                             : error == ErrorCode::RateLimited        ? "rate_limited"
                                                                      : "error";
        m_families->logins.Add({{"result", result}}).Increment();
    }
}

void ServerMetrics::requestRateLimited()
{
    m_families->rateLimited.Increment();
}

void ServerMetrics::eventsFannedOut(qint64 messages)
{
    if (messages > 0)
        m_families->fannedOut.Increment(double(messages));
}

QByteArray ServerMetrics::text()
{
    if (m_snapshot) {
        const Snapshot now = m_snapshot();
        m_families->sessions.Set(double(now.sessions));
        m_families->heldLocks.Set(double(now.heldLocks));
        m_families->oldestLockAge.Set(now.oldestLockAgeSeconds);
        m_families->lockTtl.Set(now.lockTtlSeconds);
    }
    return QByteArray::fromStdString(prometheus::TextSerializer().Serialize(m_families->registry.Collect()));
}

} // namespace recordlock
