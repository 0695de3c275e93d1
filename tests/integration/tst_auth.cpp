// Login, auth with a token, the auth-first rule and session ownership against a real recordlockd.

#include <memory>

#include <QJsonArray>
#include <QTest>
#include <QUuid>

#include "protocol/names.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

QString freshSessionId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loginReturnsSession();
    void loginRoles_data();
    void loginRoles();
    void wrongCredentials_data();
    void wrongCredentials();
    void opsBeforeLoginAreRefused();
    void tokenWorksOnSecondConnection();
    void garbageTokenIsInvalid_data();
    void garbageTokenIsInvalid();
    void sessionIdOfAnotherUserConflicts();
    void sameSessionTakesOverConnection();
    void requestsBehindPendingLoginKeepOrder();
    void expiredTokenIsRefused();

private:
    std::unique_ptr<TestClient> loggedIn(const QString &user);

    ServerProcess m_server;
};

std::unique_ptr<TestClient> TestAuth::loggedIn(const QString &user)
{
    auto client = std::make_unique<TestClient>();
    const ServerMessage reply = client->connectAndLogin(m_server.wsUrl(), user);
    if (!reply.ok) {
        qWarning().noquote() << "login of" << user << "failed:" << TestClient::describe(reply);
        return nullptr;
    }
    return client;
}

void TestAuth::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
}

