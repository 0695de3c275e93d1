// The REST API of a real recordlockd over HTTP on loopback: sign-in, lock state, acquire / renew /
// release / override seen by WebSocket watchers, the fencing check, and every error answer.

#include <memory>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
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

/// One HTTP answer: status, JSON body (empty if none) and the headers that matter here.
struct HttpAnswer
{
    int status = 0;
    QJsonObject body;
    QByteArray wwwAuthenticate;
    QByteArray retryAfter;
    QByteArray contentType;
    QString networkError;

    /// The error code of an error body, "" for a success body.
    QString errorCode() const { return body.value(u"error"_s).toObject().value(u"code"_s).toString(); }
    /// The error object of an error body.
    QJsonObject error() const { return body.value(u"error"_s).toObject(); }
    /// For failure messages.
    QByteArray describe() const
    {
        return QByteArray::number(status) + ' ' + QJsonDocument(body).toJson(QJsonDocument::Compact) + ' '
               + networkError.toUtf8();
    }
};

} // namespace

class TestRestApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void loginAnswersTokenAndPublicIdentity();
    void stateOfAFreeRecord();
    void lockLifecycleReachesWebSocketWatchers();
    void heldByAnotherIsConflict();
    void sessionNamedByTheCallerAndBelongingToAnother();
    void overrideEndsTheFencingToken();
    void unauthenticatedAnswers();
    void editorMayNotOverride();
    void unknownRecordAndEndpoint();
    void badBodies();
    void wrongPasswordAndSharedLoginThrottle();
    void requestRateIsPerUserAcrossWebSocketAndRest();
    void restHeldLockResumesByRenewAfterRestart();

private:
    HttpAnswer call(const ServerProcess &server, const QByteArray &method, const QString &path,
                    const QByteArray &body = {}, const QString &token = {});
    HttpAnswer call(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token)
    {
        return call(m_server, method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
    }
    QString restLogin(const ServerProcess &server, const QString &user);
    std::unique_ptr<TestClient> watcher(const QString &user, const QString &recordId);

    ServerProcess m_server;
    QNetworkAccessManager m_http;
    QString m_alice;
    QString m_bob;
    QString m_carol;
};

