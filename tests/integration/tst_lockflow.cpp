// The lock lifecycle seen by holders, competitors and watchers, over several real sessions.

#include <memory>
#include <vector>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "protocol/lockinfo.h"
#include "protocol/names.h"
#include "protocolargs.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

class TestLockFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void acquireIsGrantedWithToken();
    void otherSessionIsDenied();
    void acquireAgainRenews();
    void renewExtendsExpiry();
    void wrongTokenIsStale();
    void nonHolderIsRefused();
    void releaseFreesLock();
    void watcherSeesConsecutiveSeq();
    void sameUserOtherSessionSwitches();
    void unknownRecordIsNotFound();
    void logoutReleasesLocks();
    void everyServerMessageHasServerTime();

private:
    std::unique_ptr<TestClient> loggedIn(const QString &user);
    /// Pings until the server clock is past t, so a later "now + TTL" is strictly larger.
    bool waitForServerTimeAfter(TestClient &client, qint64 t);

    ServerProcess m_server;
    std::unique_ptr<TestClient> m_alice;
    std::unique_ptr<TestClient> m_bob;
    std::unique_ptr<TestClient> m_watcher;
    /// Clients kept alive until the serverTime check at the end.
    std::vector<std::unique_ptr<TestClient>> m_extraClients;
    qint64 m_token = 0;
    qint64 m_expiresAt = 0;
    const QString m_record = u"CL-2026-0001"_s;
};

std::unique_ptr<TestClient> TestLockFlow::loggedIn(const QString &user)
{
    auto client = std::make_unique<TestClient>();
    const ServerMessage reply = client->connectAndLogin(m_server.wsUrl(), user);
    if (!reply.ok) {
        qWarning().noquote() << "login of" << user << "failed:" << TestClient::describe(reply);
        return nullptr;
    }
    return client;
}

bool TestLockFlow::waitForServerTimeAfter(TestClient &client, qint64 t)
{
    // Bounded: at most 5 s of pings.
    return QTest::qWaitFor([&] { return client.request(ops::Ping).serverTime > t; }, 5000);
}

void TestLockFlow::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    m_alice = loggedIn(u"alice"_s);
    m_bob = loggedIn(u"bob"_s);
    m_watcher = loggedIn(u"carol"_s);
    QVERIFY(m_alice && m_bob && m_watcher);
    const ServerMessage subscribed = m_watcher->request(ops::Subscribe, recordArg(m_record));
    QVERIFY2(subscribed.ok, qPrintable(TestClient::describe(subscribed)));
    QCOMPARE(lockOf(subscribed.result).held, false);
}

void TestLockFlow::cleanupTestCase()
{
    m_server.stop();
}

void TestLockFlow::acquireIsGrantedWithToken()
{
    const qint64 seqBefore = lockOf(m_watcher->request(ops::GetLock, recordArg(m_record)).result).seq;

    const ServerMessage reply = m_alice->request(ops::Acquire, recordArg(m_record));
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(reply.result.value(u"outcome"_s).toString(), u"granted"_s);
    const QJsonObject lockJson = reply.result.value(u"lock"_s).toObject();
    const LockInfo lock = lockOf(reply.result);
    QCOMPARE(lock.recordId, m_record);
    QVERIFY(lock.held);
    QVERIFY(lockJson.value(u"token"_s).isDouble());
    QVERIFY(lock.token > 0);
    QCOMPARE(lock.holderName, u"Alice Archer"_s);
    QVERIFY(lock.sameUser);
    QVERIFY(lock.sameSession);
    QVERIFY(lock.connected);
    QVERIFY(!lockJson.contains(u"orphanDeadline"_s));
    QCOMPARE(lock.seq, seqBefore + 1);
    QVERIFY(lock.since > 0 && lock.since <= reply.serverTime);
    // expiresAt = now + TTL (120 s by default).
    QVERIFY2(lock.expiresAt - lock.since >= 119'000 && lock.expiresAt - lock.since <= 120'000,
             qPrintable(QString::number(lock.expiresAt - lock.since)));
    m_token = lock.token;
    m_expiresAt = lock.expiresAt;

    ServerMessage event;
    QVERIFY(m_watcher->waitForEvent(events::LockAcquired, m_record, &event));
    QCOMPARE(event.seq, seqBefore + 1);
    const QJsonObject seen = event.body.value(u"lock"_s).toObject();
    const LockInfo watched = lockOf(event.body);
    QCOMPARE(watched.holderName, u"Alice Archer"_s);
    QCOMPARE(watched.holderHandle, lock.holderHandle);
    QVERIFY(!watched.sameUser);
    QVERIFY(!watched.sameSession);
    QVERIFY2(!seen.contains(u"token"_s), "the fencing token must only reach the holder session");
}

