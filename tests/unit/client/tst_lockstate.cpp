#include <QSignalSpy>
#include <QTest>

#include "client/lockstate.h"

using namespace recordlock;
using namespace Qt::StringLiterals;

using Status = LockState::Status;

namespace {

const QString RecordId = u"CL-2026-0042"_s;

LockInfo freeLock(qint64 seq)
{
    LockInfo lock;
    lock.recordId = RecordId;
    lock.seq = seq;
    return lock;
}

/// A lock held by Alice, as seen by Bob (other), Alice's other window (elsewhere) or Alice's window (mine).
enum class Whose { Other, Elsewhere, Mine };

LockInfo heldLock(qint64 seq, Whose whose = Whose::Other, qint64 token = 41)
{
    LockInfo lock = freeLock(seq);
    lock.held = true;
    lock.holderHandle = u"u_6f1c0a9d2b"_s;
    lock.holderName = u"Alice Archer"_s;
    lock.since = 1'000;
    lock.expiresAt = 121'000 + seq;
    lock.sameUser = whose != Whose::Other;
    lock.sameSession = whose == Whose::Mine;
    lock.token = whose == Whose::Mine ? token : 0;
    return lock;
}

} // namespace

/// LockState: transitions from snapshots and events, seq handling, Offline, lockLost reasons.
class TestLockState : public QObject
{
    Q_OBJECT

private slots:
    void startsUnknown()
    {
        LockState state(RecordId);
        QCOMPARE(state.recordId(), RecordId);
        QCOMPARE(state.status(), Status::Unknown);
        QCOMPARE(state.token(), 0);
    }

    void snapshotStatus_data()
    {
        QTest::addColumn<LockInfo>("lock");
        QTest::addColumn<int>("status");
        QTest::newRow("free") << freeLock(12) << int(Status::Free);
        QTest::newRow("other") << heldLock(12, Whose::Other) << int(Status::HeldByOther);
        QTest::newRow("elsewhere") << heldLock(12, Whose::Elsewhere) << int(Status::HeldByMeElsewhere);
        QTest::newRow("mine") << heldLock(12, Whose::Mine) << int(Status::HeldByMe);
    }

    void snapshotStatus()
    {
        QFETCH(LockInfo, lock);
        QFETCH(int, status);
        LockState state(RecordId);
        QSignalSpy statusSpy(&state, &LockState::statusChanged);
        QSignalSpy changedSpy(&state, &LockState::changed);
        state.applySnapshot(lock);
        QCOMPARE(state.status(), Status(status));
        QCOMPARE(statusSpy.count(), 1);
        QCOMPARE(statusSpy.at(0).at(0).value<Status>(), Status(status));
        QCOMPARE(changedSpy.count(), 1);
        QCOMPARE(state.seq(), 12);
        QCOMPARE(state.holderName(), lock.holderName);
        QCOMPARE(state.expiresAt(), lock.expiresAt);
        QCOMPARE(state.token(), Status(status) == Status::HeldByMe ? 41 : 0);
    }