HttpAnswer TestRestApi::call(const ServerProcess &server, const QByteArray &method, const QString &path,
                             const QByteArray &body, const QString &token)
{
    QNetworkRequest request(server.httpUrl(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    std::unique_ptr<QNetworkReply> reply(m_http.sendCustomRequest(request, method, body));
    HttpAnswer answer;
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10'000)) {
        answer.networkError = u"no answer within 10 s"_s;
        return answer;
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = QJsonDocument::fromJson(reply->readAll()).object();
    answer.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
    answer.retryAfter = reply->rawHeader("Retry-After");
    answer.contentType = reply->rawHeader("Content-Type");
    if (reply->error() != QNetworkReply::NoError && answer.status == 0)
        answer.networkError = reply->errorString();
    return answer;
}

QString TestRestApi::restLogin(const ServerProcess &server, const QString &user)
{
    const QJsonObject body{{u"user"_s, user}, {u"password"_s, user}};
    const HttpAnswer answer =
        call(server, "POST", u"/api/v1/login"_s, QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (answer.status != 200)
        qWarning().noquote() << "REST login of" << user << "failed:" << answer.describe();
    return answer.body.value(u"token"_s).toString();
}

std::unique_ptr<TestClient> TestRestApi::watcher(const QString &user, const QString &recordId)
{
    auto client = std::make_unique<TestClient>();
    const ServerMessage login = client->connectAndLogin(m_server.wsUrl(), user);
    if (!login.ok || !client->request(ops::Subscribe, recordArg(recordId)).ok)
        return nullptr;
    return client;
}

void TestRestApi::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    m_alice = restLogin(m_server, u"alice"_s);
    m_bob = restLogin(m_server, u"bob"_s);
    m_carol = restLogin(m_server, u"carol"_s);
    QVERIFY(!m_alice.isEmpty() && !m_bob.isEmpty() && !m_carol.isEmpty());
}

void TestRestApi::cleanupTestCase()
{
    m_server.stop();
}

void TestRestApi::loginAnswersTokenAndPublicIdentity()
{
    const HttpAnswer answer = call("POST", u"/api/v1/login"_s,
                                   QJsonObject{{u"user"_s, u"alice"_s}, {u"password"_s, u"alice"_s}}, {});
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.contentType, QByteArray("application/json"));
    QVERIFY(answer.body.value(u"token"_s).toString().startsWith(u"eyJ"_s));
    QVERIFY(answer.body.value(u"tokenExpiresAt"_s).toInteger() > 0);
    const QJsonObject user = answer.body.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"displayName"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(user.value(u"role"_s).toString(), u"editor"_s);
    QVERIFY(user.value(u"handle"_s).toString().startsWith(u"u_"_s));
    QVERIFY(!user.contains(u"id"_s));
    QCOMPARE(answer.body.value(u"lockTtlMs"_s).toInteger(), 120'000);

    // The token is the WebSocket one: auth accepts it.
    TestClient client;
    QVERIFY(client.connectTo(m_server.wsUrl()));
    QCOMPARE(TestClient::outcome(client.auth(answer.body.value(u"token"_s).toString())), u"ok"_s);
}

void TestRestApi::stateOfAFreeRecord()
{
    const HttpAnswer answer = call(m_server, "GET", u"/api/v1/records/CL-2026-0020/lock"_s, {}, m_bob);
    QCOMPARE(answer.status, 200);
    const LockInfo lock = lockOf(answer.body);
    QCOMPARE(lock.recordId, u"CL-2026-0020"_s);
    QVERIFY(!lock.held);
    QVERIFY(!answer.body.contains(u"fencing"_s));
}

void TestRestApi::lockLifecycleReachesWebSocketWatchers()
{
    const QString record = u"CL-2026-0021"_s;
    const auto bob = watcher(u"bob"_s, record);
    QVERIFY(bob);
    const QString path = u"/api/v1/records/%1/lock"_s.arg(record);
    const qint64 seqBefore = lockOf(call(m_server, "GET", path, {}, m_bob).body).seq;

    // Acquire without a session: the server makes one up and returns it.
    const HttpAnswer acquired = call("POST", u"/api/v1/records/%1/lock"_s.arg(record), QJsonObject(), m_alice);
    QVERIFY2(acquired.status == 200, acquired.describe());
    QCOMPARE(acquired.body.value(u"outcome"_s).toString(), u"granted"_s);
    const QString session = acquired.body.value(u"sessionId"_s).toString();
    QVERIFY(session.startsWith(u"rest-"_s));
    const LockInfo lock = lockOf(acquired.body);
    QVERIFY(lock.held);
    QVERIFY(lock.sameSession);
    QVERIFY(lock.connected);
    QVERIFY(lock.token > 0);
    QCOMPARE(lock.seq, seqBefore + 1);

    ServerMessage event;
    QVERIFY(bob->waitForEvent(events::LockAcquired, record, &event));
    QCOMPARE(event.seq, seqBefore + 1);
    const LockInfo seen = lockOf(event.body);
    QCOMPARE(seen.holderName, u"Alice Archer"_s);
    QCOMPARE(seen.holderHandle, lock.holderHandle);
    QVERIFY(seen.connected);
    QVERIFY2(!event.body.value(u"lock"_s).toObject().contains(u"token"_s), "a watcher never sees the token");

    // State as another user sees it: the holder, no token; the fencing check answers true.
    const HttpAnswer state =
        call(m_server, "GET", u"/api/v1/records/%1/lock?sessionId=%3&token=%2"_s.arg(record).arg(lock.token).arg(session), {}, m_bob);
    QCOMPARE(state.status, 200);
    QCOMPARE(lockOf(state.body).holderName, u"Alice Archer"_s);
    QVERIFY(!state.body.value(u"lock"_s).toObject().contains(u"token"_s));
    QCOMPARE(state.body.value(u"fencing"_s).toObject().value(u"current"_s), QJsonValue(true));
    QCOMPARE(state.body.value(u"fencing"_s).toObject().value(u"token"_s).toInteger(), lock.token);
    const HttpAnswer other =
        call(m_server, "GET", u"/api/v1/records/%1/lock?sessionId=%3&token=%2"_s.arg(record).arg(lock.token + 1).arg(session), {}, m_bob);
    QCOMPARE(other.body.value(u"fencing"_s).toObject().value(u"current"_s), QJsonValue(false));
    // Naming the holding session shows the token to its own user only.
    const QString withSession = u"/api/v1/records/%1/lock?sessionId=%2"_s.arg(record, session);
    QCOMPARE(lockOf(call(m_server, "GET", withSession, {}, m_alice).body).token, lock.token);
    QCOMPARE(lockOf(call(m_server, "GET", withSession, {}, m_bob).body).token, 0);

    const QJsonObject holderBody{{u"sessionId"_s, session}, {u"token"_s, lock.token}};
    const HttpAnswer renewed = call("POST", u"/api/v1/records/%1/lock/renew"_s.arg(record), holderBody, m_alice);
    QVERIFY2(renewed.status == 200, renewed.describe());
    QCOMPARE(lockOf(renewed.body).token, lock.token);
    QVERIFY(bob->waitForEvent(events::LockRenewed, record));

    const QJsonObject staleBody{{u"sessionId"_s, session}, {u"token"_s, lock.token + 7}};
    const HttpAnswer stale = call("POST", u"/api/v1/records/%1/lock/renew"_s.arg(record), staleBody, m_alice);
    QCOMPARE(stale.status, 409);
    QCOMPARE(stale.errorCode(), u"stale_token"_s);

    const HttpAnswer released = call("POST", u"/api/v1/records/%1/lock/release"_s.arg(record), holderBody, m_alice);
    QVERIFY2(released.status == 200, released.describe());
    QVERIFY(!lockOf(released.body).held);
    QVERIFY(bob->waitForEvent(events::LockReleased, record, &event));
    QCOMPARE(event.body.value(u"reason"_s).toString(), u"released"_s);

    const HttpAnswer after =
        call(m_server, "GET", u"/api/v1/records/%1/lock?sessionId=%3&token=%2"_s.arg(record).arg(lock.token).arg(session), {}, m_bob);
    QCOMPARE(after.body.value(u"fencing"_s).toObject().value(u"current"_s), QJsonValue(false));

    // A second release finds nothing to release.
    const HttpAnswer again = call("POST", u"/api/v1/records/%1/lock/release"_s.arg(record), holderBody, m_alice);
    QCOMPARE(again.status, 409);
    QCOMPARE(again.errorCode(), u"not_holder"_s);
}

void TestRestApi::heldByAnotherIsConflict()
{
    const QString record = u"CL-2026-0022"_s;
    TestClient bob;
    QVERIFY(bob.connectAndLogin(m_server.wsUrl(), u"bob"_s).ok);
    const ServerMessage held = bob.request(ops::Acquire, recordArg(record));
    QVERIFY(held.ok);

    const HttpAnswer refused = call("POST", u"/api/v1/records/%1/lock"_s.arg(record), QJsonObject(), m_alice);
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), u"lock_held"_s);
    const LockInfo holder = lockOf(refused.error());
    QCOMPARE(holder.holderName, u"Bob Baker"_s);
    QVERIFY(holder.connected);
    QVERIFY(!refused.error().value(u"lock"_s).toObject().contains(u"token"_s));
    QVERIFY(!QJsonDocument(refused.body).toJson().contains(bob.sessionId().toUtf8()));

    // Bob's own REST call with his window's session renews it: the lock belongs to the session.
    const QJsonObject bobBody{{u"sessionId"_s, bob.sessionId()}, {u"token"_s, lockOf(held.result).token}};
    QCOMPARE(call("POST", u"/api/v1/records/%1/lock/renew"_s.arg(record), bobBody, m_bob).status, 200);
    QVERIFY(bob.request(ops::Release, tokenArgs(record, lockOf(held.result).token)).ok);
}