void TestAuth::loginReturnsSession()
{
    TestClient client;
    QVERIFY(client.connectTo(m_server.wsUrl()));
    const ServerMessage reply = client.login(u"alice"_s);
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QVERIFY(reply.serverTime > 0);

    const QJsonObject result = reply.result;
    QVERIFY(result.value(u"token"_s).isString());
    QVERIFY(!result.value(u"token"_s).toString().isEmpty());
    QVERIFY(result.value(u"tokenExpiresAt"_s).isDouble());
    QVERIFY(qint64(result.value(u"tokenExpiresAt"_s).toDouble()) > reply.serverTime);
    QCOMPARE(result.value(u"sessionId"_s).toString(), client.sessionId());

    const QJsonObject user = result.value(u"user"_s).toObject();
    QVERIFY(user.value(u"handle"_s).isString());
    QVERIFY(!user.value(u"handle"_s).toString().isEmpty());
    QVERIFY(user.value(u"handle"_s).toString() != u"alice");
    QCOMPARE(user.value(u"displayName"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(user.value(u"role"_s).toString(), u"editor"_s);

    QCOMPARE(result.value(u"lockTtlMs"_s).toInteger(), 120'000);
    QCOMPARE(result.value(u"orphanGraceMs"_s).toInteger(), 30'000);
    QVERIFY(result.value(u"locks"_s).isArray());
    QVERIFY(result.value(u"locks"_s).toArray().isEmpty());

    // Logged in: an ordinary op now works.
    const ServerMessage lock = client.request(ops::GetLock, {{u"recordId"_s, u"C-1001"_s}});
    QVERIFY2(lock.ok, qPrintable(TestClient::describe(lock)));
}

void TestAuth::loginRoles_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QString>("role");
    QTest::newRow("bob") << u"bob"_s << u"Bob Baker"_s << u"editor"_s;
    QTest::newRow("carol") << u"carol"_s << u"Carol White"_s << u"admin"_s;
}

void TestAuth::loginRoles()
{
    QFETCH(QString, user);
    QFETCH(QString, displayName);
    QFETCH(QString, role);
    TestClient client;
    const ServerMessage reply = client.connectAndLogin(m_server.wsUrl(), user);
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    const QJsonObject userObject = reply.result.value(u"user"_s).toObject();
    QCOMPARE(userObject.value(u"displayName"_s).toString(), displayName);
    QCOMPARE(userObject.value(u"role"_s).toString(), role);
}

void TestAuth::wrongCredentials_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::newRow("wrong password") << u"alice"_s << u"bob"_s;
    QTest::newRow("empty password") << u"alice"_s << u""_s;
    QTest::newRow("unknown user") << u"mallory"_s << u"mallory"_s;
}

void TestAuth::wrongCredentials()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    TestClient client;
    QVERIFY(client.connectTo(m_server.wsUrl()));
    const ServerMessage refused = client.login(user, password);
    // protocol.md leaves open whether an empty password is out of range or merely wrong.
    if (password.isEmpty())
        QVERIFY2(TestClient::outcome(refused) == u"invalid_credentials"
                     || TestClient::outcome(refused) == u"invalid_argument",
                 qPrintable(TestClient::describe(refused)));
    else
        QCOMPARE(TestClient::outcome(refused), u"invalid_credentials"_s);

    // Still not logged in, and the connection stays usable for a correct login.
    const ServerMessage stillOut = client.request(ops::GetLock, {{u"recordId"_s, u"C-1001"_s}});
    QCOMPARE(TestClient::outcome(stillOut), u"unauthenticated"_s);
    QVERIFY(client.isConnected());
    const ServerMessage ok = client.login(u"alice"_s);
    QVERIFY2(ok.ok, qPrintable(TestClient::describe(ok)));
}

void TestAuth::opsBeforeLoginAreRefused()
{
    const QString recordId = u"C-1002"_s;
    auto observer = loggedIn(u"carol"_s);
    QVERIFY(observer);
    const ServerMessage before = observer->request(ops::GetLock, {{u"recordId"_s, recordId}});
    QVERIFY2(before.ok, qPrintable(TestClient::describe(before)));

    TestClient anonymous;
    QVERIFY(anonymous.connectTo(m_server.wsUrl()));
    const QList<std::pair<QLatin1StringView, QJsonObject>> attempts{
        {ops::Acquire, {{u"recordId"_s, recordId}}},
        {ops::Subscribe, {{u"recordId"_s, recordId}}},
        {ops::SubscribeAll, {}},
        {ops::GetRecord, {{u"recordId"_s, recordId}}},
        {ops::ListRecords, {}},
        {ops::SaveRecord, {{u"recordId"_s, recordId}, {u"token"_s, 1}, {u"version"_s, 1},
                           {u"fields"_s, QJsonObject{{u"notes"_s, u"anonymous"_s}}}}},
        {ops::Logout, {}},
    };
    for (const auto &[op, args] : attempts) {
        const ServerMessage reply = anonymous.request(op, args);
        QCOMPARE(TestClient::outcome(reply), u"unauthenticated"_s);
        QCOMPARE(reply.error.details.value(u"reason"_s).toString(), u"missing"_s);
        QVERIFY(anonymous.isConnected());
    }
    // ping is allowed before login.
    const ServerMessage pong = anonymous.request(ops::Ping);
    QVERIFY2(pong.ok, qPrintable(TestClient::describe(pong)));
    QCOMPARE(pong.result.value(u"pong"_s).toBool(), true);

    // None of the refused ops had an effect: the lock is untouched, the record unchanged.
    const ServerMessage after = observer->request(ops::GetLock, {{u"recordId"_s, recordId}});
    QVERIFY2(after.ok, qPrintable(TestClient::describe(after)));
    QCOMPARE(after.result.value(u"lock"_s).toObject(), before.result.value(u"lock"_s).toObject());
    const ServerMessage record = observer->request(ops::GetRecord, {{u"recordId"_s, recordId}});
    QVERIFY2(record.ok, qPrintable(TestClient::describe(record)));
    QVERIFY(record.result.value(u"record"_s).toObject().value(u"fields"_s).toObject().value(u"notes"_s)
            != u"anonymous"_s);
    QVERIFY(anonymous.events().isEmpty());
}

void TestAuth::tokenWorksOnSecondConnection()
{
    auto first = loggedIn(u"alice"_s);
    QVERIFY(first);
    const QString token = first->token();
    QVERIFY(!token.isEmpty());

    TestClient second;
    second.setSessionId(freshSessionId());
    QVERIFY(second.connectTo(m_server.wsUrl()));
    const ServerMessage reply = second.auth(token);
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(reply.result.value(u"token"_s).toString(), token);
    QCOMPARE(reply.result.value(u"sessionId"_s).toString(), second.sessionId());
    QCOMPARE(reply.result.value(u"user"_s).toObject().value(u"displayName"_s).toString(), u"Alice Archer"_s);
    QVERIFY(reply.result.value(u"locks"_s).isArray());
    QVERIFY(reply.result.contains(u"lockTtlMs"_s));
    QVERIFY(reply.result.contains(u"orphanGraceMs"_s));
    QVERIFY(reply.result.contains(u"tokenExpiresAt"_s));

    const ServerMessage lock = second.request(ops::GetLock, {{u"recordId"_s, u"C-1003"_s}});
    QVERIFY2(lock.ok, qPrintable(TestClient::describe(lock)));
    // A different session id: the first connection is not taken over.
    QVERIFY(first->request(ops::Ping).ok);
    QVERIFY(first->isConnected());
}

void TestAuth::garbageTokenIsInvalid_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("garbage") << u"garbage"_s;
    QTest::newRow("tampered signature") << u"signature"_s;
    QTest::newRow("tampered payload") << u"payload"_s;
}

