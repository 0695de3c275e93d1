#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include "common/systemclock.h"
#include "inprocessserver.h"
#include "protocol/names.h"
#include "server/recordlockserver.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using test::InProcessServer;
using test::TestClient;

namespace {

const QString Record = u"CL-2026-0001"_s;

QJsonObject recordArg(const QString &recordId = Record)
{
    return QJsonObject{{u"recordId"_s, recordId}};
}

qint64 lockToken(const ServerMessage &reply)
{
    return reply.result.value(u"lock"_s).toObject().value(u"token"_s).toInteger();
}

} // namespace

/// The server in-process over real WebSockets on 127.0.0.1: sessions, ordering, fan-out and the
/// deadline timer. Transport rules: tst_clientconnection; the full suite runs against the binary.
class TestRecordLockServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void healthz();
    void opsBeforeLoginAreUnauthenticated();
    void repliesStayInOrderWhileLoginIsVerified();
    void eventsPrecedeTheReplyAndAreTailored();
    void deniedAcquireSendsLockDeniedFirst();
    void switchSessionMovesLockBetweenWindows();
    void takeoverClosesOldConnectionWith4000();
    void sessionIdOfAnotherUserConflicts();
    void droppedConnectionOrphansAndAuthResumes();
    void orphanGraceRunsOutWithDisconnected();
    void unrenewedLockExpiresOnTime();
    void saveRecordChecksInOrder();
    void logoutReleasesAndCloses1000();

private:
    void startServer(qint64 lockTtlMs = 120'000, qint64 orphanGraceMs = 30'000, int authTimeoutMs = 10'000);
    std::unique_ptr<TestClient> loggedIn(const QString &user, const QString &sessionId = {});
    QUrl wsUrl() const;
    RecordLockServer *server() const { return m_fixture.server(); }

    InProcessServer m_fixture;
    const SystemClock &m_clock = m_fixture.clock();
};

void TestRecordLockServer::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.seedTemplate(&error), qPrintable(error));
}

void TestRecordLockServer::cleanup()
{
    m_fixture.stop();
}

void TestRecordLockServer::startServer(qint64 lockTtlMs, qint64 orphanGraceMs, int authTimeoutMs)
{
    ServerConfig config;
    config.lockTtlMs = lockTtlMs;
    config.orphanGraceMs = orphanGraceMs;
    config.connection.authTimeoutMs = authTimeoutMs;
    QString error;
    QVERIFY2(m_fixture.start(config, &error), qPrintable(error));
    QVERIFY(server()->port() != 0);
}

std::unique_ptr<TestClient> TestRecordLockServer::loggedIn(const QString &user, const QString &sessionId)
{
    return m_fixture.loggedIn(user, sessionId);
}

QUrl TestRecordLockServer::wsUrl() const
{
    return m_fixture.wsUrl();
}

void TestRecordLockServer::healthz()
{
    startServer();
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/healthz"_s.arg(server()->port())))));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(body.value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(body.value(u"version"_s).toString(), u"0.1.0"_s);
    QCOMPARE(body.value(u"store"_s).toString(), u"sqlite"_s);
    QVERIFY(qAbs(body.value(u"serverTime"_s).toInteger() - m_clock.nowMs()) < 5000);
}

void TestRecordLockServer::opsBeforeLoginAreUnauthenticated()
{
    startServer();
    TestClient client;
    QVERIFY(client.connectTo(wsUrl()));
    const ServerMessage reply = client.request(ops::Acquire, recordArg());
    QCOMPARE(TestClient::outcome(reply), u"unauthenticated"_s);
    QCOMPARE(reply.error.details.value(u"reason"_s).toString(), u"missing"_s);
    QCOMPARE(TestClient::outcome(client.request("frobnicate")), u"unknown_op"_s);
    QCOMPARE(TestClient::outcome(client.auth(u"not-a-token"_s)), u"unauthenticated"_s);
    QVERIFY(client.login(u"alice"_s).ok);
    QVERIFY(client.request(ops::Acquire, recordArg()).ok);
}

