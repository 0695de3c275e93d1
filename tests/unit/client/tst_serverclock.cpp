#include <QTest>

#include "client/serverclock.h"
#include "fakeclock.h"

using namespace recordlock;

/// ServerClock: countdowns follow the server's clock however skewed the local one is.
class TestServerClock : public QObject
{
    Q_OBJECT

private slots:
    void withoutSampleUsesLocalClock()
    {
        test::FakeClock local(1'000'000);
        const ServerClock clock(local);
        QVERIFY(!clock.hasSample());
        QCOMPARE(clock.offsetMs(), 0);
        QCOMPARE(clock.serverNowMs(), 1'000'000);
    }

    void countdownIgnoresLocalSkew_data()
    {
        QTest::addColumn<qint64>("skewMs");
        QTest::newRow("local one hour behind") << qint64(-3'600'000);
        QTest::newRow("local ten minutes ahead") << qint64(600'000);
        QTest::newRow("in sync") << qint64(0);
    }

    void countdownIgnoresLocalSkew()
    {
        QFETCH(qint64, skewMs);
        const qint64 serverNow = 1'763'776'800'000;
        test::FakeClock local(serverNow + skewMs);
        ServerClock clock(local);

        // A lock that expires in 120 s, told by a message sent at serverNow.
        const qint64 expiresAt = serverNow + 120'000;
        clock.observe(serverNow);
        QVERIFY(clock.hasSample());
        QCOMPARE(clock.offsetMs(), -skewMs);
        QCOMPARE(clock.serverNowMs(), serverNow);
        QCOMPARE(clock.msUntil(expiresAt), 120'000);

        local.advance(30'000);
        QCOMPARE(clock.serverNowMs(), serverNow + 30'000);
        QCOMPARE(clock.msUntil(expiresAt), 90'000);

        local.advance(100'000);
        QCOMPARE(clock.msUntil(expiresAt), -10'000);
    }

    void latestMessageWins()
    {
        test::FakeClock local(5'000);
        ServerClock clock(local);
        clock.observe(10'000);
        QCOMPARE(clock.offsetMs(), 5'000);
        // The local clock was stepped back by an hour; the next message corrects the offset at once.
        local.set(5'000 - 3'600'000);
        clock.observe(10'100);
        QCOMPARE(clock.serverNowMs(), 10'100);
        QCOMPARE(clock.msUntil(12'100), 2'000);
    }

    void zeroServerTimeIsIgnored()
    {
        test::FakeClock local(5'000);
        ServerClock clock(local);
        clock.observe(9'000);
        clock.observe(0);
        QCOMPARE(clock.offsetMs(), 4'000);
    }
};

QTEST_GUILESS_MAIN(TestServerClock)
#include "tst_serverclock.moc"