void TestAuth::garbageTokenIsInvalid()
{
    QFETCH(QString, kind);
    auto issuer = loggedIn(u"bob"_s);
    QVERIFY(issuer);
    QString token = issuer->token();
    const QStringList parts = token.split(u'.');
    QCOMPARE(parts.size(), 3);
    if (kind == u"garbage") {
        token = u"not-a-token"_s;
    } else if (kind == u"signature") {
        QString signature = parts.at(2);
        signature[0] = signature.at(0) == u'A' ? u'B' : u'A';
        token = parts.at(0) + u'.' + parts.at(1) + u'.' + signature;
    } else {
        // An extra claim keeps the JSON valid but breaks the signature.
        QByteArray payload = QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding);
        QVERIFY(payload.endsWith('}'));
        payload.chop(1);
        payload += ",\"role\":\"admin\"}";
        token = parts.at(0) + u'.'
                + QString::fromLatin1(payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
                + u'.' + parts.at(2);
    }

    TestClient client;
    QVERIFY(client.connectTo(m_server.wsUrl()));
    const ServerMessage reply = client.auth(token);
    QCOMPARE(TestClient::outcome(reply), u"unauthenticated"_s);
    QCOMPARE(reply.error.details.value(u"reason"_s).toString(), u"invalid"_s);
    const ServerMessage stillOut = client.request(ops::GetLock, {{u"recordId"_s, u"C-1001"_s}});
    QCOMPARE(TestClient::outcome(stillOut), u"unauthenticated"_s);
}

void TestAuth::sessionIdOfAnotherUserConflicts()
{
    auto alice = loggedIn(u"alice"_s);
    QVERIFY(alice);
    const QString aliceSession = alice->sessionId();

    TestClient bob;
    QVERIFY(bob.connectTo(m_server.wsUrl()));
    const ServerMessage viaLogin = bob.login(u"bob"_s, {}, aliceSession);
    QCOMPARE(TestClient::outcome(viaLogin), u"session_conflict"_s);

    // With a token of bob's own, auth on alice's session id is refused the same way.
    TestClient bobElsewhere;
    QVERIFY(bobElsewhere.connectAndLogin(m_server.wsUrl(), u"bob"_s).ok);
    const ServerMessage viaAuth = bob.auth(bobElsewhere.token(), aliceSession);
    QCOMPARE(TestClient::outcome(viaAuth), u"session_conflict"_s);

    // Alice keeps her connection and session.
    QVERIFY(alice->isConnected());
    const ServerMessage ping = alice->request(ops::Ping);
    QVERIFY2(ping.ok, qPrintable(TestClient::describe(ping)));
    QVERIFY(alice->request(ops::GetLock, {{u"recordId"_s, u"C-1001"_s}}).ok);
}