void TestRecordLockServer::repliesStayInOrderWhileLoginIsVerified()
{
    startServer();
    TestClient client;
    QVERIFY(client.connectTo(wsUrl()));
    const QJsonObject login{{u"user"_s, u"alice"_s}, {u"password"_s, u"alice"_s}, {u"sessionId"_s, client.sessionId()}};
    QList<qint64> sent;
    sent << client.send(ops::Login, login) << client.send(ops::Acquire, recordArg()) << client.send(ops::Ping)
         << client.send(ops::Login, QJsonObject{{u"user"_s, u"alice"_s}, {u"password"_s, u"wrong"_s},
                                                {u"sessionId"_s, client.sessionId()}})
         << client.send(ops::GetLock, recordArg());
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size() >= sent.size(), true, 10'000);
    QList<qint64> replied;
    for (const ServerMessage &m : client.messages()) {
        if (m.kind == ServerMessage::Kind::Reply)
            replied.append(m.id.toInteger());
    }
    QCOMPARE(replied, sent);
    QVERIFY(client.waitForReply(sent[1]).ok); // the acquire ran after the login
    QCOMPARE(TestClient::outcome(client.waitForReply(sent[3])), u"invalid_credentials"_s);
    QVERIFY(client.waitForReply(sent[4]).result.value(u"lock"_s).toObject().contains(u"token"_s));
}

void TestRecordLockServer::eventsPrecedeTheReplyAndAreTailored()
{
    startServer();
    auto holder = loggedIn(u"alice"_s);
    auto sibling = loggedIn(u"alice"_s);
    auto other = loggedIn(u"bob"_s);
    QVERIFY(holder && sibling && other);
    QVERIFY(holder->request(ops::Subscribe, recordArg()).ok);
    QVERIFY(sibling->request(ops::Subscribe, recordArg()).ok);
    QVERIFY(other->request(ops::SubscribeAll).ok);

    const qint64 id = holder->send(ops::Acquire, recordArg());
    const ServerMessage reply = holder->waitForReply(id);
    QVERIFY(reply.ok);
    QCOMPARE(reply.result.value(u"outcome"_s).toString(), u"granted"_s);
    const QList<ServerMessage> messages = holder->messages();
    QCOMPARE(messages.at(messages.size() - 2).event, QString(events::LockAcquired));
    QCOMPARE(messages.last().id.toInteger(), id);

    ServerMessage mine;
    ServerMessage sibs;
    ServerMessage theirs;
    QVERIFY(holder->waitForEvent(events::LockAcquired, Record, &mine));
    QVERIFY(sibling->waitForEvent(events::LockAcquired, Record, &sibs));
    QVERIFY(other->waitForEvent(events::LockAcquired, Record, &theirs));
    const QJsonObject mineLock = mine.body.value(u"lock"_s).toObject();
    const QJsonObject sibLock = sibs.body.value(u"lock"_s).toObject();
    const QJsonObject theirLock = theirs.body.value(u"lock"_s).toObject();
    QCOMPARE(mineLock.value(u"token"_s).toInteger(), lockToken(reply));
    QVERIFY(mineLock.value(u"holder"_s).toObject().value(u"sameSession"_s).toBool());
    QVERIFY(!sibLock.contains(u"token"_s));
    QVERIFY(sibLock.value(u"holder"_s).toObject().value(u"sameUser"_s).toBool());
    QVERIFY(!sibLock.value(u"holder"_s).toObject().value(u"sameSession"_s).toBool());
    QVERIFY(!theirLock.contains(u"token"_s));
    QVERIFY(!theirLock.value(u"holder"_s).toObject().value(u"sameUser"_s).toBool());
    QCOMPARE(theirs.seq, mine.seq);
}

