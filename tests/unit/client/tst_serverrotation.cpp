// ServerRotation: round robin over the servers, backoff only after a full failed pass, on a fake clock.
#include <QTest>

#include "client/serverrotation.h"
#include "fakeclock.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

const QUrl A(u"ws://10.0.0.1:8765/ws"_s);
const QUrl B(u"ws://10.0.0.2:8765/ws"_s);
const QUrl C(u"ws://10.0.0.3:8765/ws"_s);

/// 1 s base, 8 s cap, equal jitter at its lower bound: delays of exactly 500, 1000, 2000, 4000 ms.
Backoff predictableBackoff()
{
    return Backoff(1000, 8000, Backoff::Jitter::Equal, [] { return 0.0; });
}

} // namespace

class TestServerRotation : public QObject
{
    Q_OBJECT

private slots:
    void startsAtTheFirstServer()
    {
        FakeClock clock;
        ServerRotation rotation(clock, predictableBackoff());
        QVERIFY(rotation.current().isEmpty());
        rotation.setServers({A, B, C});
        QCOMPARE(rotation.current(), A);
        QCOMPARE(rotation.currentIndex(), 0);
        QCOMPARE(rotation.failures(), 0);
        QCOMPARE(rotation.dueInMs(), 0);
    }

    void failsOverAtOnceUntilAPassFailed()
    {
        FakeClock clock;
        ServerRotation rotation(clock, predictableBackoff());
        rotation.setServers({A, B, C});

        ServerRotation::Step step = rotation.fail();
        QCOMPARE(step.server, B);
        QCOMPARE(step.delayMs, 0);
        QVERIFY(!step.passFailed);
        step = rotation.fail();
        QCOMPARE(step.server, C);
        QCOMPARE(step.delayMs, 0);
        QVERIFY(!step.passFailed);
        QCOMPARE(rotation.backoff().attempt(), 0);

        // Third failure in a row: every server failed, so the backoff applies, back at the first.
        step = rotation.fail();
        QCOMPARE(step.server, A);
        QVERIFY(step.passFailed);
        QCOMPARE(step.delayMs, 500);
        QCOMPARE(rotation.failures(), 3);
        QCOMPARE(rotation.dueInMs(), 500);
        clock.advance(200);
        QCOMPARE(rotation.dueInMs(), 300);
        clock.advance(1000);
        QCOMPARE(rotation.dueInMs(), 0);
    }

    void eachFurtherPassWaitsLonger()
    {
        FakeClock clock;
        ServerRotation rotation(clock, predictableBackoff());
        rotation.setServers({A, B});
        QList<qint64> delays;
        for (int i = 0; i < 8; ++i)
            delays.append(rotation.fail().delayMs);
        QCOMPARE(delays, (QList<qint64>{0, 500, 0, 1000, 0, 2000, 0, 4000}));
        QCOMPARE(rotation.backoff().attempt(), 4);
        QCOMPARE(rotation.current(), A);
    }

    void oneServerIsPlainBackoff()
    {
        FakeClock clock;
        ServerRotation rotation(clock, predictableBackoff());
        rotation.setServers({A});
        for (const qint64 expected : {500, 1000, 2000}) {
            const ServerRotation::Step step = rotation.fail();
            QCOMPARE(step.server, A);
            QVERIFY(step.passFailed);
            QCOMPARE(step.delayMs, expected);
        }
    }

    void aPassCanBeginAtAnyServer()
    {
        // Signed in on B after A failed; then B drops: C next at once, then A, and only when B
        // (where this run began) fails again is the pass complete.
        FakeClock clock;
        ServerRotation rotation(clock, predictableBackoff());
        rotation.setServers({A, B, C});
        rotation.fail();
        QCOMPARE(rotation.current(), B);
        rotation.succeed();
        QCOMPARE(rotation.failures(), 0);
        QCOMPARE(rotation.fail().server, C);
        ServerRotation::Step step = rotation.fail();
        QCOMPARE(step.server, A);
        QVERIFY(!step.passFailed);
        step = rotation.fail();
        QCOMPARE(step.server, B);
        QVERIFY(step.passFailed);
        QCOMPARE(step.delayMs, 500);
    }

    void dropRetriesTheSameServerFirst()
    {
        // A blip on a signed-in link must not move the client to another instance: the same
        // server first, after a backoff delay; only its failure starts a pass over the others.
        FakeClock clock;
        ServerRotation rotation(clock, predictableBackoff());
        rotation.setServers({A, B});
        rotation.succeed();
        ServerRotation::Step step = rotation.drop();
        QCOMPARE(step.server, A);
        QCOMPARE(step.delayMs, 500);
        QVERIFY(!step.passFailed);
        QCOMPARE(rotation.failures(), 1);
        QCOMPARE(rotation.dueInMs(), 500);
        step = rotation.fail();
        QCOMPARE(step.server, B);
        QCOMPARE(step.delayMs, 0);
        QCOMPARE(rotation.failures(), 2);
        step = rotation.fail();
        QCOMPARE(step.server, A);
        QVERIFY(step.passFailed);
        QVERIFY(step.delayMs > 500);
    }

    void backoffStartsOverOnlyAfterAStableLink()
    {
        FakeClock clock;
        ServerRotation rotation(clock, predictableBackoff());
        rotation.setServers({A, B});
        for (int i = 0; i < 4; ++i)
            rotation.fail();
        QCOMPARE(rotation.backoff().attempt(), 2);
        rotation.succeed();
        QCOMPARE(rotation.failures(), 0);
        QCOMPARE(rotation.current(), A); // stays on the server that worked
        // Dropped at once again (e.g. the server accepts and then fails every session): the
        // delays keep growing instead of hammering it.
        const qint64 quickDropDelay = rotation.drop().delayMs;
        QCOMPARE(rotation.backoff().attempt(), 3);
        QVERIFY(quickDropDelay > 500);
        rotation.succeed();
        clock.advance(ServerRotation::StableLinkMs);
        QCOMPARE(rotation.drop().delayMs, 500);
        QCOMPARE(rotation.backoff().attempt(), 1);
    }

    void restartKeepsTheServerAndStartsAFreshPass()
    {
        FakeClock clock;
        ServerRotation rotation(clock, predictableBackoff());
        rotation.setServers({A, B, C});
        rotation.fail();
        QCOMPARE(rotation.current(), B);
        rotation.restart();
        QCOMPARE(rotation.current(), B);
        QCOMPARE(rotation.failures(), 0);
        QVERIFY(!rotation.fail().passFailed);
        QVERIFY(!rotation.fail().passFailed);
        QVERIFY(rotation.fail().passFailed);
    }

    void newListStartsOver()
    {
        FakeClock clock;
        ServerRotation rotation(clock, predictableBackoff());
        rotation.setServers({A, B});
        rotation.fail();
        rotation.fail();
        rotation.setServers({C, A});
        QCOMPARE(rotation.current(), C);
        QCOMPARE(rotation.failures(), 0);
        QCOMPARE(rotation.backoff().attempt(), 0);
        QCOMPARE(rotation.dueInMs(), 0);
    }

    void emptyListStaysEmpty()
    {
        FakeClock clock;
        ServerRotation rotation(clock, predictableBackoff());
        rotation.setServers({});
        const ServerRotation::Step step = rotation.fail();
        QVERIFY(step.server.isEmpty());
        QVERIFY(step.passFailed);
    }
};

QTEST_GUILESS_MAIN(TestServerRotation)
#include "tst_serverrotation.moc"