    void eventsInSequence()
    {
        LockState state(RecordId);
        QSignalSpy holderSpy(&state, &LockState::holderChanged);
        QSignalSpy resyncSpy(&state, &LockState::resyncNeeded);
        state.applySnapshot(freeLock(12));

        state.applyAcquired(heldLock(13));
        QCOMPARE(state.status(), Status::HeldByOther);
        QCOMPARE(state.holderName(), u"Alice Archer"_s);
        QCOMPARE(state.seq(), 13);

        state.applyRenewed(heldLock(14));
        QCOMPARE(state.expiresAt(), heldLock(14).expiresAt);

        LockInfo gone = heldLock(15);
        gone.connected = false;
        gone.orphanDeadline = 200'000;
        state.applyPresence(gone);
        QVERIFY(!state.isConnected());
        QCOMPARE(state.orphanDeadline(), 200'000);
        QCOMPARE(state.status(), Status::HeldByOther);

        state.applyPresence(heldLock(16));
        QVERIFY(state.isConnected());

        state.applyReleased(freeLock(17), u"released"_s);
        QCOMPARE(state.status(), Status::Free);
        QVERIFY(state.holderName().isEmpty());

        state.applyAcquired(heldLock(18, Whose::Elsewhere));
        QCOMPARE(state.status(), Status::HeldByMeElsewhere);
        state.applyExpired(freeLock(19));
        QCOMPARE(state.status(), Status::Free);

        QCOMPARE(state.seq(), 19);
        QCOMPARE(resyncSpy.count(), 0);
        // free -> Alice -> free -> Alice elsewhere -> free (renew and presence keep the holder)
        QCOMPARE(holderSpy.count(), 4);
    }

    void overrideMovesToNewHolder()
    {
        LockState state(RecordId);
        state.applySnapshot(heldLock(20, Whose::Other));
        LockInfo admin = heldLock(21);
        admin.holderHandle = u"u_admin"_s;
        admin.holderName = u"Ada Admin"_s;
        state.applyOverride(admin);
        QCOMPARE(state.status(), Status::HeldByOther);
        QCOMPARE(state.holderName(), u"Ada Admin"_s);
    }

    void overrideDisplacesThisWindowAndNamesTheAdmin()
    {
        LockState state(RecordId);
        state.applySnapshot(heldLock(30, Whose::Mine));
        QCOMPARE(state.status(), Status::HeldByMe);
        LockInfo carol = heldLock(31);
        carol.holderHandle = u"u_carol"_s;
        carol.holderName = u"Carol White"_s;
        LockOverride details;
        details.previous = Holder{u"u_6f1c0a9d2b"_s, u"Alice Archer"_s, true, true};
        details.by = Holder{u"u_carol"_s, u"Carol White"_s, false, false};
        details.reason = u"Customer on the phone"_s;
        // The details must be readable from inside lockLost, where the editor picks them up.
        LockOverride seenAtLoss;
        connect(&state, &LockState::lockLost, this, [&state, &seenAtLoss] { seenAtLoss = state.lastOverride(); });
        QSignalSpy lostSpy(&state, &LockState::lockLost);
        state.applyOverride(carol, details);
        QCOMPARE(lostSpy.count(), 1);
        QCOMPARE(lostSpy.at(0).at(0).toString(), QString(LockState::ReasonOverridden));
        QCOMPARE(seenAtLoss, details);
        QCOMPARE(state.status(), Status::HeldByOther);
        QCOMPARE(state.holderName(), u"Carol White"_s);
        QCOMPARE(state.token(), 0);
        QCOMPARE(state.seq(), 31);
        QVERIFY(state.lastOverride().isValid());
    }

    void staleOverrideChangesNothing()
    {
        LockState state(RecordId);
        state.applySnapshot(heldLock(40, Whose::Mine));
        LockOverride details;
        details.by = Holder{u"u_carol"_s, u"Carol White"_s, false, false};
        details.reason = u"late"_s;
        QSignalSpy lostSpy(&state, &LockState::lockLost);
        QSignalSpy changedSpy(&state, &LockState::changed);
        state.applyOverride(heldLock(40, Whose::Other), details);
        state.applyOverride(heldLock(39, Whose::Other), details);
        QCOMPARE(lostSpy.count(), 0);
        QCOMPARE(changedSpy.count(), 0);
        QCOMPARE(state.status(), Status::HeldByMe);
        QVERIFY(!state.lastOverride().isValid());
    }

    void overrideWithGapAppliesAndAsksForResync()
    {
        LockState state(RecordId);
        state.applySnapshot(heldLock(10, Whose::Other));
        QSignalSpy resyncSpy(&state, &LockState::resyncNeeded);
        LockOverride details;
        details.by = Holder{u"u_carol"_s, u"Carol White"_s, false, false};
        state.applyOverride(heldLock(13, Whose::Mine, 77), details);
        QCOMPARE(state.status(), Status::HeldByMe);
        QCOMPARE(state.token(), 77);
        QCOMPARE(resyncSpy.count(), 1);
        QCOMPARE(state.lastOverride().by.displayName, u"Carol White"_s);
    }

    void gapAppliesAndAsksForResync()
    {
        LockState state(RecordId);
        QSignalSpy resyncSpy(&state, &LockState::resyncNeeded);
        state.applySnapshot(freeLock(12));
        state.applyAcquired(heldLock(15));
        QCOMPARE(state.status(), Status::HeldByOther);
        QCOMPARE(state.seq(), 15);
        QCOMPARE(resyncSpy.count(), 1);
        QCOMPARE(resyncSpy.at(0).at(0).toString(), RecordId);
    }

    void staleEventIgnored()
    {
        LockState state(RecordId);
        state.applySnapshot(heldLock(13));
        QSignalSpy changedSpy(&state, &LockState::changed);
        QSignalSpy resyncSpy(&state, &LockState::resyncNeeded);
        state.applyReleased(freeLock(13), u"released"_s);
        state.applyExpired(freeLock(10));
        QCOMPARE(state.status(), Status::HeldByOther);
        QCOMPARE(state.seq(), 13);
        QCOMPARE(changedSpy.count(), 0);
        QCOMPARE(resyncSpy.count(), 0);
    }

    void olderSnapshotIgnored()
    {
        LockState state(RecordId);
        state.applySnapshot(heldLock(13));
        state.applySnapshot(freeLock(12));
        QCOMPARE(state.status(), Status::HeldByOther);
        QCOMPARE(state.seq(), 13);
    }

    void recordUpdatedSharesTheCounter()
    {
        LockState state(RecordId);
        QSignalSpy resyncSpy(&state, &LockState::resyncNeeded);
        state.applySnapshot(heldLock(13));
        state.applyRecordUpdated(14);
        QCOMPARE(state.seq(), 14);
        state.applyReleased(freeLock(15), u"released"_s);
        QCOMPARE(state.status(), Status::Free);
        QCOMPARE(resyncSpy.count(), 0);
        state.applyRecordUpdated(15); // stale
        QCOMPARE(state.seq(), 15);
        state.applyRecordUpdated(18); // missed 16 and 17
        QCOMPARE(state.seq(), 18);
        QCOMPARE(resyncSpy.count(), 1);
    }

    void deniedIsASnapshot()
    {
        LockState state(RecordId);
        QSignalSpy resyncSpy(&state, &LockState::resyncNeeded);
        state.applySnapshot(freeLock(12));
        state.setPending();
        // lock_denied carries the current seq (not advanced): here 13, after an acquire we did not see.
        state.applyDenied(heldLock(13));
        QCOMPARE(state.status(), Status::HeldByOther);
        QCOMPARE(state.seq(), 13);
        QCOMPARE(resyncSpy.count(), 0);
        state.applyDenied(heldLock(11));
        QCOMPARE(state.seq(), 13);
    }

    void pendingAndBack()
    {
        LockState state(RecordId);
        state.applySnapshot(freeLock(12));
        QSignalSpy statusSpy(&state, &LockState::statusChanged);
        state.setPending();
        QCOMPARE(state.status(), Status::Pending);
        state.setPending();
        QCOMPARE(statusSpy.count(), 1);
        state.cancelPending();
        QCOMPARE(state.status(), Status::Free);
        QCOMPARE(statusSpy.count(), 2);
        state.cancelPending(); // not pending: no effect
        QCOMPARE(statusSpy.count(), 2);

        state.setPending();
        state.applyAcquired(heldLock(13, Whose::Mine));
        QCOMPARE(state.status(), Status::HeldByMe);
        QCOMPARE(state.token(), 41);
        // The acquire reply repeats the event's lock: same seq, no change.
        QSignalSpy changedSpy(&state, &LockState::changed);
        state.applySnapshot(heldLock(13, Whose::Mine));
        QCOMPARE(changedSpy.count(), 0);
    }

    void offlineKeepsHolderAndTakesNextSnapshot()
    {
        LockState state(RecordId);
        state.applySnapshot(heldLock(30));
        QSignalSpy statusSpy(&state, &LockState::statusChanged);
        state.setOffline();
        QCOMPARE(state.status(), Status::Offline);
        QCOMPARE(state.holderName(), u"Alice Archer"_s);
        QCOMPARE(state.seq(), 30);
        state.setOffline();
        QCOMPARE(statusSpy.count(), 1);

        // After a reconnect the subscribe reply is the new baseline, whatever its seq.
        state.applySnapshot(heldLock(29));
        QCOMPARE(state.status(), Status::HeldByOther);
        QCOMPARE(state.seq(), 29);

        state.setOffline();
        QSignalSpy resyncSpy(&state, &LockState::resyncNeeded);
        state.applyReleased(freeLock(40), u"released"_s);
        QCOMPARE(state.status(), Status::Free);
        QCOMPARE(resyncSpy.count(), 0);
    }

    void unsequencedFreeAcceptsNextEvent()
    {
        LockState state(RecordId);
        QSignalSpy resyncSpy(&state, &LockState::resyncNeeded);
        state.applySnapshot(heldLock(5));
        state.applyUnsequencedFree();
        QCOMPARE(state.status(), Status::Free);
        state.applyAcquired(heldLock(9));
        QCOMPARE(state.status(), Status::HeldByOther);
        QCOMPARE(resyncSpy.count(), 0);
        state.applyRenewed(heldLock(11));
        QCOMPARE(resyncSpy.count(), 1);
    }

    void lockLostReasons_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("reason");
        QTest::newRow("released") << u"released"_s << u"released"_s;
        QTest::newRow("logout") << u"logout"_s << u"logout"_s;
        QTest::newRow("disconnected") << u"disconnected"_s << u"disconnected"_s;
        QTest::newRow("switched") << u"switched"_s << u"switched"_s;
        QTest::newRow("expired") << u"expired"_s << u"expired"_s;
        QTest::newRow("override") << u"override"_s << u"overridden"_s;
        QTest::newRow("acquired by other") << u"acquired"_s << u"lost"_s;
    }