void TestRecordLockServer::deniedAcquireSendsLockDeniedFirst()
{
    startServer();
    auto alice = loggedIn(u"alice"_s);
    auto bob = loggedIn(u"bob"_s);
    QVERIFY(alice && bob);
    const ServerMessage granted = alice->request(ops::Acquire, recordArg());
    QVERIFY(granted.ok);
    const qint64 id = bob->send(ops::Acquire, recordArg());
    const ServerMessage denied = bob->waitForReply(id);
    QCOMPARE(TestClient::outcome(denied), u"lock_held"_s);
    QCOMPARE(denied.error.message, u"%1 is being edited by Alice Archer"_s.arg(Record));
    const QJsonObject lock = denied.error.details.value(u"lock"_s).toObject();
    QCOMPARE(lock.value(u"holder"_s).toObject().value(u"displayName"_s).toString(), u"Alice Archer"_s);
    QVERIFY(!lock.contains(u"token"_s));
    const QList<ServerMessage> messages = bob->messages();
    QCOMPARE(messages.at(messages.size() - 2).event, QString(events::LockDenied));
    QCOMPARE(messages.at(messages.size() - 2).seq, granted.result.value(u"lock"_s).toObject().value(u"seq"_s).toInteger());
}

void TestRecordLockServer::switchSessionMovesLockBetweenWindows()
{
    startServer();
    auto first = loggedIn(u"alice"_s);
    auto second = loggedIn(u"alice"_s);
    QVERIFY(first && second);
    QVERIFY(first->request(ops::Subscribe, recordArg()).ok);
    const ServerMessage granted = first->request(ops::Acquire, recordArg());
    QVERIFY(first->waitForEvent(events::LockAcquired, Record));
    const ServerMessage denied = second->request(ops::Acquire, recordArg());
    QCOMPARE(TestClient::outcome(denied), u"lock_held"_s);
    QVERIFY(denied.error.details.value(u"lock"_s).toObject().value(u"holder"_s).toObject().value(u"sameUser"_s).toBool());
    QJsonObject args = recordArg();
    args.insert(u"switchSession"_s, true);
    const ServerMessage switched = second->request(ops::Acquire, args);
    QVERIFY(switched.ok);
    QCOMPARE(switched.result.value(u"outcome"_s).toString(), u"switched"_s);
    QVERIFY(lockToken(switched) > lockToken(granted));
    ServerMessage released;
    QVERIFY(first->waitForEvent(events::LockReleased, Record, &released));
    QCOMPARE(released.body.value(u"reason"_s).toString(), u"switched"_s);
    QVERIFY(released.body.value(u"previousHolder"_s).toObject().value(u"sameSession"_s).toBool());
    ServerMessage acquired;
    QVERIFY(first->waitForEvent(events::LockAcquired, Record, &acquired));
    QCOMPARE(acquired.seq, released.seq + 1);
    const QJsonObject renew{{u"recordId"_s, Record}, {u"token"_s, lockToken(granted)}};
    QCOMPARE(TestClient::outcome(first->request(ops::Renew, renew)), u"not_holder"_s);
}

void TestRecordLockServer::takeoverClosesOldConnectionWith4000()
{
    startServer();
    auto old = loggedIn(u"alice"_s);
    auto watcher = loggedIn(u"bob"_s);
    QVERIFY(old && watcher);
    const ServerMessage granted = old->request(ops::Acquire, recordArg());
    QVERIFY(watcher->request(ops::Subscribe, recordArg()).ok);

    TestClient newer;
    newer.setSessionId(old->sessionId());
    QVERIFY(newer.connectTo(wsUrl()));
    const ServerMessage resumed = newer.auth(old->token());
    QVERIFY2(resumed.ok, qPrintable(TestClient::describe(resumed)));
    const QJsonArray locks = resumed.result.value(u"locks"_s).toArray();
    QCOMPARE(locks.size(), 1);
    QCOMPARE(locks.at(0).toObject().value(u"token"_s).toInteger(), lockToken(granted));
    QVERIFY(old->waitForDisconnected());
    QCOMPARE(old->closeCode(), 4000);
    // The session never dropped: once the server let go of the old connection, no presence change
    // went out, and the lock still works from the new connection.
    QTRY_COMPARE(server()->connectionCount(), 2);
    QVERIFY(watcher->request(ops::Ping).ok);
    for (const ServerMessage &event : watcher->events())
        QVERIFY2(event.event != events::LockHolderPresence, qPrintable(TestClient::describe(event)));
    const QJsonObject renew{{u"recordId"_s, Record}, {u"token"_s, lockToken(granted)}};
    QVERIFY(newer.request(ops::Renew, renew).ok);
}