void TestAuth::sameSessionTakesOverConnection()
{
    auto first = loggedIn(u"alice"_s);
    QVERIFY(first);

    TestClient second;
    second.setSessionId(first->sessionId());
    QVERIFY(second.connectTo(m_server.wsUrl()));
    const ServerMessage reply = second.login(u"alice"_s);
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));

    QVERIFY(first->waitForDisconnected());
    QCOMPARE(first->closeCode(), 4000);
    QVERIFY(second.isConnected());
    QVERIFY(second.request(ops::GetLock, {{u"recordId"_s, u"C-1001"_s}}).ok);

    // A third connection taking over with auth closes the second the same way.
    TestClient third;
    third.setSessionId(first->sessionId());
    QVERIFY(third.connectTo(m_server.wsUrl()));
    const ServerMessage viaAuth = third.auth(second.token());
    QVERIFY2(viaAuth.ok, qPrintable(TestClient::describe(viaAuth)));
    QVERIFY(second.waitForDisconnected());
    QCOMPARE(second.closeCode(), 4000);
    QVERIFY(third.request(ops::Ping).ok);
}

void TestAuth::requestsBehindPendingLoginKeepOrder()
{
    // Sent back to back: the requests after login must wait for it (replies in request order,
    // and they run authenticated).
    TestClient client;
    QVERIFY(client.connectTo(m_server.wsUrl()));
    const QString recordId = u"C-1020"_s;
    QList<qint64> ids;
    ids << client.send(ops::Login, {{u"user"_s, u"bob"_s}, {u"password"_s, u"bob"_s},
                                    {u"sessionId"_s, client.sessionId()}});
    ids << client.send(ops::GetLock, {{u"recordId"_s, recordId}});
    ids << client.send(ops::Acquire, {{u"recordId"_s, recordId}});
    for (int i = 0; i < 20; ++i)
        ids << client.send(ops::Ping);
    ids << client.send(ops::GetLock, {{u"recordId"_s, recordId}});

    QList<ServerMessage> replies;
    for (int i = 0; i < ids.size(); ++i) {
        const ServerMessage reply = client.waitForNextReply();
        QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
        replies << reply;
    }
    for (int i = 0; i < ids.size(); ++i)
        QCOMPARE(replies.at(i).id.toInteger(), ids.at(i));
    QCOMPARE(replies.at(2).result.value(u"outcome"_s).toString(), u"granted"_s);
    const QJsonObject lastLock = replies.last().result.value(u"lock"_s).toObject();
    QCOMPARE(lastLock.value(u"state"_s).toString(), u"held"_s);
    QCOMPARE(lastLock.value(u"holder"_s).toObject().value(u"sameSession"_s).toBool(), true);
    for (qsizetype i = 1; i < replies.size(); ++i)
        QVERIFY(replies.at(i).serverTime >= replies.at(i - 1).serverTime);
}

void TestAuth::expiredTokenIsRefused()
{
    ServerOptions options;
    options.extraArgs = QStringList{u"--token-ttl"_s, u"1"_s};
    ServerProcess shortTokens(options);
    QVERIFY2(shortTokens.start(), qPrintable(shortTokens.output()));
    TestClient first;
    const ServerMessage login = first.connectAndLogin(shortTokens.wsUrl(), u"alice"_s);
    QVERIFY2(login.ok, qPrintable(TestClient::describe(login)));
    const qint64 tokenExpiresAt = login.result.value(u"tokenExpiresAt"_s).toInteger();
    QVERIFY(tokenExpiresAt > login.serverTime);
    QVERIFY(tokenExpiresAt <= login.serverTime + 1000);
    QVERIFY(QTest::qWaitFor([&] { return first.request(ops::Ping).serverTime > tokenExpiresAt; }, 5000));

    TestClient second;
    second.setSessionId(first.sessionId());
    QVERIFY(second.connectTo(shortTokens.wsUrl()));
    const ServerMessage reply = second.auth(first.token());
    QCOMPARE(TestClient::outcome(reply), u"unauthenticated"_s);
    QCOMPARE(reply.error.details.value(u"reason"_s).toString(), u"expired"_s);
    QCOMPARE(TestClient::outcome(second.request(ops::GetLock, {{u"recordId"_s, u"C-1001"_s}})),
             u"unauthenticated"_s);
    // A fresh login works again.
    QVERIFY(second.login(u"alice"_s).ok);
}

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
