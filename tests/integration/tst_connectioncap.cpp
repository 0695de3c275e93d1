// The per-user cap on signed-in connections (docs/protocol.md, "Connection caps") against a real
// recordlockd started with --max-connections-per-user 3.

#include <memory>

#include <QTest>
#include <QUuid>

#include "protocol/names.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {
constexpr int Cap = 3;
} // namespace

class TestConnectionCap : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void loginBeyondTheCapIsRefusedAndClosed();
    void authBeyondTheCapIsRefusedAndClosed();
    void takeoverOfOwnSessionIsNotCountedTwice();
    void secondLoginOnOneConnectionIsNotCountedTwice();
    void closingOrLoggingOutFreesAPlace();

private:
    /// Cap connections of alice, each signed in with its own session.
    bool fillTheCap();

    std::unique_ptr<ServerProcess> m_server;
    std::vector<std::unique_ptr<TestClient>> m_alice;
};

void TestConnectionCap::init()
{
    ServerOptions options;
    options.extraArgs = QStringList{u"--max-connections-per-user"_s, QString::number(Cap)};
    m_server = std::make_unique<ServerProcess>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    QVERIFY(fillTheCap());
}

void TestConnectionCap::cleanup()
{
    m_alice.clear();
    m_server.reset();
}

bool TestConnectionCap::fillTheCap()
{
    for (int i = 0; i < Cap; ++i) {
        auto client = std::make_unique<TestClient>();
        const ServerMessage reply = client->connectAndLogin(m_server->wsUrl(), u"alice"_s);
        if (!reply.ok) {
            qWarning().noquote() << "login" << i << "failed:" << TestClient::describe(reply);
            return false;
        }
        m_alice.push_back(std::move(client));
    }
    return true;
}

void TestConnectionCap::loginBeyondTheCapIsRefusedAndClosed()
{
    TestClient fourth;
    QVERIFY(fourth.connectTo(m_server->wsUrl()));
    const ServerMessage refused = fourth.login(u"alice"_s);
    QCOMPARE(TestClient::outcome(refused), u"connection_limit"_s);
    QVERIFY(fourth.waitForDisconnected());
    QCOMPARE(fourth.closeCode(), 1008);

    // Other users are not affected, nor are alice's connections.
    TestClient bob;
    QVERIFY(bob.connectAndLogin(m_server->wsUrl(), u"bob"_s).ok);
    for (const auto &alice : m_alice)
        QVERIFY(alice->request(ops::Ping).ok);
}

void TestConnectionCap::authBeyondTheCapIsRefusedAndClosed()
{
    TestClient fourth;
    QVERIFY(fourth.connectTo(m_server->wsUrl()));
    const ServerMessage refused = fourth.auth(m_alice.front()->token());
    QCOMPARE(TestClient::outcome(refused), u"connection_limit"_s);
    QVERIFY(fourth.waitForDisconnected());
    QCOMPARE(fourth.closeCode(), 1008);
}

void TestConnectionCap::takeoverOfOwnSessionIsNotCountedTwice()
{
    // A window reconnecting before its old connection is gone takes its session over.
    TestClient replacement;
    replacement.setSessionId(m_alice.front()->sessionId());
    QVERIFY(replacement.connectTo(m_server->wsUrl()));
    const ServerMessage viaLogin = replacement.login(u"alice"_s);
    QVERIFY2(viaLogin.ok, qPrintable(TestClient::describe(viaLogin)));
    QVERIFY(m_alice.front()->waitForDisconnected());
    QCOMPARE(m_alice.front()->closeCode(), 4000);

    TestClient viaAuth;
    viaAuth.setSessionId(m_alice.at(1)->sessionId());
    QVERIFY(viaAuth.connectTo(m_server->wsUrl()));
    const ServerMessage resumed = viaAuth.auth(m_alice.at(1)->token());
    QVERIFY2(resumed.ok, qPrintable(TestClient::describe(resumed)));

    // Still three: a new session is refused.
    TestClient fourth;
    QVERIFY(fourth.connectTo(m_server->wsUrl()));
    QCOMPARE(TestClient::outcome(fourth.login(u"alice"_s)), u"connection_limit"_s);
}

void TestConnectionCap::secondLoginOnOneConnectionIsNotCountedTwice()
{
    // Switching a signed-in connection to another session keeps it one connection.
    TestClient &switcher = *m_alice.back();
    const ServerMessage switched = switcher.login(u"alice"_s, {}, QUuid::createUuid().toString(QUuid::WithoutBraces));
    QVERIFY2(switched.ok, qPrintable(TestClient::describe(switched)));
    QVERIFY(switcher.isConnected());
    // A connection signed in as bob may switch to alice only if alice has room: she has none.
    TestClient bob;
    QVERIFY(bob.connectAndLogin(m_server->wsUrl(), u"bob"_s).ok);
    QCOMPARE(TestClient::outcome(bob.login(u"alice"_s)), u"connection_limit"_s);
    QVERIFY(bob.waitForDisconnected());
}

void TestConnectionCap::closingOrLoggingOutFreesAPlace()
{
    m_alice.front()->close();
    QVERIFY(m_alice.front()->waitForDisconnected());
    // The server learns of the close asynchronously; a refused try is closed, so each is new.
    std::unique_ptr<TestClient> replacement;
    QVERIFY(QTest::qWaitFor([&] {
        auto probe = std::make_unique<TestClient>();
        if (!probe->connectAndLogin(m_server->wsUrl(), u"alice"_s).ok)
            return false;
        replacement = std::move(probe);
        return true;
    }, 5'000));

    // Three again; a logout frees a place at once.
    QVERIFY(m_alice.at(1)->request(ops::Logout).ok);
    TestClient afterLogout;
    const ServerMessage reply = afterLogout.connectAndLogin(m_server->wsUrl(), u"alice"_s);
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
}

QTEST_GUILESS_MAIN(TestConnectionCap)
#include "tst_connectioncap.moc"
