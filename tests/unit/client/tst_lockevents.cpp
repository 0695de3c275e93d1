#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include "client/lockevents.h"
#include "protocol/codec.h"
#include "protocol/names.h"

using namespace recordlock;
using namespace Qt::StringLiterals;

namespace {

const QString RecordId = u"CL-2026-0042"_s;

LockInfo heldLock(qint64 seq, bool connected = true)
{
    LockInfo lock;
    lock.recordId = RecordId;
    lock.held = true;
    lock.holderHandle = u"u_6f1c0a9d2b"_s;
    lock.holderName = u"Alice Archer"_s;
    lock.since = 1'763'776'790'000;
    lock.expiresAt = 1'763'776'910'000;
    lock.connected = connected;
    lock.orphanDeadline = connected ? 0 : 1'763'776'830'000;
    lock.seq = seq;
    return lock;
}

LockInfo freeLock(qint64 seq)
{
    LockInfo lock;
    lock.recordId = RecordId;
    lock.seq = seq;
    return lock;
}

QJsonObject holderJson(const QString &handle, const QString &name, bool sameUser, bool sameSession)
{
    return QJsonObject{{u"handle"_s, handle}, {u"displayName"_s, name}, {u"sameUser"_s, sameUser},
                       {u"sameSession"_s, sameSession}};
}

/// Goes through the real wire form: encode as the server does, decode as the client does.
ServerMessage wireEvent(QAnyStringView name, qint64 seq, const QJsonObject &body)
{
    const QByteArray bytes = Codec::encodeEvent(name.toString(), RecordId, seq, 1'763'776'800'123, body);
    ServerMessage message;
    QString error;
    if (!Codec::decodeServerMessage(bytes, &message, &error))
        qFatal("test event does not decode: %s", qPrintable(error));
    return message;
}

} // namespace

