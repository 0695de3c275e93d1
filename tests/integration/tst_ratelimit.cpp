// The request rate limit (docs/protocol.md, "Request rate") against a real recordlockd: a flood is
// answered rate_limited in order and then closed with 1008, other sessions are served meanwhile,
// and the bucket belongs to the user, so neither a reconnect nor a new session id refills it.

#include <memory>

#include <QTest>

#include "protocol/names.h"
#include "protocolargs.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

/// The replies among everything client received, in arrival order.
QList<ServerMessage> repliesOf(const TestClient &client)
{
    QList<ServerMessage> replies;
    const QList<ServerMessage> messages = client.messages();
    for (const ServerMessage &message : messages) {
        if (message.kind == ServerMessage::Kind::Reply)
            replies.append(message);
    }
    return replies;
}

int countOutcome(const QList<ServerMessage> &replies, const QString &outcome)
{
    return int(std::count_if(replies.cbegin(), replies.cend(),
                             [&](const ServerMessage &reply) { return TestClient::outcome(reply) == outcome; }));
}

} // namespace

class TestRateLimit : public QObject
{
    Q_OBJECT

private slots:
    void floodIsLimitedInOrderThenClosed();
    void reconnectDoesNotRefillTheBucket();
    void refusedRequestHasNoEffect();
    void zeroMeansUnlimited();
};

