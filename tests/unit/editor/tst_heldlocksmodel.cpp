// HeldLocksModel follows the LockService's states without a server: rows appear when a lock is
// taken, change in place, and go when it is freed; a lock_override event moves a row to the admin
// and reaches the LockState with who and why.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "client/connection.h"
#include "client/lockevents.h"
#include "client/lockservice.h"
#include "common/systemclock.h"
#include "editor/heldlocksmodel.h"
#include "protocol/codec.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

LockInfo freeLock(const QString &recordId, qint64 seq)
{
    LockInfo lock;
    lock.recordId = recordId;
    lock.seq = seq;
    return lock;
}

LockInfo heldLock(const QString &recordId, qint64 seq, const QString &name, bool connected = true)
{
    LockInfo lock = freeLock(recordId, seq);
    lock.held = true;
    lock.holderHandle = u"u_"_s + name.left(1).toLower();
    lock.holderName = name;
    lock.since = 1'763'776'790'000;
    lock.expiresAt = 1'763'776'910'000;
    lock.connected = connected;
    lock.orphanDeadline = connected ? 0 : 1'763'776'830'000;
    return lock;
}

ServerMessage overrideEvent(const QString &recordId, qint64 seq, const LockInfo &lock, const QString &reason)
{
    const QJsonObject body{
        {u"lock"_s, lock.toJson()},
        {u"previousHolder"_s, QJsonObject{{u"handle"_s, u"u_a"_s}, {u"displayName"_s, u"Alice Archer"_s},
                                          {u"sameUser"_s, false}, {u"sameSession"_s, false}}},
        {u"by"_s, QJsonObject{{u"handle"_s, u"u_c"_s}, {u"displayName"_s, u"Carol White"_s}}},
        {u"reason"_s, reason},
    };
    ServerMessage message;
    QString error;
    const QByteArray bytes = Codec::encodeEvent(QString(events::LockOverride), recordId, seq, 1'763'776'900'000, body);
    if (!Codec::decodeServerMessage(bytes, &message, &error))
        qFatal("test event does not decode: %s", qPrintable(error));
    return message;
}

} // namespace

class TestHeldLocksModel : public QObject
{
    Q_OBJECT

private slots:
    void followsTheStates()
    {
        SystemClock clock;
        Connection connection(clock);
        LockEvents events(nullptr);
        LockService locks(&connection, &events);
        locks.state(u"A-1"_s)->applySnapshot(heldLock(u"A-1"_s, 3, u"Alice Archer"_s));
        locks.state(u"B-2"_s)->applySnapshot(freeLock(u"B-2"_s, 7));

        HeldLocksModel model(&locks);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.recordIdAt(0), u"A-1"_s);
        QCOMPARE(model.index(0, HeldLocksModel::HolderColumn).data().toString(), u"Alice Archer"_s);
        QCOMPARE(model.index(0, HeldLocksModel::ConnectedColumn).data().toString(), u"Yes"_s);

        // Taken: a row appears.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        locks.state(u"B-2"_s)->applyAcquired(heldLock(u"B-2"_s, 8, u"Bob Baker"_s));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowOf(u"B-2"_s), 1);

        // A state created later (subscribe_all events introduce records) is followed too.
        locks.state(u"C-3"_s)->applySnapshot(heldLock(u"C-3"_s, 1, u"Bob Baker"_s, false));
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.index(model.rowOf(u"C-3"_s), HeldLocksModel::ConnectedColumn).data().toString().startsWith(u"No"_s));

        // Changed in place: the holder's connection drops.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        locks.state(u"A-1"_s)->applyPresence(heldLock(u"A-1"_s, 4, u"Alice Archer"_s, false));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.rowCount(), 3);

        // Freed: the row goes.
        locks.state(u"A-1"_s)->applyReleased(freeLock(u"A-1"_s, 5), u"released"_s);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(u"A-1"_s), -1);

        // Taken over: the row stays and names the administrator; the state knows who and why.
        events.handleEvent(overrideEvent(u"B-2"_s, 9, heldLock(u"B-2"_s, 9, u"Carol White"_s), u"urgent fix"_s));
        const int row = model.rowOf(u"B-2"_s);
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, HeldLocksModel::HolderColumn).data().toString(), u"Carol White"_s);
        const LockOverride &details = locks.state(u"B-2"_s)->lastOverride();
        QCOMPARE(details.by.displayName, u"Carol White"_s);
        QCOMPARE(details.previous.displayName, u"Alice Archer"_s);
        QCOMPARE(details.reason, u"urgent fix"_s);
    }

    void ownLocksSayWhose()
    {
        SystemClock clock;
        Connection connection(clock);
        LockEvents events(nullptr);
        LockService locks(&connection, &events);
        LockInfo mine = heldLock(u"A-1"_s, 3, u"Carol White"_s);
        mine.sameUser = true;
        mine.sameSession = true;
        mine.token = 5;
        locks.state(u"A-1"_s)->applySnapshot(mine);
        HeldLocksModel model(&locks);
        QCOMPARE(model.index(0, HeldLocksModel::HolderColumn).data().toString(), u"Carol White (you, this window)"_s);
        QCOMPARE(LockState::Status(model.index(0, 0).data(HeldLocksModel::LockStatusRole).toInt()),
                 LockState::Status::HeldByMe);
    }
};

QTEST_GUILESS_MAIN(TestHeldLocksModel)
#include "tst_heldlocksmodel.moc"