/// LockEvents: each event name becomes its typed signal with the decoded payload.
class TestLockEvents : public QObject
{
    Q_OBJECT

private slots:
    void acquired()
    {
        LockEvents events(nullptr);
        QSignalSpy spy(&events, &LockEvents::lockAcquired);
        events.handleEvent(wireEvent(events::LockAcquired, 13, {{u"lock"_s, heldLock(13).toJson()}}));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<LockInfo>(), heldLock(13));
    }

    void renewed()
    {
        LockEvents events(nullptr);
        QSignalSpy spy(&events, &LockEvents::lockRenewed);
        events.handleEvent(wireEvent(events::LockRenewed, 14, {{u"lock"_s, heldLock(14).toJson()}}));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<LockInfo>().expiresAt, heldLock(14).expiresAt);
    }

    void released()
    {
        LockEvents events(nullptr);
        QSignalSpy spy(&events, &LockEvents::lockReleased);
        events.handleEvent(wireEvent(events::LockReleased, 15,
                                 {{u"lock"_s, freeLock(15).toJson()},
                                  {u"reason"_s, u"disconnected"_s},
                                  {u"previousHolder"_s, holderJson(u"u_1"_s, u"Alice Archer"_s, true, false)}}));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<LockInfo>(), freeLock(15));
        QCOMPARE(spy.at(0).at(1).toString(), u"disconnected"_s);
        const Holder previous = spy.at(0).at(2).value<Holder>();
        QCOMPARE(previous.handle, u"u_1"_s);
        QCOMPARE(previous.displayName, u"Alice Archer"_s);
        QVERIFY(previous.sameUser);
        QVERIFY(!previous.sameSession);
    }

    void expired()
    {
        LockEvents events(nullptr);
        QSignalSpy spy(&events, &LockEvents::lockExpired);
        events.handleEvent(wireEvent(events::LockExpired, 15,
                                 {{u"lock"_s, freeLock(15).toJson()},
                                  {u"previousHolder"_s, holderJson(u"u_2"_s, u"Bob Baker"_s, false, false)}}));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<LockInfo>().seq, 15);
        QCOMPARE(spy.at(0).at(1).value<Holder>().displayName, u"Bob Baker"_s);
    }

    void presence()
    {
        LockEvents events(nullptr);
        QSignalSpy spy(&events, &LockEvents::holderPresenceChanged);
        events.handleEvent(wireEvent(events::LockHolderPresence, 16, {{u"lock"_s, heldLock(16, false).toJson()}}));
        QCOMPARE(spy.count(), 1);
        const LockInfo lock = spy.at(0).at(0).value<LockInfo>();
        QVERIFY(!lock.connected);
        QCOMPARE(lock.orphanDeadline, 1'763'776'830'000);
    }

    void overridden()
    {
        LockEvents events(nullptr);
        QSignalSpy spy(&events, &LockEvents::lockOverridden);
        events.handleEvent(wireEvent(events::LockOverride, 17,
                                 {{u"lock"_s, heldLock(17).toJson()},
                                  {u"previousHolder"_s, holderJson(u"u_2"_s, u"Bob Baker"_s, false, true)},
                                  {u"by"_s, holderJson(u"u_9"_s, u"Ada Admin"_s, false, false)},
                                  {u"reason"_s, u"urgent fix"_s}}));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<LockInfo>(), heldLock(17));
        QVERIFY(spy.at(0).at(1).value<Holder>().sameSession);
        QCOMPARE(spy.at(0).at(2).value<Holder>().displayName, u"Ada Admin"_s);
        QCOMPARE(spy.at(0).at(3).toString(), u"urgent fix"_s);
    }

    void denied()
    {
        LockEvents events(nullptr);
        QSignalSpy spy(&events, &LockEvents::lockDenied);
        events.handleEvent(wireEvent(events::LockDenied, 13, {{u"lock"_s, heldLock(13).toJson()}}));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<LockInfo>().holderName, u"Alice Archer"_s);
    }

    void recordUpdated()
    {
        LockEvents events(nullptr);
        QSignalSpy spy(&events, &LockEvents::recordUpdated);
        const QJsonObject record{{u"id"_s, RecordId}, {u"type"_s, u"claim"_s}, {u"title"_s, u"Water damage"_s},
                                 {u"version"_s, 5}, {u"updatedAt"_s, qint64(1'763'776'800'100)}, {u"updatedBy"_s, u"Bob Baker"_s},
                                 {u"fields"_s, QJsonObject{{u"status"_s, u"Approved"_s}}}};
        events.handleEvent(wireEvent(events::RecordUpdated, 14,
                                 {{u"record"_s, record}, {u"changedFields"_s, QJsonArray{u"status"_s}}}));
        QCOMPARE(spy.count(), 1);
        const RecordData data = spy.at(0).at(0).value<RecordData>();
        QCOMPARE(data.id, RecordId);
        QCOMPARE(data.version, 5);
        QCOMPARE(data.updatedBy, u"Bob Baker"_s);
        QCOMPARE(data.fields.value(u"status"_s), u"Approved"_s);
        QCOMPARE(spy.at(0).at(1).toStringList(), QStringList{u"status"_s});
        QCOMPARE(spy.at(0).at(2).toLongLong(), 14);
    }

    void eventSeqIsAuthoritative()
    {
        LockEvents events(nullptr);
        QSignalSpy spy(&events, &LockEvents::lockAcquired);
        QJsonObject lock = heldLock(13).toJson();
        lock.remove(u"seq"_s);
        events.handleEvent(wireEvent(events::LockAcquired, 13, {{u"lock"_s, lock}}));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<LockInfo>().seq, 13);
    }

    void malformedAndUnknownAreIgnored()
    {
        LockEvents events(nullptr);
        QSignalSpy acquired(&events, &LockEvents::lockAcquired);
        QSignalSpy updated(&events, &LockEvents::recordUpdated);
        events.handleEvent(wireEvent(events::LockAcquired, 13, {}));                  // no lock
        events.handleEvent(wireEvent(events::RecordUpdated, 14, {}));                 // no record
        events.handleEvent(wireEvent(u"lock_teleported", 15, {{u"lock"_s, heldLock(15).toJson()}}));
        ServerMessage reply;
        reply.kind = ServerMessage::Kind::Reply;
        events.handleEvent(reply);
        QCOMPARE(acquired.count(), 0);
        QCOMPARE(updated.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLockEvents)
#include "tst_lockevents.moc"
