#include <algorithm>
#include <memory>
#include <vector>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "inprocessserver.h"
#include "protocol/names.h"
#include "rawwebsocket.h"
#include "server/recordlockserver.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using test::InProcessServer;
using test::RawWebSocket;
using test::TestClient;

namespace {

const QString Record = u"CL-2026-0001"_s;

QByteArray request(qint64 id, QLatin1StringView op, QJsonObject args = {})
{
    args.insert(u"id"_s, id);
    args.insert(u"op"_s, QString(op));
    return QJsonDocument(args).toJson(QJsonDocument::Compact);
}

bool replyIsOk(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object().value(u"ok"_s).toBool();
}

} // namespace

/// The transport rules every ClientConnection enforces, against an in-process server on
/// 127.0.0.1: message size and type, the auth deadline, keepalive and the outbound buffer cap.
class TestClientConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void oversizedMessageCloses1009();
    void binaryMessageCloses1003();
    void authTimeoutCloses1008();
    void silentPeerIsDroppedAndOrphaned();
    void peerThatKeepsTalkingIsNotPinged();
    void pingsOfConnectionsOpenedTogetherAreSpread();
    void peerThatStopsReadingIsDropped();

private:
    void startServer(const ConnectionSettings &settings = {});
    bool loginRaw(RawWebSocket &socket, const QString &user);
    QUrl wsUrl() const { return m_fixture.wsUrl(); }

    InProcessServer m_fixture;
};

void TestClientConnection::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.seedTemplate(&error), qPrintable(error));
}

void TestClientConnection::cleanup()
{
    m_fixture.stop();
}

void TestClientConnection::startServer(const ConnectionSettings &settings)
{
    ServerConfig config;
    config.connection = settings;
    QString error;
    QVERIFY2(m_fixture.start(config, &error), qPrintable(error));
}

bool TestClientConnection::loginRaw(RawWebSocket &socket, const QString &user)
{
    if (!socket.connectTo(m_fixture.server()->port()))
        return false;
    socket.sendText(request(1, ops::Login,
                            QJsonObject{{u"user"_s, user}, {u"password"_s, user}, {u"sessionId"_s, u"raw-window-1"_s}}));
    return replyIsOk(socket.waitForText());
}

void TestClientConnection::oversizedMessageCloses1009()
{
    startServer();
    TestClient bystander;
    QVERIFY(bystander.connectTo(wsUrl()));
    TestClient client;
    QVERIFY(client.connectTo(wsUrl()));
    // Exactly at the limit is still fine.
    const QByteArray prefix = R"({"id":1,"op":"ping","pad":")";
    QByteArray atLimit = prefix + QByteArray(65536 - prefix.size() - 2, 'x') + "\"}";
    QCOMPARE(atLimit.size(), 65536);
    client.sendRaw(atLimit);
    QCOMPARE(TestClient::outcome(client.waitForReply(1)), u"ok"_s);

    client.sendRaw(prefix + QByteArray(70'000, 'x') + "\"}");
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.closeCode(), 1009);
    QCOMPARE(TestClient::outcome(bystander.request(ops::Ping)), u"ok"_s);
}

void TestClientConnection::binaryMessageCloses1003()
{
    startServer();
    TestClient client;
    QVERIFY(client.connectTo(wsUrl()));
    client.sendBinary(R"({"id":1,"op":"ping"})");
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.closeCode(), 1003);
}

void TestClientConnection::authTimeoutCloses1008()
{
    ConnectionSettings settings;
    settings.authTimeoutMs = 300;
    startServer(settings);
    TestClient idle;
    QVERIFY(idle.connectTo(wsUrl()));
    QCOMPARE(TestClient::outcome(idle.request(ops::Ping)), u"ok"_s); // ping does not count as login
    auto member = m_fixture.loggedIn(u"alice"_s);
    QVERIFY(member);
    QVERIFY(idle.waitForDisconnected());
    QCOMPARE(idle.closeCode(), 1008);
    // A connection opened after the member's is closed later than the member's deadline was due.
    TestClient later;
    QVERIFY(later.connectTo(wsUrl()));
    QVERIFY(later.waitForDisconnected());
    QCOMPARE(later.closeCode(), 1008);
    QVERIFY(member->isConnected());
    QVERIFY(member->request(ops::Ping).ok);
}

