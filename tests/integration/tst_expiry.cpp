// Lock expiry against a server with a 1 s TTL: watchers learn of it, late renewals fail, and the
// next grant gets a larger token.

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

namespace {

constexpr qint64 TtlMs = 1000;
/// Generous bound for "within 1 s of expiresAt" on a loaded machine.
constexpr int ExpiryWaitMs = 8000;

ServerOptions shortTtl()
{
    ServerOptions options;
    options.lockTtlSeconds = double(TtlMs) / 1000.0;
    return options;
}

} // namespace

class TestExpiry : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loginReportsTtl();
    void expiredLockIsFreedAndRegranted();
    void renewingKeepsLockAlive();
    void orphanExpiresBeforeGrace();

private:
    ServerProcess m_server{shortTtl()};
    TestClient m_alice;
    TestClient m_bob;
    TestClient m_carol;
    ServerMessage m_aliceLogin;
};

void TestExpiry::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    m_aliceLogin = m_alice.connectAndLogin(m_server.wsUrl(), u"alice"_s);
    QVERIFY2(m_aliceLogin.ok, qPrintable(TestClient::describe(m_aliceLogin)));
    QVERIFY(m_bob.connectAndLogin(m_server.wsUrl(), u"bob"_s).ok);
    QVERIFY(m_carol.connectAndLogin(m_server.wsUrl(), u"carol"_s).ok);
}

void TestExpiry::loginReportsTtl()
{
    QCOMPARE(m_aliceLogin.result.value(u"lockTtlMs"_s).toInteger(), TtlMs);
}

void TestExpiry::expiredLockIsFreedAndRegranted()
{
    const QString record = u"CL-2026-0005"_s;
    QVERIFY(m_bob.request(ops::Subscribe, recordArg(record)).ok);
    QVERIFY(m_alice.request(ops::Subscribe, recordArg(record)).ok);

    const ServerMessage acquired = m_alice.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo granted = lockOf(acquired.result);
    QVERIFY(granted.token > 0);
    QVERIFY2(granted.expiresAt - granted.since <= TtlMs && granted.expiresAt - granted.since >= TtlMs - 100,
             qPrintable(QString::number(granted.expiresAt - granted.since)));

    // Nobody renews: the watcher is told, not before expiresAt.
    ServerMessage expired;
    QVERIFY2(m_bob.waitForEvent(events::LockExpired, record, &expired, ExpiryWaitMs),
             "no lock_expired for an unrenewed lock");
    QVERIFY2(expired.serverTime >= granted.expiresAt,
             qPrintable(u"expired at %1, before expiresAt %2"_s.arg(expired.serverTime).arg(granted.expiresAt)));
    QCOMPARE(expired.seq, granted.seq + 1);
    QVERIFY(!lockOf(expired.body).held);
    const QJsonObject previous = expired.body.value(u"previousHolder"_s).toObject();
    QCOMPARE(previous.value(u"displayName"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(previous.value(u"sameSession"_s).toBool(true), false);

    // The holder's own window hears it too, addressed as its own lock.
    ServerMessage ownExpiry;
    QVERIFY(m_alice.waitForEvent(events::LockExpired, record, &ownExpiry));
    QCOMPARE(ownExpiry.body.value(u"previousHolder"_s).toObject().value(u"sameSession"_s).toBool(), true);

    // A late renew fails with not_holder and the current (free) state; nothing is renewed.
    const ServerMessage late = m_alice.request(ops::Renew, tokenArgs(record, granted.token));
    QCOMPARE(TestClient::outcome(late), u"not_holder"_s);
    QVERIFY(late.error.details.value(u"lock"_s).isObject());
    QVERIFY(!lockOf(late.error.details).held);
    QVERIFY(!m_bob.waitForEvent(events::LockRenewed, record, nullptr, 0));

    // Another session gets it, with a larger token.
    const ServerMessage regrant = m_carol.request(ops::Acquire, recordArg(record));
    QVERIFY2(regrant.ok, qPrintable(TestClient::describe(regrant)));
    QCOMPARE(regrant.result.value(u"outcome"_s).toString(), u"granted"_s);
    QVERIFY(lockOf(regrant.result).token > granted.token);
    QCOMPARE(lockOf(regrant.result).seq, expired.seq + 1);
    QVERIFY(m_carol.request(ops::Release, tokenArgs(record, lockOf(regrant.result).token)).ok);
}

void TestExpiry::renewingKeepsLockAlive()
{
    const QString record = u"CL-2026-0006"_s;
    QVERIFY(m_bob.request(ops::Subscribe, recordArg(record)).ok);
    const ServerMessage acquired = m_alice.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo granted = lockOf(acquired.result);

    // Renew every ~TTL/3 for more than two TTLs (paced by the server clock).
    qint64 lastRenewAt = acquired.serverTime;
    qint64 expiresAt = granted.expiresAt;
    for (int i = 0; i < 7; ++i) {
        QVERIFY(QTest::qWaitFor([&] { return m_alice.request(ops::Ping).serverTime >= lastRenewAt + TtlMs / 3; },
                                5000));
        const ServerMessage renewed = m_alice.request(ops::Renew, tokenArgs(record, granted.token));
        QVERIFY2(renewed.ok, qPrintable(TestClient::describe(renewed)));
        QVERIFY(lockOf(renewed.result).expiresAt > expiresAt);
        expiresAt = lockOf(renewed.result).expiresAt;
        lastRenewAt = renewed.serverTime;
    }
    QVERIFY(lastRenewAt - acquired.serverTime > 2 * TtlMs);
    QVERIFY(!m_bob.waitForEvent(events::LockExpired, record, nullptr, 0));
    const LockInfo still = lockOf(m_bob.request(ops::GetLock, recordArg(record)).result);
    QVERIFY(still.held);
    QCOMPARE(still.holderName, u"Alice Archer"_s);
    QVERIFY(m_alice.request(ops::Release, tokenArgs(record, granted.token)).ok);
}

void TestExpiry::orphanExpiresBeforeGrace()
{
    // TTL 1 s, grace 30 s: a disconnected holder's lock expires first, as lock_expired.
    const QString record = u"CL-2026-0009"_s;
    QVERIFY(m_bob.request(ops::Subscribe, recordArg(record)).ok);
    TestClient holder;
    QVERIFY(holder.connectAndLogin(m_server.wsUrl(), u"alice"_s).ok);
    const ServerMessage acquired = holder.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    holder.abort();

    ServerMessage presence;
    QVERIFY(m_bob.waitForEvent(events::LockHolderPresence, record, &presence));
    QVERIFY(!lockOf(presence.body).connected);
    ServerMessage expired;
    QVERIFY(m_bob.waitForEvent(events::LockExpired, record, &expired, ExpiryWaitMs));
    QCOMPARE(expired.seq, presence.seq + 1);
    QVERIFY(!m_bob.waitForEvent(events::LockReleased, record, nullptr, 0));

    // Coming back after expiresAt resumes nothing.
    TestClient back;
    back.setSessionId(holder.sessionId());
    QVERIFY(back.connectTo(m_server.wsUrl()));
    const ServerMessage reply = back.auth(holder.token());
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QVERIFY(reply.result.value(u"locks"_s).toArray().isEmpty());
    QVERIFY(!lockOf(back.request(ops::GetLock, recordArg(record)).result).held);
}

QTEST_GUILESS_MAIN(TestExpiry)
#include "tst_expiry.moc"