void TestRestApi::sessionNamedByTheCallerAndBelongingToAnother()
{
    const QString record = u"CL-2026-0023"_s;
    const QJsonObject named{{u"sessionId"_s, u"crm-sync-worker-1"_s}};
    const HttpAnswer acquired = call("POST", u"/api/v1/records/%1/lock"_s.arg(record), named, m_alice);
    QVERIFY2(acquired.status == 200, acquired.describe());
    QCOMPARE(acquired.body.value(u"sessionId"_s).toString(), u"crm-sync-worker-1"_s);
    const qint64 token = lockOf(acquired.body).token;

    // Acquiring again with the same session renews; another user cannot use that session.
    const HttpAnswer renewedByAcquire = call("POST", u"/api/v1/records/%1/lock"_s.arg(record), named, m_alice);
    QCOMPARE(renewedByAcquire.body.value(u"outcome"_s).toString(), u"renewed"_s);
    const QJsonObject bobBody{{u"sessionId"_s, u"crm-sync-worker-1"_s}, {u"token"_s, token}};
    const HttpAnswer stolen = call("POST", u"/api/v1/records/%1/lock/release"_s.arg(record), bobBody, m_bob);
    QCOMPARE(stolen.status, 409);
    QCOMPARE(stolen.errorCode(), u"session_conflict"_s);
    QVERIFY(lockOf(call(m_server, "GET", u"/api/v1/records/%1/lock"_s.arg(record), {}, m_bob).body).held);

    QCOMPARE(call("POST", u"/api/v1/records/%1/lock/release"_s.arg(record), bobBody, m_alice).status, 200);
}