void TestLockFlow::otherSessionIsDenied()
{
    QVERIFY(m_token > 0);
    const qint64 seqBefore = lockOf(m_watcher->request(ops::GetLock, recordArg(m_record)).result).seq;
    m_bob->clearEvents();
    const qsizetype messagesBefore = m_bob->messages().size();

    const ServerMessage reply = m_bob->request(ops::Acquire, recordArg(m_record));
    QCOMPARE(TestClient::outcome(reply), u"lock_held"_s);
    const QJsonObject lockJson = reply.error.details.value(u"lock"_s).toObject();
    const LockInfo holder = lockOf(reply.error.details);
    QVERIFY(holder.held);
    QCOMPARE(holder.holderName, u"Alice Archer"_s);
    QVERIFY(!holder.sameUser);
    QVERIFY(!holder.sameSession);
    QVERIFY(holder.since > 0);
    QCOMPARE(holder.expiresAt, m_expiresAt);
    QVERIFY(lockJson.value(u"connected"_s).toBool(false));
    QVERIFY(!lockJson.contains(u"token"_s));

    // lock_denied reaches the requester before the reply, carrying the current seq.
    ServerMessage denied;
    QVERIFY(m_bob->waitForEvent(events::LockDenied, m_record, &denied, 0));
    QCOMPARE(denied.seq, seqBefore);
    QCOMPARE(lockOf(denied.body).holderName, u"Alice Archer"_s);
    const QList<ServerMessage> order = m_bob->messages().mid(messagesBefore);
    QCOMPARE(order.size(), 2);
    QCOMPARE(order.at(0).event, QString(events::LockDenied));
    QCOMPARE(order.at(1).kind, ServerMessage::Kind::Reply);

    // Not broadcast, seq not advanced, holder unchanged.
    const LockInfo after = lockOf(m_watcher->request(ops::GetLock, recordArg(m_record)).result);
    QCOMPARE(after.seq, seqBefore);
    QCOMPARE(after.holderName, u"Alice Archer"_s);
    QVERIFY(!m_watcher->waitForEvent(events::LockDenied, m_record, nullptr, 0));
}

void TestLockFlow::acquireAgainRenews()
{
    QVERIFY(m_token > 0);
    const ServerMessage reply = m_alice->request(ops::Acquire, recordArg(m_record));
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(reply.result.value(u"outcome"_s).toString(), u"renewed"_s);
    const LockInfo lock = lockOf(reply.result);
    QCOMPARE(lock.token, m_token);
    QVERIFY(lock.expiresAt >= m_expiresAt);
    m_expiresAt = lock.expiresAt;
    QVERIFY(m_watcher->waitForEvent(events::LockRenewed, m_record));
}

