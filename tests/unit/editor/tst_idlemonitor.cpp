// IdleMonitor (pure: active → warning → expired) and IdleGuard (its signals), driven by a FakeClock.

#include <QSignalSpy>
#include <QTest>

#include "editor/idleguard.h"
#include "editor/idlemonitor.h"
#include "fakeclock.h"

using namespace recordlock;
using namespace recordlock::test;

using State = IdleMonitor::State;

class TestIdleMonitor : public QObject
{
    Q_OBJECT

private slots:
    void activeThenWarningThenExpired();
    void activityResets();
    void keepEditingDuringWarningCancelsIt();
    void clockGoingBackCountsAsActive();
    void newThresholdsApplyToRunningIdleTime();
    void guardAnnouncesWarningOnceAndExpiry();
    void guardActivityCancelsWarning();
    void guardStoppedIsSilent();
};

void TestIdleMonitor::activeThenWarningThenExpired()
{
    FakeClock clock;
    IdleMonitor monitor(clock, 10'000, 3'000);
    QCOMPARE(monitor.state(), State::Active);
    QCOMPARE(monitor.remainingMs(), 10'000);

    clock.advance(9'999);
    QCOMPARE(monitor.state(), State::Active);
    QCOMPARE(monitor.remainingMs(), 1);

    clock.advance(1);
    QCOMPARE(monitor.state(), State::Warning);
    QCOMPARE(monitor.remainingMs(), 3'000);

    clock.advance(2'500);
    QCOMPARE(monitor.state(), State::Warning);
    QCOMPARE(monitor.remainingMs(), 500);
    QCOMPARE(monitor.idleMs(), 12'500);

    clock.advance(500);
    QCOMPARE(monitor.state(), State::Expired);
    QCOMPARE(monitor.remainingMs(), 0);
}

void TestIdleMonitor::activityResets()
{
    FakeClock clock;
    IdleMonitor monitor(clock, 1'000, 500);
    clock.advance(900);
    monitor.reset();
    clock.advance(900);
    QCOMPARE(monitor.state(), State::Active);
    QCOMPARE(monitor.idleMs(), 900);
}

void TestIdleMonitor::keepEditingDuringWarningCancelsIt()
{
    FakeClock clock;
    IdleMonitor monitor(clock, 1'000, 500);
    clock.advance(1'200);
    QCOMPARE(monitor.state(), State::Warning);
    monitor.reset(); // "Keep editing"
    QCOMPARE(monitor.state(), State::Active);
    clock.advance(1'499);
    QCOMPARE(monitor.state(), State::Warning);
    clock.advance(1);
    QCOMPARE(monitor.state(), State::Expired);
}

void TestIdleMonitor::clockGoingBackCountsAsActive()
{
    FakeClock clock;
    IdleMonitor monitor(clock, 1'000, 500);
    clock.set(clock.nowMs() - 60'000);
    QCOMPARE(monitor.idleMs(), 0);
    QCOMPARE(monitor.state(), State::Active);
}

void TestIdleMonitor::newThresholdsApplyToRunningIdleTime()
{
    FakeClock clock;
    IdleMonitor monitor(clock, 10'000, 1'000);
    clock.advance(2'000);
    monitor.setThresholds(1'500, 1'000);
    QCOMPARE(monitor.state(), State::Warning);
    QCOMPARE(monitor.remainingMs(), 500);
}

void TestIdleMonitor::guardAnnouncesWarningOnceAndExpiry()
{
    FakeClock clock;
    IdleGuard guard(clock, 1'000, 500, 60'000);
    QSignalSpy warned(&guard, &IdleGuard::warningStarted);
    QSignalSpy expired(&guard, &IdleGuard::expired);
    guard.start();
    QVERIFY(guard.isRunning());

    clock.advance(1'100);
    guard.check();
    guard.check();
    QCOMPARE(warned.count(), 1);
    QCOMPARE(warned.first().first().toLongLong(), 400);
    QVERIFY(guard.isWarning());
    QCOMPARE(guard.warningRemainingMs(), 400);
    QCOMPARE(expired.count(), 0);

    clock.advance(400);
    guard.check();
    QCOMPARE(expired.count(), 1);
    QVERIFY(!guard.isRunning());
    QVERIFY(!guard.isWarning());
    guard.check();
    QCOMPARE(expired.count(), 1);
}

void TestIdleMonitor::guardActivityCancelsWarning()
{
    FakeClock clock;
    IdleGuard guard(clock, 1'000, 500, 60'000);
    QSignalSpy cancelled(&guard, &IdleGuard::warningCancelled);
    QSignalSpy expired(&guard, &IdleGuard::expired);
    guard.start();
    clock.advance(1'200);
    guard.check();
    QVERIFY(guard.isWarning());

    guard.noteActivity();
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!guard.isWarning());
    QCOMPARE(guard.warningRemainingMs(), 0);

    clock.advance(900);
    guard.check();
    QCOMPARE(expired.count(), 0);
    QVERIFY(!guard.isWarning());
}

void TestIdleMonitor::guardStoppedIsSilent()
{
    FakeClock clock;
    IdleGuard guard(clock, 1'000, 500, 60'000);
    QSignalSpy warned(&guard, &IdleGuard::warningStarted);
    QSignalSpy expired(&guard, &IdleGuard::expired);
    clock.advance(5'000);
    guard.check(); // never started
    guard.start();
    guard.stop();
    clock.advance(5'000);
    guard.check();
    QCOMPARE(warned.count(), 0);
    QCOMPARE(expired.count(), 0);
}

QTEST_GUILESS_MAIN(TestIdleMonitor)
#include "tst_idlemonitor.moc"
