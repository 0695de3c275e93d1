#include <QJsonObject>
#include <QTest>

#include "server/lockview.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using Audience = LockView::Audience;

namespace {

LockRow heldRow()
{
    LockRow row;
    row.recordId = u"CL-1"_s;
    row.fence = 41;
    row.seq = 13;
    row.held = true;
    row.sessionId = u"alice-window-1"_s;
    row.userId = 7;
    row.holderName = u"Alice Archer"_s;
    row.holderHandle = u"u_alice"_s;
    row.since = 1000;
    row.expiresAt = 121000;
    row.token = 41;
    return row;
}

} // namespace

/// The lock object each kind of recipient sees.
class TestLockView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void audienceOfRecipients();
    void holderSessionSeesToken();
    void holderOtherSessionSeesSameUserOnly();
    void otherUserSeesNeitherFlagNorToken();
    void disconnectedHolderShowsOrphanDeadline();
    void freeLockIsTheSameForEveryone();
    void previousHolderFlags();
};

void TestLockView::audienceOfRecipients()
{
    QCOMPARE(LockView::audienceOf(u"s1"_s, 7, u"s1"_s, 7), Audience::HolderSession);
    QCOMPARE(LockView::audienceOf(u"s1"_s, 7, u"s2"_s, 7), Audience::HolderUser);
    QCOMPARE(LockView::audienceOf(u"s1"_s, 7, u"s2"_s, 8), Audience::Other);
    // No holder at all (free lock): nobody is "the same".
    QCOMPARE(LockView::audienceOf(QString(), 0, QString(), 0), Audience::Other);
}

void TestLockView::holderSessionSeesToken()
{
    const QJsonObject json = LockView::forRecipient(heldRow(), u"alice-window-1"_s, 7).toJson();
    QCOMPARE(json.value(u"state"_s).toString(), u"held"_s);
    QCOMPARE(json.value(u"token"_s).toInteger(), 41);
    QCOMPARE(json.value(u"seq"_s).toInteger(), 13);
    const QJsonObject holder = json.value(u"holder"_s).toObject();
    QVERIFY(holder.value(u"sameUser"_s).toBool());
    QVERIFY(holder.value(u"sameSession"_s).toBool());
    QCOMPARE(holder.value(u"handle"_s).toString(), u"u_alice"_s);
    QVERIFY(!holder.contains(u"userId"_s));
    QCOMPARE(json.value(u"expiresAt"_s).toInteger(), 121000);
    QVERIFY(json.value(u"connected"_s).toBool());
    QVERIFY(!json.contains(u"orphanDeadline"_s));
}

void TestLockView::holderOtherSessionSeesSameUserOnly()
{
    const LockInfo info = LockView::forRecipient(heldRow(), u"alice-window-2"_s, 7);
    QVERIFY(info.sameUser);
    QVERIFY(!info.sameSession);
    QCOMPARE(info.token, 0);
    QVERIFY(!info.toJson().contains(u"token"_s));
}

void TestLockView::otherUserSeesNeitherFlagNorToken()
{
    const LockInfo info = LockView::forRecipient(heldRow(), u"bob-window"_s, 8);
    QVERIFY(!info.sameUser);
    QVERIFY(!info.sameSession);
    QCOMPARE(info.token, 0);
    QCOMPARE(info.holderName, u"Alice Archer"_s);
    QCOMPARE(info.since, 1000);
}

void TestLockView::disconnectedHolderShowsOrphanDeadline()
{
    LockRow row = heldRow();
    row.connected = false;
    row.orphanDeadline = 31000;
    const QJsonObject json = LockView::info(row, Audience::Other).toJson();
    QVERIFY(!json.value(u"connected"_s).toBool());
    QCOMPARE(json.value(u"orphanDeadline"_s).toInteger(), 31000);
}

void TestLockView::freeLockIsTheSameForEveryone()
{
    LockRow row = heldRow();
    row.clearHolder();
    const QJsonObject expected{{u"recordId"_s, u"CL-1"_s}, {u"state"_s, u"free"_s}, {u"seq"_s, 13}};
    QCOMPARE(LockView::info(row, Audience::HolderSession).toJson(), expected);
    QCOMPARE(LockView::info(row, Audience::HolderUser).toJson(), expected);
    QCOMPARE(LockView::forRecipient(row, u"bob-window"_s, 8).toJson(), expected);
}

void TestLockView::previousHolderFlags()
{
    const LockHolder alice{u"alice-window-1"_s, 7, u"Alice Archer"_s, u"u_alice"_s};
    const QJsonObject mine = LockView::holderJson(alice, Audience::HolderSession);
    QVERIFY(mine.value(u"sameSession"_s).toBool());
    QVERIFY(mine.value(u"sameUser"_s).toBool());
    const QJsonObject sibling = LockView::holderJson(alice, Audience::HolderUser);
    QVERIFY(!sibling.value(u"sameSession"_s).toBool());
    QVERIFY(sibling.value(u"sameUser"_s).toBool());
    const QJsonObject other = LockView::holderJson(alice, Audience::Other);
    QCOMPARE(other, (QJsonObject{{u"handle"_s, u"u_alice"_s}, {u"displayName"_s, u"Alice Archer"_s},
                                 {u"sameUser"_s, false}, {u"sameSession"_s, false}}));
}

QTEST_GUILESS_MAIN(TestLockView)
#include "tst_lockview.moc"
