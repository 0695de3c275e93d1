// The listening socket's own limits (docs/protocol.md, "Transport"): at most N open connections
// per client address, refused before any HTTP is read, and the upgrade deadline that closes a
// connection which has not become a WebSocket in time. The server runs with a cap of 3 and a
// 1 s deadline so that both show quickly. (The 65,536-byte message limit and its 1009 close are
// covered by tst_protocolerrors and, over TLS, by tst_tls.)

#include <memory>

#include <QTest>

#include "protocol/names.h"
#include "rawconnection.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

constexpr int Cap = 3;
constexpr int UpgradeTimeoutMs = 1000;

QByteArray healthzRequest()
{
    return "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";
}

/// True if a fresh connection is served: GET /healthz answers 200 before the server closes it.
bool healthzIsServed(quint16 port)
{
    RawConnection probe(port);
    if (!probe.waitForConnected())
        return false;
    probe.write(healthzRequest());
    return probe.waitForText("HTTP/1.1 200");
}

} // namespace

class TestConnectionLimits : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void connectionBeyondTheCapIsClosedBeforeHttp();
    void closedWebSocketsFreeTheirSlots();
    void connectionsWithoutUpgradeAreClosedAtTheDeadline();
    void upgradedWebSocketOutlivesTheDeadline();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void TestConnectionLimits::init()
{
    ServerOptions options;
    options.extraArgs = QStringList{u"--max-connections-per-address"_s, QString::number(Cap),
                                    u"--upgrade-timeout-ms"_s, QString::number(UpgradeTimeoutMs)};
    m_server = std::make_unique<ServerProcess>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->output()));
}

void TestConnectionLimits::cleanup()
{
    m_server.reset();
}

void TestConnectionLimits::connectionBeyondTheCapIsClosedBeforeHttp()
{
    TestClient clients[Cap];
    const QString users[Cap] = {u"alice"_s, u"bob"_s, u"carol"_s};
    for (int i = 0; i < Cap; ++i)
        QVERIFY2(clients[i].connectAndLogin(m_server->wsUrl(), users[i]).ok, qPrintable(m_server->output()));

    // The fourth TCP connection from 127.0.0.1 is closed unanswered, even with a full request.
    RawConnection fourth(m_server->port());
    QVERIFY(fourth.waitForConnected());
    fourth.write(healthzRequest());
    QVERIFY2(fourth.waitForClosed(5000), "the connection beyond the cap stayed open");
    QVERIFY2(fourth.received().isEmpty(), fourth.received().constData());
    // Well before the upgrade deadline: it was refused, not timed out.
    QVERIFY2(fourth.closedAfterMs() < UpgradeTimeoutMs, qPrintable(QString::number(fourth.closedAfterMs())));

    // A WebSocket client gets no further either.
    TestClient refused;
    QVERIFY(!refused.connectTo(m_server->wsUrl()));
    // Log lines leave at the end of the server's loop pass: the close may be seen first.
    QVERIFY(QTest::qWaitFor([this] { return m_server->output().contains(u"refusing 127.0.0.1:"_s); }, 5000));

    // Those inside the cap are unaffected.
    for (TestClient &client : clients)
        QVERIFY(client.request(ops::Ping).ok);
}

void TestConnectionLimits::closedWebSocketsFreeTheirSlots()
{
    TestClient clients[Cap];
    for (TestClient &client : clients)
        QVERIFY(client.connectAndLogin(m_server->wsUrl(), u"alice"_s).ok);
    QVERIFY(!healthzIsServed(m_server->port()));

    // A clean close frees a slot...
    clients[0].close();
    QVERIFY(clients[0].waitForDisconnected());
    // Not QTRY_VERIFY: it evaluates its expression once more after success, and every probe is
    // a connection that holds a slot until the server has seen it close.
    QVERIFY(QTest::qWaitFor([this] { return healthzIsServed(m_server->port()); }, 5000));

    // ...and so does a connection that just vanishes (no close frame).
    TestClient replacement;
    QVERIFY(QTest::qWaitFor([&] { return replacement.connectTo(m_server->wsUrl()); }, 5000));
    QVERIFY(!healthzIsServed(m_server->port()));
    clients[1].abort();
    QVERIFY(QTest::qWaitFor([this] { return healthzIsServed(m_server->port()); }, 5000));
    QVERIFY(clients[2].request(ops::Ping).ok);
}

void TestConnectionLimits::connectionsWithoutUpgradeAreClosedAtTheDeadline()
{
    RawConnection silent(m_server->port());
    RawConnection halfRequest(m_server->port());
    RawConnection keepAlive(m_server->port());
    QVERIFY(silent.waitForConnected());
    QVERIFY(halfRequest.waitForConnected());
    QVERIFY(keepAlive.waitForConnected());
    halfRequest.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n");
    // A plain HTTP client is served, then closed at the deadline like the others.
    keepAlive.write(healthzRequest());
    QVERIFY(keepAlive.waitForText("\"status\":\"ok\""));
    QVERIFY(keepAlive.isOpen());

    for (RawConnection *connection : {&silent, &halfRequest, &keepAlive}) {
        QVERIFY2(connection->waitForClosed(UpgradeTimeoutMs + 4000), "a connection outlived the upgrade deadline");
        // Measured from the client's connect, which precedes the server's accept.
        QVERIFY2(connection->closedAfterMs() >= UpgradeTimeoutMs - 50,
                 qPrintable(u"closed after %1 ms"_s.arg(connection->closedAfterMs())));
    }
    QVERIFY(!halfRequest.received().contains("HTTP/1.1 101"));
    QVERIFY(QTest::qWaitFor(
        [this] { return m_server->output().contains(u"no WebSocket upgrade within 1000 ms"_s); }, 5000));
}

void TestConnectionLimits::upgradedWebSocketOutlivesTheDeadline()
{
    TestClient upgraded;
    QVERIFY(upgraded.connectTo(m_server->wsUrl()));
    // Opened after the WebSocket: once the server has closed it, the WebSocket's own deadline
    // has passed too, with no fixed sleep.
    RawConnection later(m_server->port());
    QVERIFY(later.waitForConnected());
    QVERIFY(later.waitForClosed(UpgradeTimeoutMs + 4000));

    QVERIFY(upgraded.isConnected());
    QVERIFY(upgraded.login(u"bob"_s).ok);
    QVERIFY(upgraded.request(ops::Ping).ok);
}

QTEST_GUILESS_MAIN(TestConnectionLimits)
#include "tst_connectionlimits.moc"
