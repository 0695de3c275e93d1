// Failed-login limits (docs/protocol.md, "Failed logins are rate limited") against a real
// recordlockd: per user name and per address, refused before the password is checked.

#include <memory>

#include <QElapsedTimer>
#include <QTest>

#include "protocol/names.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

class TestFailedLogins : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void fiveFailuresLimitTheName();
    void successClearsTheName();
    void twentyFailuresLimitTheAddress();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void TestFailedLogins::init()
{
    // A fresh server per test: all tests come from 127.0.0.1, which has one address budget.
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(m_server->start(), qPrintable(m_server->output()));
}

void TestFailedLogins::cleanup()
{
    m_server.reset();
}

void TestFailedLogins::fiveFailuresLimitTheName()
{
    TestClient signedIn;
    QVERIFY(signedIn.connectAndLogin(m_server->wsUrl(), u"alice"_s).ok);
    TestClient client;
    QVERIFY(client.connectTo(m_server->wsUrl()));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(TestClient::outcome(client.login(u"alice"_s, u"wrong-%1"_s.arg(i))), u"invalid_credentials"_s);

    // The right password is not even checked now.
    const ServerMessage limited = client.login(u"alice"_s);
    QCOMPARE(TestClient::outcome(limited), u"rate_limited"_s);
    const qint64 retryAfterMs = limited.error.details.value(u"retryAfterMs"_s).toInteger();
    QVERIFY2(retryAfterMs > 50'000 && retryAfterMs <= 60'000, qPrintable(TestClient::describe(limited)));
    // ... from any connection,
    TestClient elsewhere;
    QVERIFY(elsewhere.connectTo(m_server->wsUrl()));
    QCOMPARE(TestClient::outcome(elsewhere.login(u"alice"_s)), u"rate_limited"_s);
    // ... and the connection stays usable: other names still sign in.
    QVERIFY(client.isConnected());
    const ServerMessage bob = client.login(u"bob"_s);
    QVERIFY2(bob.ok, qPrintable(TestClient::describe(bob)));

    // alice's token from before still works: the limit is on guessing passwords, not on alice.
    TestClient reconnect;
    reconnect.setSessionId(signedIn.sessionId());
    QVERIFY(reconnect.connectTo(m_server->wsUrl()));
    const ServerMessage auth = reconnect.auth(signedIn.token());
    QVERIFY2(auth.ok, qPrintable(TestClient::describe(auth)));
}

void TestFailedLogins::successClearsTheName()
{
    TestClient client;
    QVERIFY(client.connectTo(m_server->wsUrl()));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(TestClient::outcome(client.login(u"carol"_s, u"wrong"_s)), u"invalid_credentials"_s);
    QVERIFY(client.login(u"carol"_s).ok);
    // The count starts again: five more failures before the limit.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(TestClient::outcome(client.login(u"carol"_s, u"wrong"_s)), u"invalid_credentials"_s);
    QCOMPARE(TestClient::outcome(client.login(u"carol"_s, u"wrong"_s)), u"rate_limited"_s);
}

void TestFailedLogins::twentyFailuresLimitTheAddress()
{
    TestClient client;
    QVERIFY(client.connectTo(m_server->wsUrl()));
    // Four guesses at each of five names: no name is limited, but the address is.
    for (int i = 0; i < 20; ++i) {
        const ServerMessage reply = client.login(u"guess%1"_s.arg(i % 5), u"password"_s);
        QCOMPARE(TestClient::outcome(reply), u"invalid_credentials"_s);
    }
    const ServerMessage limited = client.login(u"bob"_s);
    QCOMPARE(TestClient::outcome(limited), u"rate_limited"_s);
    const qint64 retryAfterMs = limited.error.details.value(u"retryAfterMs"_s).toInteger();
    QVERIFY2(retryAfterMs > 0 && retryAfterMs <= 6'000, qPrintable(TestClient::describe(limited)));

    // One attempt comes back within retryAfterMs; refused attempts meanwhile do not delay it.
    QElapsedTimer waited;
    waited.start();
    QVERIFY(QTest::qWaitFor([&] { return client.login(u"bob"_s).ok; }, int(retryAfterMs) + 2'000));
    QVERIFY2(waited.elapsed() >= retryAfterMs - 100, qPrintable(QString::number(waited.elapsed())));
}

QTEST_GUILESS_MAIN(TestFailedLogins)
#include "tst_failedlogins.moc"