    void lockLostReasons()
    {
        QFETCH(QString, event);
        QFETCH(QString, reason);
        LockState state(RecordId);
        state.applySnapshot(heldLock(50, Whose::Mine));
        QSignalSpy lostSpy(&state, &LockState::lockLost);
        if (event == u"expired")
            state.applyExpired(freeLock(51));
        else if (event == u"override")
            state.applyOverride(heldLock(51, Whose::Other));
        else if (event == u"acquired")
            state.applyAcquired(heldLock(51, Whose::Other));
        else
            state.applyReleased(freeLock(51), event);
        QCOMPARE(lostSpy.count(), 1);
        QCOMPARE(lostSpy.at(0).at(0).toString(), reason);
        QCOMPARE(state.token(), 0);
    }

    void noLockLostForOthersLocks()
    {
        LockState state(RecordId);
        QSignalSpy lostSpy(&state, &LockState::lockLost);
        state.applySnapshot(heldLock(50, Whose::Elsewhere));
        state.applyReleased(freeLock(51), u"released"_s);
        state.applyAcquired(heldLock(52, Whose::Mine));
        state.applyRenewed(heldLock(53, Whose::Mine));
        QCOMPARE(lostSpy.count(), 0);
    }

    void lostWhileOffline()
    {
        LockState state(RecordId);
        state.applySnapshot(heldLock(50, Whose::Mine));
        QSignalSpy lostSpy(&state, &LockState::lockLost);
        state.setOffline();
        QCOMPARE(lostSpy.count(), 0); // the server keeps it through the orphan grace
        state.applySnapshot(freeLock(52), u"disconnected"_s);
        QCOMPARE(lostSpy.count(), 1);
        QCOMPARE(lostSpy.at(0).at(0).toString(), u"disconnected"_s);
    }

    void resumedAfterOffline()
    {
        LockState state(RecordId);
        state.applySnapshot(heldLock(50, Whose::Mine, 77));
        QSignalSpy lostSpy(&state, &LockState::lockLost);
        state.setOffline();
        QCOMPARE(state.token(), 0);
        state.applySnapshot(heldLock(51, Whose::Mine, 77), u"disconnected"_s);
        QCOMPARE(state.status(), Status::HeldByMe);
        QCOMPARE(state.token(), 77);
        QCOMPARE(lostSpy.count(), 0);
    }

    void pendingFromOfflineKeepsOwnership()
    {
        LockState state(RecordId);
        state.applySnapshot(heldLock(50, Whose::Mine));
        state.setOffline();
        state.setPending();
        state.setOffline(); // the acquire was answered "offline"
        QSignalSpy lostSpy(&state, &LockState::lockLost);
        state.applySnapshot(heldLock(52, Whose::Other), u"disconnected"_s);
        QCOMPARE(lostSpy.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestLockState)
#include "tst_lockstate.moc"
