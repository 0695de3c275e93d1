// Subscriptions: subscribe returns the current lock as a baseline, events follow from its seq,
// unsubscribe stops them, and subscribe_all lists every held lock.

#include <QJsonArray>
#include <QTest>

#include "protocol/lockinfo.h"
#include "protocol/names.h"
#include "protocolargs.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

class TestSubscriptions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void subscribeReturnsCurrentLock();
    void subscribeAllListsHeldLocks();

private:
    ServerProcess m_server;
    TestClient m_bob;
};

void TestSubscriptions::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    QVERIFY(m_bob.connectAndLogin(m_server.wsUrl(), u"bob"_s).ok);
}

void TestSubscriptions::subscribeReturnsCurrentLock()
{
    const QString record = u"CL-2026-0003"_s;
    const ServerMessage acquired = m_bob.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo granted = lockOf(acquired.result);

    TestClient late;
    QVERIFY(late.connectAndLogin(m_server.wsUrl(), u"carol"_s).ok);
    const ServerMessage subscribed = late.request(ops::Subscribe, recordArg(record));
    QVERIFY2(subscribed.ok, qPrintable(TestClient::describe(subscribed)));
    const LockInfo current = lockOf(subscribed.result);
    QVERIFY(current.held);
    QCOMPARE(current.holderName, u"Bob Baker"_s);
    QCOMPARE(current.seq, granted.seq);
    QCOMPARE(current.expiresAt, granted.expiresAt);
    QCOMPARE(current.token, 0);

    // Events then continue from that seq.
    QVERIFY(m_bob.request(ops::Release, tokenArgs(record, granted.token)).ok);
    ServerMessage event;
    QVERIFY(late.waitForEvent(events::LockReleased, record, &event));
    QCOMPARE(event.seq, current.seq + 1);

    const ServerMessage unknown = late.request(ops::Subscribe, recordArg(u"NO-SUCH-RECORD"_s));
    QCOMPARE(TestClient::outcome(unknown), u"not_found"_s);

    // After unsubscribe, no more events for that record.
    QVERIFY(late.request(ops::Unsubscribe, recordArg(record)).ok);
    const ServerMessage again = m_bob.request(ops::Acquire, recordArg(record));
    QVERIFY(again.ok);
    QVERIFY(m_bob.request(ops::Release, tokenArgs(record, lockOf(again.result).token)).ok);
    QVERIFY(late.request(ops::Ping).ok); // everything sent before this reply has arrived
    QVERIFY(!late.waitForEvent(events::LockAcquired, record, nullptr, 0));
}

void TestSubscriptions::subscribeAllListsHeldLocks()
{
    const QString record = u"C-1005"_s;
    const ServerMessage acquired = m_bob.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));

    TestClient all;
    QVERIFY(all.connectAndLogin(m_server.wsUrl(), u"carol"_s).ok);
    const ServerMessage subscribed = all.request(ops::SubscribeAll);
    QVERIFY2(subscribed.ok, qPrintable(TestClient::describe(subscribed)));
    bool listed = false;
    for (const QJsonValue &value : subscribed.result.value(u"locks"_s).toArray()) {
        const auto lock = LockInfo::fromJson(value.toObject());
        QVERIFY(lock && lock->held);
        listed = listed || lock->recordId == record;
    }
    QVERIFY(listed);

    QVERIFY(m_bob.request(ops::Release, tokenArgs(record, lockOf(acquired.result).token)).ok);
    QVERIFY(all.waitForEvent(events::LockReleased, record));
    QVERIFY(all.request(ops::UnsubscribeAll).ok);
}

QTEST_GUILESS_MAIN(TestSubscriptions)
#include "tst_subscriptions.moc"
