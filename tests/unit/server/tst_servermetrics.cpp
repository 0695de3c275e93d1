#include <QHash>
#include <QTest>

#include "protocol/names.h"
#include "server/lockevent.h"
#include "metricsamples.h"
#include "server/servermetrics.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

LockEvent lockEventOf(QLatin1StringView name, QLatin1StringView reason = {})
{
    LockEvent event;
    event.event = QString(name);
    event.reason = QString(reason);
    event.lock.recordId = u"CUST-1"_s;
    return event;
}

} // namespace

/// ServerMetrics: what each recorded fact does to the exposition, sample by sample.
class TestServerMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMetricStartsAtZero()
    {
        ServerMetrics metrics;
        const QByteArray text = metrics.text();
        const QHash<QString, QString> samples = metricSamples(text);
        for (const QString &name : {u"recordlock_sessions_connected"_s, u"recordlock_locks_held"_s,
                                    u"recordlock_oldest_lock_age_seconds"_s, u"recordlock_lock_ttl_seconds"_s,
                                    u"recordlock_lock_acquisitions_total"_s,
                                    u"recordlock_lock_denials_total"_s, u"recordlock_lock_renewals_total"_s,
                                    u"recordlock_lock_releases_total{reason=\"released\"}"_s,
                                    u"recordlock_lock_releases_total{reason=\"logout\"}"_s,
                                    u"recordlock_lock_releases_total{reason=\"disconnected\"}"_s,
                                    u"recordlock_lock_releases_total{reason=\"switched\"}"_s,
                                    u"recordlock_lock_expiries_total"_s, u"recordlock_lock_overrides_total"_s,
                                    u"recordlock_lock_renewal_failures_total"_s,
                                    u"recordlock_events_fanned_out_total"_s,
                                    u"recordlock_requests_rate_limited_total"_s,
                                    u"recordlock_store_errors_total{code=\"unavailable\"}"_s,
                                    u"recordlock_store_errors_total{code=\"internal\"}"_s,
                                    u"recordlock_logins_total{result=\"ok\"}"_s,
                                    u"recordlock_logins_total{result=\"invalid_credentials\"}"_s,
                                    u"recordlock_logins_total{result=\"rate_limited\"}"_s}) {
            QVERIFY2(samples.contains(name), qPrintable(name));
            QCOMPARE(samples.value(name), u"0"_s);
        }
        QVERIFY(text.contains("# TYPE recordlock_lock_acquisitions_total counter"));
        QVERIFY(text.contains("# TYPE recordlock_locks_held gauge"));
        // A histogram series appears with its op's first request.
        QVERIFY(!text.contains("recordlock_request_duration_seconds"));
    }

    void lockEventsAreCountedByKind()
    {
        ServerMetrics metrics;
        metrics.lockEvent(lockEventOf(events::LockAcquired));
        metrics.lockEvent(lockEventOf(events::LockAcquired));
        metrics.lockEvent(lockEventOf(events::LockRenewed));
        metrics.lockEvent(lockEventOf(events::LockReleased, reasons::Released));
        metrics.lockEvent(lockEventOf(events::LockReleased, reasons::Logout));
        metrics.lockEvent(lockEventOf(events::LockReleased, reasons::Logout));
        metrics.lockEvent(lockEventOf(events::LockExpired));
        metrics.lockEvent(lockEventOf(events::LockOverride));
        metrics.lockEvent(lockEventOf(events::LockHolderPresence)); // not a lock change
        const QHash<QString, QString> samples = metricSamples(metrics.text());
        QCOMPARE(samples.value(u"recordlock_lock_acquisitions_total"_s), u"2"_s);
        QCOMPARE(samples.value(u"recordlock_lock_renewals_total"_s), u"1"_s);
        QCOMPARE(samples.value(u"recordlock_lock_releases_total{reason=\"released\"}"_s), u"1"_s);
        QCOMPARE(samples.value(u"recordlock_lock_releases_total{reason=\"logout\"}"_s), u"2"_s);
        QCOMPARE(samples.value(u"recordlock_lock_releases_total{reason=\"disconnected\"}"_s), u"0"_s);
        QCOMPARE(samples.value(u"recordlock_lock_expiries_total"_s), u"1"_s);
        QCOMPARE(samples.value(u"recordlock_lock_overrides_total"_s), u"1"_s);
    }

    void repliesAreCountedByOpAndCode()
    {
        ServerMetrics metrics;
        metrics.requestServed(ops::Acquire, std::nullopt, 0.0002);
        metrics.requestServed(ops::Acquire, ErrorCode::LockHeld, 0.002);
        metrics.requestServed(ops::Renew, ErrorCode::StaleToken, 0.0001);
        metrics.requestServed(ops::Renew, std::nullopt, 0.0001);
        metrics.requestServed(ops::GetLock, ErrorCode::Unavailable, 0.0001);
        metrics.requestServed(ops::SaveRecord, ErrorCode::Internal, 0.0001);
        metrics.requestServed(ops::Release, ErrorCode::LockHeld, 0.0001); // not an acquire: no denial
        metrics.requestServed(ops::Login, std::nullopt, 0.1);
        metrics.requestServed(ops::Login, ErrorCode::InvalidCredentials, 0.1);
        metrics.requestServed(ops::Login, ErrorCode::InvalidCredentials, 0.1);
        metrics.requestServed(ops::Login, ErrorCode::RateLimited, 0.0001);
        metrics.requestServed(ops::Login, ErrorCode::InvalidArgument, 0.0001);
        const QByteArray text = metrics.text();
        QVERIFY(text.contains("# TYPE recordlock_request_duration_seconds histogram"));
        const QHash<QString, QString> samples = metricSamples(text);
        QCOMPARE(samples.value(u"recordlock_lock_denials_total"_s), u"1"_s);
        QCOMPARE(samples.value(u"recordlock_lock_renewal_failures_total"_s), u"1"_s);
        QCOMPARE(samples.value(u"recordlock_store_errors_total{code=\"unavailable\"}"_s), u"1"_s);
        QCOMPARE(samples.value(u"recordlock_store_errors_total{code=\"internal\"}"_s), u"1"_s);
        QCOMPARE(samples.value(u"recordlock_logins_total{result=\"ok\"}"_s), u"1"_s);
        QCOMPARE(samples.value(u"recordlock_logins_total{result=\"invalid_credentials\"}"_s), u"2"_s);
        QCOMPARE(samples.value(u"recordlock_logins_total{result=\"rate_limited\"}"_s), u"1"_s);
        QCOMPARE(samples.value(u"recordlock_logins_total{result=\"error\"}"_s), u"1"_s);
        // The histogram of acquire: one reply in the 250 µs bucket, both by 2.5 ms.
        const QString acquire = u"recordlock_request_duration_seconds"_s;
        QCOMPARE(samples.value(acquire + u"_count{op=\"acquire\"}"_s), u"2"_s);
        QCOMPARE(samples.value(acquire + u"_sum{op=\"acquire\"}"_s).toDouble(), 0.0022);
        QCOMPARE(samples.value(acquire + u"_bucket{op=\"acquire\",le=\"0.0001\"}"_s), u"0"_s);
        QCOMPARE(samples.value(acquire + u"_bucket{op=\"acquire\",le=\"0.00025\"}"_s), u"1"_s);
        QCOMPARE(samples.value(acquire + u"_bucket{op=\"acquire\",le=\"0.0025\"}"_s), u"2"_s);
        QCOMPARE(samples.value(acquire + u"_bucket{op=\"acquire\",le=\"1\"}"_s), u"2"_s);
        QCOMPARE(samples.value(acquire + u"_bucket{op=\"acquire\",le=\"+Inf\"}"_s), u"2"_s);
        QCOMPARE(samples.value(acquire + u"_count{op=\"login\"}"_s), u"5"_s);
        QCOMPARE(samples.value(acquire + u"_count{op=\"renew\"}"_s), u"2"_s);
    }

    void rateLimitsAndFanOutAreCounted()
    {
        ServerMetrics metrics;
        metrics.requestRateLimited();
        metrics.requestRateLimited();
        metrics.eventsFannedOut(3);
        metrics.eventsFannedOut(0);
        metrics.eventsFannedOut(4);
        const QHash<QString, QString> samples = metricSamples(metrics.text());
        QCOMPARE(samples.value(u"recordlock_requests_rate_limited_total"_s), u"2"_s);
        QCOMPARE(samples.value(u"recordlock_events_fanned_out_total"_s), u"7"_s);
    }

    void gaugesAreReadAtScrapeTime()
    {
        ServerMetrics metrics;
        ServerMetrics::Snapshot state{3, 2, 12.5, 120};
        metrics.setSnapshotSource([&state] { return state; });
        QHash<QString, QString> samples = metricSamples(metrics.text());
        QCOMPARE(samples.value(u"recordlock_sessions_connected"_s), u"3"_s);
        QCOMPARE(samples.value(u"recordlock_locks_held"_s), u"2"_s);
        QCOMPARE(samples.value(u"recordlock_oldest_lock_age_seconds"_s), u"12.5"_s);
        QCOMPARE(samples.value(u"recordlock_lock_ttl_seconds"_s), u"120"_s);
        state = ServerMetrics::Snapshot{1, 0, 0, 120};
        samples = metricSamples(metrics.text());
        QCOMPARE(samples.value(u"recordlock_sessions_connected"_s), u"1"_s);
        QCOMPARE(samples.value(u"recordlock_locks_held"_s), u"0"_s);
        QCOMPARE(samples.value(u"recordlock_oldest_lock_age_seconds"_s), u"0"_s);
    }
};

QTEST_GUILESS_MAIN(TestServerMetrics)
#include "tst_servermetrics.moc"
