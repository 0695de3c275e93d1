#include <QTest>

#include "fakeclock.h"
#include "server/refusalwindow.h"
#include "server/requestlimiter.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

/// RequestLimiter and RefusalWindow with a FakeClock: the protocol's "Request rate" rules.
class TestRequestLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenRateLimited()
    {
        test::FakeClock clock;
        RequestLimiter limiter(clock, 200, 100);
        RefusalWindow refusals;
        for (int i = 0; i < 200; ++i)
            QVERIFY(limiter.admit(u"u_alice"_s, refusals).admitted());
        const RequestLimiter::Verdict refused = limiter.admit(u"u_alice"_s, refusals);
        QVERIFY(!refused.admitted());
        QCOMPARE(refused.retryAfterMs, 10);
        QVERIFY(!refused.closeConnection);
        QCOMPARE(refusals.count(clock.nowMs()), 1);
        // retryAfterMs is honest: at that time the next request runs.
        clock.advance(refused.retryAfterMs);
        QVERIFY(limiter.admit(u"u_alice"_s, refusals).admitted());
        QVERIFY(!limiter.admit(u"u_alice"_s, refusals).admitted());
    }

    void usersHaveTheirOwnBuckets()
    {
        test::FakeClock clock;
        RequestLimiter limiter(clock, 3, 1);
        RefusalWindow first;
        RefusalWindow second;
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.admit(u"u_alice"_s, first).admitted());
        QVERIFY(!limiter.admit(u"u_alice"_s, first).admitted());
        QVERIFY(limiter.admit(u"u_bob"_s, second).admitted());
        QCOMPARE(second.count(clock.nowMs()), 0);
    }

    void bucketBelongsToTheSessionNotTheConnection()
    {
        test::FakeClock clock;
        RequestLimiter limiter(clock, 5, 1);
        RefusalWindow oldConnection;
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.admit(u"u_alice"_s, oldConnection).admitted());
        // A reconnect (a new connection, so a new refusal window) finds the bucket still empty.
        RefusalWindow newConnection;
        const RequestLimiter::Verdict verdict = limiter.admit(u"u_alice"_s, newConnection);
        QVERIFY(!verdict.admitted());
        QCOMPARE(verdict.retryAfterMs, 1000);
        QCOMPARE(newConnection.count(clock.nowMs()), 1);
        QCOMPARE(oldConnection.count(clock.nowMs()), 0);
    }

    void fiftyRefusalsWithinTenSecondsClose()
    {
        test::FakeClock clock;
        RequestLimiter limiter(clock, 1, 1);
        RefusalWindow refusals;
        QVERIFY(limiter.admit(u"s"_s, refusals).admitted());
        for (int i = 1; i < 50; ++i) {
            const RequestLimiter::Verdict verdict = limiter.admit(u"s"_s, refusals);
            QVERIFY(!verdict.admitted());
            QVERIFY2(!verdict.closeConnection, qPrintable(QString::number(i)));
        }
        const RequestLimiter::Verdict fiftieth = limiter.admit(u"s"_s, refusals);
        QVERIFY(!fiftieth.admitted());
        QVERIFY(fiftieth.closeConnection);
    }

    void refusalsSpreadOverMoreThanTenSecondsDoNotClose()
    {
        // A client that backs off a little but not enough is slowed down, not cut off.
        test::FakeClock clock;
        RequestLimiter limiter(clock, 1, 1);
        RefusalWindow refusals;
        for (int i = 0; i < 300; ++i) {
            // 5 requests per second against 1 per second: 4 of them refused, 40 per 10 s.
            const RequestLimiter::Verdict verdict = limiter.admit(u"s"_s, refusals);
            QVERIFY2(!verdict.closeConnection, qPrintable(QString::number(i)));
            clock.advance(200);
        }
        QVERIFY(refusals.count(clock.nowMs()) < RefusalWindow::DefaultThreshold);
    }

    void refusalWindowSlides()
    {
        RefusalWindow window(3, 10'000);
        QVERIFY(!window.record(0));
        QVERIFY(!window.record(5'000));
        QVERIFY(!window.record(10'000)); // the one at 0 left the window exactly now
        QCOMPARE(window.count(10'000), 2);
        QVERIFY(window.record(14'999));
        QCOMPARE(window.count(100'000), 0);
    }

    void zeroMeansUnlimited_data()
    {
        QTest::addColumn<int>("burst");
        QTest::addColumn<int>("perSecond");
        QTest::newRow("burst 0") << 0 << 100;
        QTest::newRow("rate 0") << 200 << 0;
    }

    void zeroMeansUnlimited()
    {
        QFETCH(int, burst);
        QFETCH(int, perSecond);
        test::FakeClock clock;
        RequestLimiter limiter(clock, burst, perSecond);
        QVERIFY(!limiter.isEnabled());
        RefusalWindow refusals;
        for (int i = 0; i < 10'000; ++i)
            QVERIFY(limiter.admit(u"s"_s, refusals).admitted());
        QCOMPARE(limiter.trackedUsers(), 0);
    }

    void idleUsersAreForgotten()
    {
        test::FakeClock clock;
        RequestLimiter limiter(clock, 2, 100);
        RefusalWindow refusals;
        for (int i = 0; i < 10'000; ++i) {
            QVERIFY(limiter.admit(u"u_%1"_s.arg(i), refusals).admitted());
            clock.advance(1);
        }
        QVERIFY2(limiter.trackedUsers() < 2100, qPrintable(QString::number(limiter.trackedUsers())));
    }
};

QTEST_GUILESS_MAIN(TestRequestLimiter)
#include "tst_requestlimiter.moc"