void TestLockFlow::renewExtendsExpiry()
{
    QVERIFY(m_token > 0);
    QVERIFY(waitForServerTimeAfter(*m_alice, m_expiresAt - 120'000 + 5));
    const ServerMessage reply = m_alice->request(ops::Renew, tokenArgs(m_record, m_token));
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    const LockInfo lock = lockOf(reply.result);
    QCOMPARE(lock.token, m_token);
    QVERIFY(lock.sameSession);
    QVERIFY2(lock.expiresAt > m_expiresAt,
             qPrintable(u"%1 <= %2"_s.arg(lock.expiresAt).arg(m_expiresAt)));
    QVERIFY(lock.expiresAt - reply.serverTime <= 120'000);
    m_expiresAt = lock.expiresAt;

    ServerMessage event;
    QVERIFY(m_watcher->waitForEvent(events::LockRenewed, m_record, &event));
    QCOMPARE(lockOf(event.body).expiresAt, m_expiresAt);
    QCOMPARE(event.seq, lock.seq);
}

void TestLockFlow::wrongTokenIsStale()
{
    QVERIFY(m_token > 0);
    const ServerMessage renew = m_alice->request(ops::Renew, tokenArgs(m_record, m_token + 1000));
    QCOMPARE(TestClient::outcome(renew), u"stale_token"_s);
    const ServerMessage release = m_alice->request(ops::Release, tokenArgs(m_record, m_token + 1));
    QCOMPARE(TestClient::outcome(release), u"stale_token"_s);
    // Still held by alice with the same token.
    const LockInfo lock = lockOf(m_alice->request(ops::GetLock, recordArg(m_record)).result);
    QVERIFY(lock.held && lock.sameSession);
    QCOMPARE(lock.token, m_token);
}

void TestLockFlow::nonHolderIsRefused()
{
    QVERIFY(m_token > 0);
    // Even with the right token, another session does not hold the lock.
    const ServerMessage renew = m_bob->request(ops::Renew, tokenArgs(m_record, m_token));
    QCOMPARE(TestClient::outcome(renew), u"not_holder"_s);
    QCOMPARE(lockOf(renew.error.details).holderName, u"Alice Archer"_s);
    const ServerMessage release = m_bob->request(ops::Release, tokenArgs(m_record, m_token));
    QCOMPARE(TestClient::outcome(release), u"not_holder"_s);
    QVERIFY(lockOf(release.error.details).held);

    const LockInfo lock = lockOf(m_alice->request(ops::GetLock, recordArg(m_record)).result);
    QVERIFY(lock.held && lock.sameSession);
    QCOMPARE(lock.expiresAt, m_expiresAt);
}

void TestLockFlow::releaseFreesLock()
{
    QVERIFY(m_token > 0);
    const ServerMessage reply = m_alice->request(ops::Release, tokenArgs(m_record, m_token));
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    const LockInfo freed = lockOf(reply.result);
    QVERIFY(!freed.held);
    QCOMPARE(freed.recordId, m_record);

    ServerMessage event;
    QVERIFY(m_watcher->waitForEvent(events::LockReleased, m_record, &event));
    QCOMPARE(event.body.value(u"reason"_s).toString(), u"released"_s);
    QVERIFY(!lockOf(event.body).held);
    const QJsonObject previous = event.body.value(u"previousHolder"_s).toObject();
    QCOMPARE(previous.value(u"displayName"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(previous.value(u"sameSession"_s).toBool(true), false);
    QCOMPARE(event.seq, freed.seq);

    const LockInfo now = lockOf(m_bob->request(ops::GetLock, recordArg(m_record)).result);
    QVERIFY(!now.held);
    // Released with the old token again: this session no longer holds it.
    const ServerMessage again = m_alice->request(ops::Release, tokenArgs(m_record, m_token));
    QCOMPARE(TestClient::outcome(again), u"not_holder"_s);

    // Free again: bob is granted with a larger token.
    const ServerMessage bobs = m_bob->request(ops::Acquire, recordArg(m_record));
    QVERIFY2(bobs.ok, qPrintable(TestClient::describe(bobs)));
    QVERIFY(lockOf(bobs.result).token > m_token);
    const ServerMessage bobRelease = m_bob->request(ops::Release, tokenArgs(m_record, lockOf(bobs.result).token));
    QVERIFY2(bobRelease.ok, qPrintable(TestClient::describe(bobRelease)));
}

void TestLockFlow::watcherSeesConsecutiveSeq()
{
    QList<qint64> seqs;
    QStringList names;
    for (const ServerMessage &event : m_watcher->events()) {
        if (event.recordId != m_record)
            continue;
        seqs << event.seq;
        names << event.event;
    }
    const QStringList expected{u"lock_acquired"_s, u"lock_renewed"_s, u"lock_renewed"_s, u"lock_released"_s,
                               u"lock_acquired"_s, u"lock_released"_s};
    QCOMPARE(names, expected);
    for (qsizetype i = 1; i < seqs.size(); ++i)
        QCOMPARE(seqs.at(i), seqs.at(i - 1) + 1);
}

void TestLockFlow::sameUserOtherSessionSwitches()
{
    const QString record = u"CL-2026-0002"_s;
    auto secondWindow = loggedIn(u"alice"_s);
    QVERIFY(secondWindow);
    QVERIFY(m_alice->request(ops::Subscribe, recordArg(record)).ok);
    QVERIFY(m_watcher->request(ops::Subscribe, recordArg(record)).ok);

    const ServerMessage first = m_alice->request(ops::Acquire, recordArg(record));
    QVERIFY2(first.ok, qPrintable(TestClient::describe(first)));
    const qint64 firstToken = lockOf(first.result).token;
    const qint64 grantSeq = lockOf(first.result).seq;
    // Take the grant's own events so the waits below find the ones caused by the switch.
    QVERIFY(m_alice->waitForEvent(events::LockAcquired, record));
    QVERIFY(m_watcher->waitForEvent(events::LockAcquired, record));

    const ServerMessage denied = secondWindow->request(ops::Acquire, recordArg(record));
    QCOMPARE(TestClient::outcome(denied), u"lock_held"_s);
    const LockInfo holder = lockOf(denied.error.details);
    QVERIFY(holder.sameUser);
    QVERIFY(!holder.sameSession);
    QCOMPARE(holder.token, 0);

    const ServerMessage switched = secondWindow->request(
        ops::Acquire, {{u"recordId"_s, record}, {u"switchSession"_s, true}});
    QVERIFY2(switched.ok, qPrintable(TestClient::describe(switched)));
    QCOMPARE(switched.result.value(u"outcome"_s).toString(), u"switched"_s);
    const LockInfo moved = lockOf(switched.result);
    QVERIFY(moved.sameSession);
    QVERIFY(moved.token > firstToken);

    // The first window learns it lost the lock to its own user's other window.
    ServerMessage released;
    QVERIFY(m_alice->waitForEvent(events::LockReleased, record, &released));
    QCOMPARE(released.body.value(u"reason"_s).toString(), u"switched"_s);
    QCOMPARE(released.body.value(u"previousHolder"_s).toObject().value(u"sameSession"_s).toBool(), true);
    ServerMessage acquiredForFirst;
    QVERIFY(m_alice->waitForEvent(events::LockAcquired, record, &acquiredForFirst));
    QVERIFY(lockOf(acquiredForFirst.body).sameUser);
    QVERIFY(!lockOf(acquiredForFirst.body).sameSession);

    // A watcher sees released(switched) then acquired, seq +1 each.
    ServerMessage watchedRelease;
    ServerMessage watchedAcquire;
    QVERIFY(m_watcher->waitForEvent(events::LockReleased, record, &watchedRelease));
    QVERIFY(m_watcher->waitForEvent(events::LockAcquired, record, &watchedAcquire));
    QCOMPARE(watchedRelease.body.value(u"reason"_s).toString(), u"switched"_s);
    QCOMPARE(watchedRelease.seq, grantSeq + 1);
    QCOMPARE(watchedAcquire.seq, grantSeq + 2);
    QCOMPARE(moved.seq, grantSeq + 2);

    // The first window's token is dead now.
    const ServerMessage oldRenew = m_alice->request(ops::Renew, tokenArgs(record, firstToken));
    QCOMPARE(TestClient::outcome(oldRenew), u"not_holder"_s);
    QVERIFY(secondWindow->request(ops::Release, tokenArgs(record, moved.token)).ok);
    m_extraClients.push_back(std::move(secondWindow));
}

void TestLockFlow::unknownRecordIsNotFound()
{
    const QString record = u"NO-SUCH-RECORD-1"_s;
    QCOMPARE(TestClient::outcome(m_alice->request(ops::Acquire, recordArg(record))), u"not_found"_s);
    QCOMPARE(TestClient::outcome(m_alice->request(ops::GetLock, recordArg(record))), u"not_found"_s);
    QVERIFY(!m_alice->waitForEvent(events::LockDenied, record, nullptr, 0));
}

void TestLockFlow::logoutReleasesLocks()
{
    const QString record = u"C-1006"_s;
    TestClient leaving;
    QVERIFY(leaving.connectAndLogin(m_server.wsUrl(), u"bob"_s).ok);
    QVERIFY(leaving.request(ops::Acquire, recordArg(record)).ok);
    QVERIFY(m_watcher->request(ops::Subscribe, recordArg(record)).ok);

    const ServerMessage bye = leaving.request(ops::Logout);
    QVERIFY2(bye.ok, qPrintable(TestClient::describe(bye)));
    QVERIFY(leaving.waitForDisconnected());
    QCOMPARE(leaving.closeCode(), 1000);

    ServerMessage event;
    QVERIFY(m_watcher->waitForEvent(events::LockReleased, record, &event));
    QCOMPARE(event.body.value(u"reason"_s).toString(), u"logout"_s);
    QVERIFY(!lockOf(m_watcher->request(ops::GetLock, recordArg(record)).result).held);
}

void TestLockFlow::everyServerMessageHasServerTime()
{
    std::vector<TestClient *> clients{m_alice.get(), m_bob.get(), m_watcher.get()};
    for (const auto &extra : m_extraClients)
        clients.push_back(extra.get());
    int checked = 0;
    for (TestClient *client : clients) {
        for (const QByteArray &raw : client->rawMessages()) {
            const QJsonObject object = QJsonDocument::fromJson(raw).object();
            const QJsonValue serverTime = object.value(u"serverTime"_s);
            QVERIFY2(serverTime.isDouble() && serverTime.toInteger() > 1'600'000'000'000LL, raw.constData());
            ++checked;
        }
    }
    QVERIFY(checked > 20);
}

QTEST_GUILESS_MAIN(TestLockFlow)
#include "tst_lockflow.moc"
