#include <functional>
#include <memory>

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include "bench/plainwebsocket.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

/// PlainWebSocket against a real QWebSocketServer on 127.0.0.1, port 0: messages both ways,
/// pings, closes from either side, and servers that refuse or are not there.
class TestPlainWebSocket : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<QWebSocketServer>(u"test"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
        m_client = std::make_unique<PlainWebSocket>();
        QSignalSpy connected(m_client.get(), &BenchSocket::connected);
        QSignalSpy accepted(m_server.get(), &QWebSocketServer::newConnection);
        m_client->open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_server->serverPort())));
        QTRY_COMPARE(connected.size(), 1);
        QTRY_COMPARE(accepted.size(), 1);
        m_peer.reset(m_server->nextPendingConnection());
        QVERIFY(m_peer);
        QCOMPARE(m_peer->requestUrl().path(), u"/ws"_s);
    }

    void cleanup()
    {
        m_client.reset();
        m_peer.reset();
        m_server.reset();
    }

    void textBothWays()
    {
        QSignalSpy atServer(m_peer.get(), &QWebSocket::textMessageReceived);
        m_client->sendText(u"grüße"_s.toUtf8());
        QTRY_COMPARE(atServer.size(), 1);
        QCOMPARE(atServer.at(0).at(0).toString(), u"grüße"_s);

        // One short, one with a 16-bit length, one larger than a single read of the client.
        QSignalSpy atClient(m_client.get(), &BenchSocket::textReceived);
        const QList<QString> sent{u"{\"a\":1}"_s, QString(300, u'x'), QString(200'000, u'y')};
        for (const QString &text : sent)
            m_peer->sendTextMessage(text);
        QTRY_COMPARE(atClient.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(atClient.at(i).at(0).toByteArray(), sent[i].toUtf8());
    }

    void largeSendsLeaveWhole()
    {
        // More than the socket buffers take at once, so the rest waits for writability.
        QSignalSpy atServer(m_peer.get(), &QWebSocket::textMessageReceived);
        const QByteArray big(8 * 1024 * 1024, 'q');
        m_client->sendText(big);
        m_client->sendText("after"_ba);
        QTRY_COMPARE_WITH_TIMEOUT(atServer.size(), 2, 20000);
        QCOMPARE(atServer.at(0).at(0).toString().size(), big.size());
        QCOMPARE(atServer.at(1).at(0).toString(), u"after"_s);
    }

    void answersPings()
    {
        QSignalSpy pong(m_peer.get(), &QWebSocket::pong);
        m_peer->ping("are you there"_ba);
        QTRY_COMPARE(pong.size(), 1);
        QCOMPARE(pong.at(0).at(1).toByteArray(), "are you there"_ba);
    }

    void serverCloseEndsWithItsReason()
    {
        QSignalSpy ended(m_client.get(), &BenchSocket::disconnected);
        m_peer->close(QWebSocketProtocol::CloseCodePolicyViolated, u"go away"_s);
        QTRY_COMPARE(ended.size(), 1);
        QVERIFY2(m_client->endReason().contains(u"1008"_s), qPrintable(m_client->endReason()));
        QVERIFY2(m_client->endReason().contains(u"go away"_s), qPrintable(m_client->endReason()));
    }

    void closeIsClean()
    {
        QSignalSpy ended(m_client.get(), &BenchSocket::disconnected);
        QSignalSpy peerEnded(m_peer.get(), &QWebSocket::disconnected);
        m_client->close();
        QTRY_COMPARE(ended.size(), 1);
        QCOMPARE(m_client->endReason(), QString());
        QTRY_COMPARE(peerEnded.size(), 1);
        QCOMPARE(m_peer->closeCode(), QWebSocketProtocol::CloseCodeNormal);
        // Nothing is sent after the end, and nothing breaks.
        m_client->sendText("late"_ba);
        m_client->close();
        QCOMPARE(ended.size(), 1);
    }

    void nobodyListening()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        PlainWebSocket client;
        QSignalSpy ended(&client, &BenchSocket::disconnected);
        client.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(port)));
        QCOMPARE(ended.size(), 0); // reported from the event loop, never inside open()
        QTRY_COMPARE(ended.size(), 1);
        QVERIFY2(client.endReason().contains(u"connect"_s), qPrintable(client.endReason()));
    }

    void refusedUpgrade()
    {
        QTcpServer plain;
        answerEachRequest(plain, [](const QByteArray &) { return "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"_ba; });
        PlainWebSocket client;
        QSignalSpy connected(&client, &BenchSocket::connected);
        QSignalSpy ended(&client, &BenchSocket::disconnected);
        client.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(plain.serverPort())));
        QTRY_COMPARE(ended.size(), 1);
        QCOMPARE(connected.size(), 0);
        QVERIFY2(client.endReason().contains(u"403"_s), qPrintable(client.endReason()));
    }

    void maskedServerFrameIsAProtocolError()
    {
        // A masked frame can only be written below QWebSocket, on a plain socket after a
        // hand-written upgrade answer.
        QTcpServer plain;
        answerEachRequest(plain, [](const QByteArray &request) -> QByteArray {
            const qsizetype at = request.indexOf("Sec-WebSocket-Key: ") + 19;
            const QByteArray key = request.mid(at, request.indexOf("\r\n", at) - at);
            const QByteArray keyAndGuid = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
            const QByteArray accept = QCryptographicHash::hash(keyAndGuid, QCryptographicHash::Sha1).toBase64();
            return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: "
                + accept + "\r\n\r\n" + QByteArray::fromHex("818537fa213d7f9f4d5158");
        });
        PlainWebSocket client;
        QSignalSpy connected(&client, &BenchSocket::connected);
        QSignalSpy received(&client, &BenchSocket::textReceived);
        QSignalSpy ended(&client, &BenchSocket::disconnected);
        client.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(plain.serverPort())));
        QTRY_COMPARE(ended.size(), 1);
        QCOMPARE(connected.size(), 1);
        QCOMPARE(received.size(), 0);
        QVERIFY2(client.endReason().contains(u"masked"_s), qPrintable(client.endReason()));
    }

private:
    /// Makes server listen on loopback and write answer(request) for whatever a client sends.
    void answerEachRequest(QTcpServer &server, std::function<QByteArray(const QByteArray &)> answer)
    {
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        connect(&server, &QTcpServer::newConnection, this, [&server, answer] {
            QTcpSocket *socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, answer] { socket->write(answer(socket->readAll())); });
        });
    }

    std::unique_ptr<QWebSocketServer> m_server;
    std::unique_ptr<QWebSocket> m_peer;
    std::unique_ptr<PlainWebSocket> m_client;
};

QTEST_GUILESS_MAIN(TestPlainWebSocket)
#include "tst_plainwebsocket.moc"
