// A connection that never authenticates is closed with 1008 after about 10 s; an authenticated
// one is not. The only slow integration test.

#include <QElapsedTimer>
#include <QTest>

#include "protocol/names.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

class TestAuthTimeout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void unauthenticatedConnectionIsClosed();

private:
    ServerProcess m_server;
};

void TestAuthTimeout::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
}

void TestAuthTimeout::unauthenticatedConnectionIsClosed()
{
    QElapsedTimer elapsed;
    elapsed.start();
    TestClient silent;
    TestClient pinging;
    TestClient failedLogin;
    TestClient authenticated;
    QVERIFY(silent.connectTo(m_server.wsUrl()));
    QVERIFY(pinging.connectTo(m_server.wsUrl()));
    QVERIFY(failedLogin.connectTo(m_server.wsUrl()));
    QVERIFY(authenticated.connectAndLogin(m_server.wsUrl(), u"alice"_s).ok);
    // ping is allowed before login but does not authenticate; neither does a failed login.
    QVERIFY(pinging.request(ops::Ping).ok);
    QCOMPARE(TestClient::outcome(failedLogin.login(u"alice"_s, u"wrong"_s)), u"invalid_credentials"_s);

    QVERIFY2(silent.waitForDisconnected(15'000), "an unauthenticated connection stayed open");
    const qint64 closedAfter = elapsed.elapsed();
    QCOMPARE(silent.closeCode(), 1008);
    QVERIFY2(closedAfter >= 9'000, qPrintable(u"closed after %1 ms"_s.arg(closedAfter)));
    QVERIFY2(closedAfter <= 13'000, qPrintable(u"closed after %1 ms"_s.arg(closedAfter)));

    QVERIFY(pinging.waitForDisconnected(3'000));
    QCOMPARE(pinging.closeCode(), 1008);
    QVERIFY(failedLogin.waitForDisconnected(3'000));
    QCOMPARE(failedLogin.closeCode(), 1008);

    QVERIFY(authenticated.isConnected());
    QVERIFY(authenticated.request(ops::Ping).ok);
}

QTEST_GUILESS_MAIN(TestAuthTimeout)
#include "tst_authtimeout.moc"