void TestRestApi::overrideEndsTheFencingToken()
{
    const QString record = u"CL-2026-0024"_s;
    const auto bob = watcher(u"bob"_s, record);
    QVERIFY(bob);
    const HttpAnswer acquired = call("POST", u"/api/v1/records/%1/lock"_s.arg(record), QJsonObject(), m_alice);
    QCOMPARE(acquired.status, 200);
    const LockInfo alice = lockOf(acquired.body);
    const QString checkAlice = u"/api/v1/records/%1/lock?sessionId=%3&token=%2"_s.arg(record)
                                   .arg(alice.token)
                                   .arg(acquired.body.value(u"sessionId"_s).toString());
    QCOMPARE(call(m_server, "GET", checkAlice, {}, m_carol).body.value(u"fencing"_s).toObject().value(u"current"_s),
             QJsonValue(true));

    const QJsonObject body{{u"reason"_s, u"customer on the phone"_s}, {u"expectHolder"_s, alice.holderHandle}};
    const HttpAnswer overridden = call("POST", u"/api/v1/records/%1/lock/override"_s.arg(record), body, m_carol);
    QVERIFY2(overridden.status == 200, overridden.describe());
    QCOMPARE(overridden.body.value(u"outcome"_s).toString(), u"overridden"_s);
    const LockInfo carol = lockOf(overridden.body);
    QCOMPARE(carol.holderName, u"Carol White"_s);
    QVERIFY(carol.token > alice.token);
    ServerMessage event;
    QVERIFY(bob->waitForEvent(events::LockOverride, record, &event));
    QCOMPARE(event.body.value(u"reason"_s).toString(), u"customer on the phone"_s);

    QCOMPARE(call(m_server, "GET", checkAlice, {}, m_bob).body.value(u"fencing"_s).toObject().value(u"current"_s),
             QJsonValue(false));
    const QJsonObject aliceBody{{u"sessionId"_s, acquired.body.value(u"sessionId"_s).toString()},
                                {u"token"_s, alice.token}};
    QCOMPARE(call("POST", u"/api/v1/records/%1/lock/renew"_s.arg(record), aliceBody, m_alice).errorCode(),
             u"not_holder"_s);

    const QJsonObject carolBody{{u"sessionId"_s, overridden.body.value(u"sessionId"_s).toString()},
                                {u"token"_s, carol.token}};
    QCOMPARE(call("POST", u"/api/v1/records/%1/lock/release"_s.arg(record), carolBody, m_carol).status, 200);
}

void TestRestApi::unauthenticatedAnswers()
{
    const QString path = u"/api/v1/records/CL-2026-0025/lock"_s;
    const HttpAnswer missing = call(m_server, "GET", path);
    QCOMPARE(missing.status, 401);
    QCOMPARE(missing.errorCode(), u"unauthenticated"_s);
    QCOMPARE(missing.error().value(u"reason"_s).toString(), u"missing"_s);
    QVERIFY(!missing.error().value(u"message"_s).toString().isEmpty());
    QCOMPARE(missing.wwwAuthenticate, QByteArray("Bearer"));

    const HttpAnswer invalid = call(m_server, "GET", path, {}, u"not-a-token"_s);
    QCOMPARE(invalid.status, 401);
    QCOMPARE(invalid.error().value(u"reason"_s).toString(), u"invalid"_s);

    QString tampered = m_alice;
    tampered[tampered.size() - 2] = tampered.at(tampered.size() - 2) == u'A' ? u'B' : u'A';
    const HttpAnswer forged = call("POST", path, QJsonObject(), tampered);
    QCOMPARE(forged.status, 401);
    QCOMPARE(forged.error().value(u"reason"_s).toString(), u"invalid"_s);
    // The forged token took nothing.
    const HttpAnswer state = call(m_server, "GET", path, {}, m_bob);
    QCOMPARE(state.status, 200);
    QVERIFY(!lockOf(state.body).held);
}