void TestRateLimit::floodIsLimitedInOrderThenClosed()
{
    ServerProcess server; // the defaults: burst 200, 100 per second
    QVERIFY2(server.start(), qPrintable(server.output()));
    TestClient flooder;
    QVERIFY(flooder.connectAndLogin(server.wsUrl(), u"alice"_s).ok);
    TestClient other;
    QVERIFY(other.connectAndLogin(server.wsUrl(), u"bob"_s).ok);

    constexpr int Flood = 400;
    const qint64 firstId = flooder.send(ops::Ping);
    for (int i = 1; i < Flood; ++i)
        flooder.send(ops::Ping);
    // Another session is served while the flood is being refused.
    const ServerMessage meanwhile = other.request(ops::Ping);
    QVERIFY2(meanwhile.ok, qPrintable(TestClient::describe(meanwhile)));

    QVERIFY(flooder.waitForDisconnected(15'000));
    QCOMPARE(flooder.closeCode(), 1008);

    QList<ServerMessage> replies = repliesOf(flooder);
    replies.removeFirst(); // the login
    QVERIFY2(replies.size() >= 250 && replies.size() < Flood, qPrintable(QString::number(replies.size())));
    for (qsizetype i = 0; i < replies.size(); ++i) {
        // Every reply arrives, in request order, whether it ran or was refused.
        QCOMPARE(replies.at(i).id.toInteger(), firstId + i);
        const QString outcome = TestClient::outcome(replies.at(i));
        QVERIFY2(outcome == u"ok" || outcome == u"rate_limited", qPrintable(TestClient::describe(replies.at(i))));
        if (outcome == u"rate_limited") {
            const qint64 retryAfterMs = replies.at(i).error.details.value(u"retryAfterMs"_s).toInteger();
            QVERIFY2(retryAfterMs > 0 && retryAfterMs <= 10, qPrintable(TestClient::describe(replies.at(i))));
        }
    }
    for (qsizetype i = 0; i < 200; ++i)
        QVERIFY2(replies.at(i).ok, qPrintable(TestClient::describe(replies.at(i)))); // the burst
    // The 50th refusal within 10 s closes the connection; nothing after it is answered.
    QCOMPARE(countOutcome(replies, u"rate_limited"_s), 50);
    QCOMPARE(TestClient::outcome(replies.last()), u"rate_limited"_s);

    // The other session was not affected at all.
    QVERIFY(other.isConnected());
    QVERIFY(other.request(ops::Ping).ok);
}

void TestRateLimit::reconnectDoesNotRefillTheBucket()
{
    ServerOptions options;
    options.extraArgs = QStringList{u"--rate-burst"_s, u"20"_s, u"--rate-per-second"_s, u"1"_s};
    ServerProcess server(options);
    QVERIFY2(server.start(), qPrintable(server.output()));

    TestClient first;
    QVERIFY(first.connectAndLogin(server.wsUrl(), u"alice"_s).ok);
    QList<qint64> ids;
    for (int i = 0; i < 30; ++i)
        ids << first.send(ops::Ping);
    int refused = 0;
    for (const qint64 id : ids) {
        const ServerMessage reply = first.waitForReply(id);
        if (TestClient::outcome(reply) == u"rate_limited") {
            ++refused;
            QVERIFY(reply.error.details.value(u"retryAfterMs"_s).toInteger() <= 1000);
        } else {
            QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
        }
    }
    QVERIFY2(refused >= 8, qPrintable(QString::number(refused)));
    // Fewer than 50 refusals: limited, but not closed.
    QVERIFY(first.isConnected());

    // The same window reconnects (same session id): its bucket is still empty.
    first.abort();
    TestClient again;
    again.setSessionId(first.sessionId());
    QVERIFY(again.connectTo(server.wsUrl()));
    const ServerMessage resumed = again.auth(first.token());
    QVERIFY2(resumed.ok, qPrintable(TestClient::describe(resumed)));
    int refusedAfterReconnect = 0;
    for (int i = 0; i < 5; ++i) {
        if (TestClient::outcome(again.request(ops::Ping)) == u"rate_limited")
            ++refusedAfterReconnect;
    }
    // At 1 per second at most a token or two came back meanwhile; a new bucket would allow all 5.
    QVERIFY2(refusedAfterReconnect >= 3, qPrintable(QString::number(refusedAfterReconnect)));

    // A new session id does not refill it either (the same user's other window shares it) ...
    TestClient otherWindow;
    QVERIFY(otherWindow.connectTo(server.wsUrl()));
    QVERIFY(otherWindow.auth(first.token()).ok);
    int refusedInOtherWindow = 0;
    for (int i = 0; i < 5; ++i) {
        if (TestClient::outcome(otherWindow.request(ops::Ping)) == u"rate_limited")
            ++refusedInOtherWindow;
    }
    QVERIFY2(refusedInOtherWindow >= 3, qPrintable(QString::number(refusedInOtherWindow)));
    // ... while another user is not affected.
    TestClient bob;
    QVERIFY(bob.connectAndLogin(server.wsUrl(), u"bob"_s).ok);
    for (int i = 0; i < 5; ++i)
        QVERIFY(bob.request(ops::Ping).ok);
}

void TestRateLimit::refusedRequestHasNoEffect()
{
    ServerOptions options;
    options.extraArgs = QStringList{u"--rate-burst"_s, u"3"_s, u"--rate-per-second"_s, u"1"_s};
    ServerProcess server(options);
    QVERIFY2(server.start(), qPrintable(server.output()));
    TestClient watcher;
    QVERIFY(watcher.connectAndLogin(server.wsUrl(), u"bob"_s).ok);

    TestClient client;
    QVERIFY(client.connectAndLogin(server.wsUrl(), u"alice"_s).ok);
    const QString recordId = u"C-1005"_s;
    // Three pings empty the bucket; the acquire right behind them is refused.
    for (int i = 0; i < 3; ++i)
        client.send(ops::Ping);
    const ServerMessage acquire = client.request(ops::Acquire, recordArg(recordId));
    QCOMPARE(TestClient::outcome(acquire), u"rate_limited"_s);
    QVERIFY(acquire.error.details.value(u"retryAfterMs"_s).toInteger() > 0);

    const ServerMessage lock = watcher.request(ops::GetLock, recordArg(recordId));
    QVERIFY2(lock.ok, qPrintable(TestClient::describe(lock)));
    QVERIFY(!lockOf(lock.result).held);
    QVERIFY(!lockOf(lock.result).recordId.isEmpty());
}

void TestRateLimit::zeroMeansUnlimited()
{
    ServerOptions options;
    options.extraArgs = QStringList{u"--rate-burst"_s, u"0"_s};
    ServerProcess server(options);
    QVERIFY2(server.start(), qPrintable(server.output()));
    TestClient client;
    QVERIFY(client.connectAndLogin(server.wsUrl(), u"alice"_s).ok);
    QList<qint64> ids;
    for (int i = 0; i < 400; ++i)
        ids << client.send(ops::Ping);
    for (const qint64 id : ids) {
        const ServerMessage reply = client.waitForReply(id);
        QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    }
    QVERIFY(client.isConnected());
}

QTEST_GUILESS_MAIN(TestRateLimit)
#include "tst_ratelimit.moc"