void TestRecordLockServer::sessionIdOfAnotherUserConflicts()
{
    startServer();
    auto alice = loggedIn(u"alice"_s);
    auto carol = loggedIn(u"carol"_s);
    QVERIFY(alice && carol);
    QVERIFY(alice->request(ops::Acquire, recordArg()).ok);
    QVERIFY(carol->request(ops::Subscribe, recordArg()).ok);
    TestClient bob;
    QVERIFY(bob.connectTo(wsUrl()));
    QCOMPARE(TestClient::outcome(bob.login(u"bob"_s, u"bob"_s, alice->sessionId())), u"session_conflict"_s);
    QVERIFY(alice->isConnected());
    // Also while the session is only an orphan holding a lock.
    alice->abort();
    QVERIFY(carol->waitForEvent(events::LockHolderPresence, Record));
    QCOMPARE(TestClient::outcome(bob.login(u"bob"_s, u"bob"_s, alice->sessionId())), u"session_conflict"_s);
    QVERIFY(bob.login(u"bob"_s).ok);
}

void TestRecordLockServer::droppedConnectionOrphansAndAuthResumes()
{
    startServer(120'000, 30'000);
    auto alice = loggedIn(u"alice"_s);
    auto bob = loggedIn(u"bob"_s);
    QVERIFY(alice && bob);
    const ServerMessage granted = alice->request(ops::Acquire, recordArg());
    QVERIFY(bob->request(ops::Subscribe, recordArg()).ok);
    alice->abort();
    ServerMessage gone;
    QVERIFY(bob->waitForEvent(events::LockHolderPresence, Record, &gone));
    const QJsonObject goneLock = gone.body.value(u"lock"_s).toObject();
    QVERIFY(!goneLock.value(u"connected"_s).toBool());
    QVERIFY(goneLock.value(u"orphanDeadline"_s).toInteger() > m_clock.nowMs());

    TestClient again;
    again.setSessionId(alice->sessionId());
    QVERIFY(again.connectTo(wsUrl()));
    const ServerMessage resumed = again.auth(alice->token());
    QVERIFY(resumed.ok);
    QCOMPARE(resumed.result.value(u"token"_s).toString(), alice->token());
    QCOMPARE(resumed.result.value(u"locks"_s).toArray().at(0).toObject().value(u"token"_s).toInteger(),
             lockToken(granted));
    ServerMessage back;
    QVERIFY(bob->waitForEvent(events::LockHolderPresence, Record, &back));
    QVERIFY(back.body.value(u"lock"_s).toObject().value(u"connected"_s).toBool());
    QCOMPARE(back.seq, gone.seq + 1);
}

