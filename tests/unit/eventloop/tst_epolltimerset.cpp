#include <QObject>
#include <QTest>

#include "eventloop/epolltimerset.h"

using namespace recordlock;

namespace {
constexpr qint64 ms = 1'000'000;
constexpr qint64 start = 1'000'000 * ms + 123 * ms; // an arbitrary monotonic time, not on a round second
} // namespace

/// Deadline rules of EpollTimerSet with injected time.
class TestEpollTimerSet : public QObject
{
    Q_OBJECT
private slots:
    void preciseTimerKeepsItsPhase()
    {
        EpollTimerSet set;
        QObject owner;
        set.add(1, 10, Qt::PreciseTimer, &owner, start);
        QCOMPARE(set.deadlineNs(1), start + 10 * ms);
        QCOMPARE(set.remainingMs(1, start + 3 * ms), 7);
        QVERIFY(set.dueIds(start + 9 * ms).empty());
        QCOMPARE(set.beginFire(1, start + 11 * ms), &owner);
        set.endFire(1);
        // Fired 1 ms late, the next deadline stays on the 10 ms grid.
        QCOMPARE(set.deadlineNs(1), start + 20 * ms);
        // Very late: no burst of catch-up events, restart from now.
        QCOMPARE(set.beginFire(1, start + 95 * ms), &owner);
        set.endFire(1);
        QCOMPARE(set.deadlineNs(1), start + 105 * ms);
    }

    void dueTimersComeEarliestFirstAndFifoAmongEquals()
    {
        EpollTimerSet set;
        QObject owner;
        set.add(3, 30, Qt::PreciseTimer, &owner, start);
        set.add(1, 10, Qt::PreciseTimer, &owner, start);
        set.add(2, 10, Qt::PreciseTimer, &owner, start);
        QCOMPARE(set.dueIds(start + 40 * ms), (std::vector<int>{1, 2, 3}));
        QCOMPARE(*set.waitNs(start), 10 * ms);
        QVERIFY(!EpollTimerSet().waitNs(start).has_value());
    }

    void coarseTimerSnapsWithinFivePercent()
    {
        EpollTimerSet set;
        QObject owner;
        set.add(1, 1000, Qt::CoarseTimer, &owner, start);
        const qint64 deadline = set.deadlineNs(1);
        QVERIFY(qAbs(deadline - (start + 1000 * ms)) <= 50 * ms);
        QCOMPARE(deadline % (50 * ms), 0); // snapped to a round boundary
        // Short coarse timers are precise, long ones very coarse (as in Qt).
        set.add(2, 15, Qt::CoarseTimer, &owner, start);
        set.add(3, 25'000, Qt::CoarseTimer, &owner, start);
        const auto timers = set.timersFor(&owner);
        QCOMPARE(timers.size(), 3);
        QCOMPARE(timers.at(1).timerType, Qt::PreciseTimer);
        QCOMPARE(timers.at(2).timerType, Qt::VeryCoarseTimer);
    }

    void veryCoarseTimerUsesWholeSeconds()
    {
        EpollTimerSet set;
        QObject owner;
        set.add(1, 2400, Qt::VeryCoarseTimer, &owner, start);
        QCOMPARE(set.deadlineNs(1) % (1000 * ms), 0);
        QCOMPARE(set.deadlineNs(1), start - 123 * ms + 2000 * ms);
    }

    void zeroTimerIsDueEveryPassButOncePerPass()
    {
        EpollTimerSet set;
        QObject owner;
        set.add(1, 0, Qt::CoarseTimer, &owner, start);
        QCOMPARE(*set.waitNs(start), 0);
        QCOMPARE(set.beginFire(1, start), &owner);
        // Re-entry while its handler runs (a nested loop) is refused.
        QCOMPARE(set.beginFire(1, start), nullptr);
        set.endFire(1);
        QCOMPARE(set.beginFire(1, start), &owner);
        set.endFire(1);
    }

    void removalByIdAndByObject()
    {
        EpollTimerSet set;
        QObject a;
        QObject b;
        set.add(1, 10, Qt::PreciseTimer, &a, start);
        set.add(2, 10, Qt::PreciseTimer, &a, start);
        set.add(3, 10, Qt::PreciseTimer, &b, start);
        QVERIFY(set.remove(2));
        QVERIFY(!set.remove(2));
        QVERIFY(set.removeAll(&a));
        QVERIFY(!set.removeAll(&a));
        QCOMPARE(set.size(), 1u);
        QCOMPARE(set.remainingMs(1, start), -1);
        QCOMPARE(set.dueIds(start + 20 * ms), std::vector<int>{3});
        // A timer removed after dueIds() was taken is skipped.
        QVERIFY(set.remove(3));
        QCOMPARE(set.beginFire(3, start + 20 * ms), nullptr);
    }
};

QTEST_APPLESS_MAIN(TestEpollTimerSet)
#include "tst_epolltimerset.moc"