void TestRestApi::editorMayNotOverride()
{
    const QJsonObject body{{u"reason"_s, u"I need it now"_s}};
    const HttpAnswer refused = call("POST", u"/api/v1/records/CL-2026-0019/lock/override"_s, body, m_alice);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.errorCode(), u"forbidden"_s);
    // The role comes before the record: an editor learns nothing about record ids.
    QCOMPARE(call("POST", u"/api/v1/records/NO-SUCH-RECORD/lock/override"_s, body, m_alice).status, 403);
    QCOMPARE(call("POST", u"/api/v1/records/CL-2026-0019/lock/override"_s, QJsonObject(), m_alice).status, 403);
}

void TestRestApi::unknownRecordAndEndpoint()
{
    const HttpAnswer state = call(m_server, "GET", u"/api/v1/records/NO-SUCH-RECORD/lock"_s, {}, m_alice);
    QCOMPARE(state.status, 404);
    QCOMPARE(state.errorCode(), u"not_found"_s);
    const HttpAnswer acquire = call("POST", u"/api/v1/records/NO-SUCH-RECORD/lock"_s, QJsonObject(), m_alice);
    QCOMPARE(acquire.status, 404);
    QCOMPARE(acquire.errorCode(), u"not_found"_s);

    const HttpAnswer endpoint = call(m_server, "DELETE", u"/api/v1/records/CL-2026-0018/lock"_s, {}, m_alice);
    QCOMPARE(endpoint.status, 404);
    QCOMPARE(endpoint.errorCode(), u"unknown_op"_s);
    // Outside /api/ nothing changes: /healthz still answers.
    QCOMPARE(call(m_server, "GET", u"/healthz"_s).status, 200);
}

void TestRestApi::badBodies()
{
    const QString renew = u"/api/v1/records/CL-2026-0017/lock/renew"_s;
    const HttpAnswer notJson = call(m_server, "POST", renew, "sessionId=abc&token=4", m_alice);
    QCOMPARE(notJson.status, 400);
    QCOMPARE(notJson.errorCode(), u"bad_request"_s);

    const HttpAnswer noToken = call("POST", renew, QJsonObject{{u"sessionId"_s, u"crm-sync-worker-2"_s}}, m_alice);
    QCOMPARE(noToken.status, 400);
    QCOMPARE(noToken.errorCode(), u"invalid_argument"_s);
    QCOMPARE(noToken.error().value(u"field"_s).toString(), u"token"_s);

    const HttpAnswer badQuery =
        call(m_server, "GET", u"/api/v1/records/CL-2026-0017/lock?token=zero"_s, {}, m_alice);
    QCOMPARE(badQuery.status, 400);
    QCOMPARE(badQuery.error().value(u"field"_s).toString(), u"token"_s);
    const HttpAnswer tokenAlone = call(m_server, "GET", u"/api/v1/records/CL-2026-0017/lock?token=3"_s, {}, m_alice);
    QCOMPARE(tokenAlone.status, 400);
    QCOMPARE(tokenAlone.error().value(u"field"_s).toString(), u"sessionId"_s);

    const QByteArray huge = R"({"reason":")" + QByteArray(70'000, 'x') + R"("})";
    const HttpAnswer oversized =
        call(m_server, "POST", u"/api/v1/records/CL-2026-0017/lock/override"_s, huge, m_carol);
    QCOMPARE(oversized.status, 413);
    QCOMPARE(oversized.errorCode(), u"message_too_large"_s);

    const HttpAnswer badLogin = call(m_server, "POST", u"/api/v1/login"_s, "{\"user\":", {});
    QCOMPARE(badLogin.status, 400);
    QCOMPARE(badLogin.errorCode(), u"bad_request"_s);
}