void TestRecordLockServer::orphanGraceRunsOutWithDisconnected()
{
    startServer(60'000, 400);
    auto alice = loggedIn(u"alice"_s);
    auto bob = loggedIn(u"bob"_s);
    QVERIFY(alice && bob);
    QVERIFY(alice->request(ops::Acquire, recordArg()).ok);
    QVERIFY(bob->request(ops::SubscribeAll).ok);
    alice->abort();
    ServerMessage released;
    QVERIFY(bob->waitForEvent(events::LockReleased, Record, &released, 3000));
    QCOMPARE(released.body.value(u"reason"_s).toString(), u"disconnected"_s);
    QCOMPARE(released.body.value(u"lock"_s).toObject().value(u"state"_s).toString(), u"free"_s);
}

void TestRecordLockServer::unrenewedLockExpiresOnTime()
{
    startServer(800, 30'000);
    auto alice = loggedIn(u"alice"_s);
    auto bob = loggedIn(u"bob"_s);
    QVERIFY(alice && bob);
    QVERIFY(bob->request(ops::Subscribe, recordArg()).ok);
    const ServerMessage granted = alice->request(ops::Acquire, recordArg());
    const qint64 expiresAt = granted.result.value(u"lock"_s).toObject().value(u"expiresAt"_s).toInteger();
    ServerMessage expired;
    QVERIFY(bob->waitForEvent(events::LockExpired, Record, &expired, 3000));
    QVERIFY(expired.serverTime >= expiresAt);
    QVERIFY(expired.serverTime < expiresAt + 1000);
    QCOMPARE(expired.body.value(u"previousHolder"_s).toObject().value(u"displayName"_s).toString(), u"Alice Archer"_s);
    const QJsonObject renew{{u"recordId"_s, Record}, {u"token"_s, lockToken(granted)}};
    QCOMPARE(TestClient::outcome(alice->request(ops::Renew, renew)), u"not_holder"_s);
}

void TestRecordLockServer::saveRecordChecksInOrder()
{
    startServer();
    auto alice = loggedIn(u"alice"_s);
    auto bob = loggedIn(u"bob"_s);
    QVERIFY(alice && bob);
    QVERIFY(bob->request(ops::Subscribe, recordArg()).ok);
    const auto save = [&](const QString &recordId, qint64 token, qint64 version) {
        return alice->request(ops::SaveRecord, QJsonObject{{u"recordId"_s, recordId}, {u"token"_s, token},
                                                           {u"version"_s, version},
                                                           {u"fields"_s, QJsonObject{{u"status"_s, u"Approved"_s}}}});
    };
    QCOMPARE(TestClient::outcome(save(u"NO-SUCH"_s, 1, 1)), u"not_found"_s);
    const ServerMessage noLock = save(Record, 1, 1);
    QCOMPARE(TestClient::outcome(noLock), u"no_lock"_s);
    QCOMPARE(noLock.error.details.value(u"lock"_s).toObject().value(u"state"_s).toString(), u"free"_s);
    const qint64 token = lockToken(alice->request(ops::Acquire, recordArg()));
    QCOMPARE(TestClient::outcome(save(Record, token + 1, 1)), u"stale_token"_s);
    const ServerMessage stale = save(Record, token, 7);
    QCOMPARE(TestClient::outcome(stale), u"stale_version"_s);
    QCOMPARE(stale.error.details.value(u"currentVersion"_s).toInteger(), 1);
    const ServerMessage saved = save(Record, token, 1);
    QVERIFY2(saved.ok, qPrintable(TestClient::describe(saved)));
    QCOMPARE(saved.result.value(u"record"_s).toObject().value(u"version"_s).toInteger(), 2);
    QVERIFY(saved.result.value(u"record"_s).toObject().value(u"fields"_s).toObject().contains(u"claimant"_s));
    ServerMessage updated;
    QVERIFY(bob->waitForEvent(events::RecordUpdated, Record, &updated));
    const QJsonObject record = updated.body.value(u"record"_s).toObject();
    QCOMPARE(record.value(u"fields"_s).toObject(), (QJsonObject{{u"status"_s, u"Approved"_s}}));
    QCOMPARE(record.value(u"version"_s).toInteger(), 2);
    QVERIFY(!record.value(u"title"_s).toString().isEmpty());
    QCOMPARE(updated.body.value(u"changedFields"_s).toArray(), (QJsonArray{u"status"_s}));
}

void TestRecordLockServer::logoutReleasesAndCloses1000()
{
    startServer();
    auto alice = loggedIn(u"alice"_s);
    auto bob = loggedIn(u"bob"_s);
    QVERIFY(alice && bob);
    QVERIFY(alice->request(ops::Acquire, recordArg()).ok);
    QVERIFY(bob->request(ops::Subscribe, recordArg()).ok);
    QVERIFY(alice->request(ops::Logout).ok);
    QVERIFY(alice->waitForDisconnected());
    QCOMPARE(alice->closeCode(), 1000);
    ServerMessage released;
    QVERIFY(bob->waitForEvent(events::LockReleased, Record, &released));
    QCOMPARE(released.body.value(u"reason"_s).toString(), u"logout"_s);
    QTRY_COMPARE(server()->connectionCount(), 1);
    QVERIFY(bob->request(ops::Ping).ok);
    for (const ServerMessage &event : bob->events())
        QVERIFY2(event.event != events::LockHolderPresence, qPrintable(TestClient::describe(event)));
}

QTEST_GUILESS_MAIN(TestRecordLockServer)
#include "tst_recordlockserver.moc"
