#include <QTest>

#include "protocol/lockinfo.h"
#include "protocol/recorddata.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

class TestLockInfo : public QObject
{
    Q_OBJECT

private slots:
    void freeLockHasOnlyStateAndSeq();
    void heldLockRoundTrips();
    void tokenOnlyForHoldingSession();
    void orphanDeadlineOnlyWhenDisconnected();
    void rejectsIncompleteObjects();
    void recordRoundTrips();
    void recordSummaryOmitsFields();
};

void TestLockInfo::freeLockHasOnlyStateAndSeq()
{
    LockInfo info;
    info.recordId = u"C-1"_s;
    info.seq = 4;
    const QJsonObject json = info.toJson();
    QCOMPARE(json.value(u"state"_s).toString(), u"free"_s);
    QCOMPARE(json.keys().size(), 3);
    QCOMPARE(LockInfo::fromJson(json), info);
}

void TestLockInfo::heldLockRoundTrips()
{
    LockInfo info;
    info.recordId = u"CL-2026-0001"_s;
    info.held = true;
    info.holderHandle = u"u_0123456789"_s;
    info.holderName = u"Alice Archer"_s;
    info.sameUser = true;
    info.sameSession = true;
    info.since = 1000;
    info.expiresAt = 121000;
    info.connected = false;
    info.orphanDeadline = 31000;
    info.token = 17;
    info.seq = 9;
    const auto parsed = LockInfo::fromJson(info.toJson());
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, info);
    QCOMPARE(info.toJson().value(u"holder"_s).toObject().value(u"displayName"_s).toString(), u"Alice Archer"_s);
}

void TestLockInfo::tokenOnlyForHoldingSession()
{
    LockInfo info;
    info.recordId = u"C-1"_s;
    info.held = true;
    info.token = 5;
    info.sameSession = false;
    QVERIFY(!info.toJson().contains(u"token"_s));
    info.sameSession = true;
    QCOMPARE(info.toJson().value(u"token"_s).toInteger(), 5);
}

void TestLockInfo::orphanDeadlineOnlyWhenDisconnected()
{
    LockInfo info;
    info.recordId = u"C-1"_s;
    info.held = true;
    info.orphanDeadline = 99;
    QVERIFY(!info.toJson().contains(u"orphanDeadline"_s));
    info.connected = false;
    QCOMPARE(info.toJson().value(u"orphanDeadline"_s).toInteger(), 99);
}

void TestLockInfo::rejectsIncompleteObjects()
{
    QVERIFY(!LockInfo::fromJson(QJsonObject{{u"state"_s, u"free"_s}}).has_value());
    QVERIFY(!LockInfo::fromJson(QJsonObject{{u"recordId"_s, u"C-1"_s}}).has_value());
    QVERIFY(!LockInfo::fromJson(QJsonObject{{u"recordId"_s, u"C-1"_s}, {u"state"_s, u"busy"_s}}).has_value());
}

void TestLockInfo::recordRoundTrips()
{
    RecordData record;
    record.id = u"C-1001"_s;
    record.type = u"customer"_s;
    record.version = 3;
    record.updatedAt = 5000;
    record.updatedBy = u"Bob Baker"_s;
    record.fields = {{u"title"_s, u"Jane Doe"_s}, {u"email"_s, u"jane@example.com"_s}};
    const QJsonObject json = record.toJson();
    QCOMPARE(json.value(u"title"_s).toString(), u"Jane Doe"_s);
    QCOMPARE(RecordData::fromJson(json), record);
    QVERIFY(!RecordData::fromJson(QJsonObject{{u"id"_s, u"x"_s}}).has_value());
}

void TestLockInfo::recordSummaryOmitsFields()
{
    RecordData record;
    record.id = u"C-1001"_s;
    record.type = u"customer"_s;
    record.fields = {{u"title"_s, u"Jane Doe"_s}, {u"notes"_s, u"long text"_s}};
    const QJsonObject json = record.toJson(false);
    QVERIFY(!json.contains(u"fields"_s));
    const auto parsed = RecordData::fromJson(json);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->title(), u"Jane Doe"_s);
}

QTEST_GUILESS_MAIN(TestLockInfo)
#include "tst_lockinfo.moc"