void TestRestApi::wrongPasswordAndSharedLoginThrottle()
{
    // A name nobody else in this test uses: its failures must not lock out the others.
    const QJsonObject wrong{{u"user"_s, u"dave"_s}, {u"password"_s, u"guess"_s}};
    const HttpAnswer first = call("POST", u"/api/v1/login"_s, wrong, {});
    QCOMPARE(first.status, 401);
    QCOMPARE(first.errorCode(), u"invalid_credentials"_s);
    for (int attempt = 2; attempt <= 5; ++attempt)
        QCOMPARE(call("POST", u"/api/v1/login"_s, wrong, {}).errorCode(), u"invalid_credentials"_s);

    const HttpAnswer throttled = call("POST", u"/api/v1/login"_s, wrong, {});
    QCOMPARE(throttled.status, 429);
    QCOMPARE(throttled.errorCode(), u"rate_limited"_s);
    QVERIFY(throttled.error().value(u"retryAfterMs"_s).toInteger() > 0);
    QVERIFY(throttled.retryAfter.toInt() >= 1);

    // The same throttle guards the WebSocket login.
    TestClient client;
    QVERIFY(client.connectTo(m_server.wsUrl()));
    QCOMPARE(TestClient::outcome(client.login(u"dave"_s, u"guess"_s)), u"rate_limited"_s);
}

void TestRestApi::requestRateIsPerUserAcrossWebSocketAndRest()
{
    ServerProcess::Options options;
    options.extraArgs = QStringList{u"--rate-burst"_s, u"3"_s, u"--rate-per-second"_s, u"1"_s};
    ServerProcess server(options);
    QVERIFY2(server.start(), qPrintable(server.output()));
    const QString token = restLogin(server, u"alice"_s);
    QVERIFY(!token.isEmpty());
    TestClient socket;
    QVERIFY(socket.connectAndLogin(server.wsUrl(), u"alice"_s).ok);

    // Three requests in all, two over the socket and one over REST, empty Alice's bucket.
    for (int i = 0; i < 2; ++i) {
        const ServerMessage reply = socket.request(ops::GetLock, recordArg(u"CL-2026-0001"_s));
        QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    }
    QCOMPARE(call(server, "GET", u"/api/v1/records/CL-2026-0001/lock"_s, {}, token).status, 200);
    const HttpAnswer refused = call(server, "GET", u"/api/v1/records/CL-2026-0001/lock"_s, {}, token);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), u"rate_limited"_s);
    QVERIFY(refused.error().value(u"retryAfterMs"_s).toInteger() > 0);
    QCOMPARE(TestClient::outcome(socket.request(ops::GetLock, recordArg(u"CL-2026-0001"_s))), u"rate_limited"_s);
    server.stop();
}

void TestRestApi::restHeldLockResumesByRenewAfterRestart()
{
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.output()));
    const QString token = restLogin(server, u"alice"_s);
    QVERIFY(!token.isEmpty());
    const QString path = u"/api/v1/records/CL-2026-0002/lock"_s;
    const HttpAnswer acquired = call(server, "POST", path, {}, token);
    QCOMPARE(acquired.status, 200);
    const LockInfo lock = lockOf(acquired.body);
    QVERIFY(lock.connected);

    // After a restart every holder is disconnected, REST ones included, until it renews.
    QVERIFY2(server.restart(), qPrintable(server.output()));
    const LockInfo restored = lockOf(call(server, "GET", path, {}, token).body);
    QVERIFY(restored.held);
    QVERIFY(!restored.connected);
    QVERIFY(restored.orphanDeadline > 0);
    const QJsonObject body{{u"sessionId"_s, acquired.body.value(u"sessionId"_s).toString()}, {u"token"_s, lock.token}};
    const HttpAnswer renewed = call(server, "POST", path + u"/renew"_s,
                                    QJsonDocument(body).toJson(QJsonDocument::Compact), token);
    QVERIFY2(renewed.status == 200, renewed.describe());
    QCOMPARE(lockOf(renewed.body).token, lock.token);
    QVERIFY(lockOf(renewed.body).connected);
    server.stop();
}

QTEST_GUILESS_MAIN(TestRestApi)
#include "tst_restapi.moc"