void TestClientConnection::silentPeerIsDroppedAndOrphaned()
{
    ConnectionSettings settings;
    // Two intervals must outlast the silent peer's own login (an argon2 check, slow on a busy machine).
    settings.keepAliveIntervalMs = 500;
    startServer(settings);
    auto bob = m_fixture.loggedIn(u"bob"_s);
    QVERIFY(bob);
    QVERIFY(bob->request(ops::Subscribe, QJsonObject{{u"recordId"_s, Record}}).ok);

    // A peer whose TCP connection stays up but that answers nothing, as after a power cut.
    RawWebSocket silent;
    QVERIFY(loginRaw(silent, u"alice"_s));
    silent.sendText(request(2, ops::Acquire, QJsonObject{{u"recordId"_s, Record}}));
    QVERIFY(replyIsOk(silent.waitForText()));

    ServerMessage presence;
    QVERIFY(bob->waitForEvent(events::LockHolderPresence, Record, &presence, 5000));
    QVERIFY(!presence.body.value(u"lock"_s).toObject().value(u"connected"_s).toBool());
    QVERIFY(silent.pingsReceived() >= 1);
    QVERIFY(silent.waitForDisconnected());
    // bob's QWebSocket answered every ping meanwhile and is still connected.
    QVERIFY(bob->isConnected());
    QVERIFY(bob->request(ops::Ping).ok);
}

void TestClientConnection::peerThatKeepsTalkingIsNotPinged()
{
    ConnectionSettings settings;
    // Long enough that a loaded machine's pauses do not leave a whole interval silent.
    settings.keepAliveIntervalMs = 1'000;
    startServer(settings);
    // Never answers pings itself: any ping it got would show, and it would be dropped.
    RawWebSocket talker;
    QVERIFY(loginRaw(talker, u"alice"_s));
    QElapsedTimer elapsed;
    elapsed.start();
    int id = 10;
    while (elapsed.elapsed() < 4 * settings.keepAliveIntervalMs) {
        talker.sendText(request(++id, ops::Ping));
        QVERIFY(replyIsOk(talker.waitForText()));
        QTest::qWait(settings.keepAliveIntervalMs / 5);
    }
    QCOMPARE(talker.pingsReceived(), 0);
    // Once it falls silent it is pinged, and dropped for not answering.
    QTRY_VERIFY_WITH_TIMEOUT(talker.pingsReceived() >= 1, 5000);
    QVERIFY(talker.waitForDisconnected());
}

void TestClientConnection::pingsOfConnectionsOpenedTogetherAreSpread()
{
    // Each connection's first keepalive tick falls at a random point of the second half of the
    // interval, so connections opened together (all of them, after a restart) are not all pinged
    // in the same loop pass. A silent connection is pinged at its first tick.
    ConnectionSettings settings;
    settings.keepAliveIntervalMs = 1'000;
    startServer(settings);
    constexpr int Count = 8;
    std::vector<std::unique_ptr<RawWebSocket>> sockets;
    std::vector<qint64> openedAt;
    std::vector<qint64> firstPingAfter(Count, -1);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < Count; ++i) {
        sockets.push_back(std::make_unique<RawWebSocket>());
        QVERIFY(sockets.back()->connectTo(m_fixture.server()->port()));
        openedAt.push_back(clock.elapsed());
    }
    const QDeadlineTimer deadline(10'000);
    while (std::count(firstPingAfter.cbegin(), firstPingAfter.cend(), -1) > 0 && !deadline.hasExpired()) {
        QTest::qWait(2);
        for (int i = 0; i < Count; ++i) {
            if (firstPingAfter[std::size_t(i)] < 0 && sockets[std::size_t(i)]->pingsReceived() > 0)
                firstPingAfter[std::size_t(i)] = clock.elapsed() - openedAt[std::size_t(i)];
        }
    }
    QString delays;
    for (const qint64 delay : firstPingAfter)
        delays += QString::number(delay) + u' ';
    QVERIFY2(std::count(firstPingAfter.cbegin(), firstPingAfter.cend(), -1) == 0, qPrintable(delays));
    // Never before half the interval (a timer fires late under load, never early)...
    QVERIFY2(*std::min_element(firstPingAfter.cbegin(), firstPingAfter.cend()) >= settings.keepAliveIntervalMs / 2 - 20,
             qPrintable(delays));
    // ...and not all at the full interval: all eight in its last 15% has odds of 0.15^8.
    QVERIFY2(*std::min_element(firstPingAfter.cbegin(), firstPingAfter.cend()) < settings.keepAliveIntervalMs * 85 / 100,
             qPrintable(delays));
}

void TestClientConnection::peerThatStopsReadingIsDropped()
{
    ConnectionSettings settings;
    settings.maxOutboundBytes = 64 * 1024;
    startServer(settings);
    auto bystander = m_fixture.loggedIn(u"bob"_s);
    QVERIFY(bystander);

    RawWebSocket reader;
    QVERIFY(loginRaw(reader, u"alice"_s));
    reader.stopReading();
    // Each reply lists all 50 demo records (~10 KB); the kernel's socket buffers hold a few MB,
    // the rest would pile up in the server without the cap.
    for (int i = 0; i < 3000; ++i)
        reader.sendText(request(10 + i, ops::ListRecords));
    QVERIFY(reader.waitForDisconnected(10'000));
    QVERIFY(bystander->request(ops::Ping).ok);
}

QTEST_GUILESS_MAIN(TestClientConnection)
#include "tst_clientconnection.moc"
