#include <QTest>

#include "websocket/websockethandshake.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

/// The sample key of RFC 6455 section 1.3 and the answer it requires.
constexpr QByteArrayView RfcKey = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr QByteArrayView RfcAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

QByteArray response(const QByteArray &status, const QByteArray &headers)
{
    return status + "\r\n" + headers + "\r\n";
}

} // namespace

/// WebSocketHandshake's request and its check of the server's answer, without sockets.
class TestWebSocketHandshake : public QObject
{
    Q_OBJECT

private slots:
    void requestNamesPathQueryHostAndKey()
    {
        const WebSocketHandshake handshake(QUrl(u"ws://127.0.0.1:8765/ws?x=1"_s), RfcKey.toByteArray());
        const QByteArray request = handshake.request();
        QVERIFY(request.startsWith("GET /ws?x=1 HTTP/1.1\r\n"));
        QVERIFY(request.contains("\r\nHost: 127.0.0.1:8765\r\n"));
        QVERIFY(request.contains("\r\nUpgrade: websocket\r\n"));
        QVERIFY(request.contains("\r\nConnection: Upgrade\r\n"));
        QVERIFY(request.contains("\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
        QVERIFY(request.contains("\r\nSec-WebSocket-Version: 13\r\n"));
        QVERIFY(request.endsWith("\r\n\r\n"));
        const WebSocketHandshake ipv6(QUrl(u"ws://[::1]:80"_s), RfcKey.toByteArray());
        QVERIFY(ipv6.request().startsWith("GET / HTTP/1.1\r\nHost: [::1]:80\r\n"));
    }

    void randomKeysDiffer()
    {
        const QByteArray first = WebSocketHandshake(QUrl(u"ws://h/"_s)).request();
        const QByteArray second = WebSocketHandshake(QUrl(u"ws://h/"_s)).request();
        QVERIFY(first != second);
    }

    void acceptIsTheRfcValue()
    {
        const WebSocketHandshake handshake(QUrl(u"ws://h/"_s), RfcKey.toByteArray());
        QCOMPARE(handshake.expectedAccept(), RfcAccept.toByteArray());
    }

    void headLengthWaitsForTheBlankLine()
    {
        QVERIFY(!WebSocketHandshake::headLength("HTTP/1.1 101 Switching\r\nUpgrade: websocket\r\n"));
        const QByteArray bytes = "HTTP/1.1 101 Switching\r\n\r\n\x81\x00"_ba;
        QCOMPARE(WebSocketHandshake::headLength(bytes), bytes.size() - 2);
    }

    void checksTheAnswer_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("problem");
        const QByteArray good = "Upgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Accept: "
            + RfcAccept.toByteArray() + "\r\n";
        QTest::newRow("accepted, header case ignored") << response("HTTP/1.1 101 Switching Protocols", good) << QString();
        QTest::newRow("refused") << response("HTTP/1.1 403 Forbidden", "Content-Length: 0\r\n") << u"403"_s;
        QTest::newRow("not HTTP") << response("SSH-2.0-OpenSSH", {}) << u"not an HTTP/1.1"_s;
        QTest::newRow("wrong accept")
            << response("HTTP/1.1 101 Switching Protocols",
                        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAA\r\n")
            << u"Sec-WebSocket-Accept"_s;
        QTest::newRow("no upgrade header")
            << response("HTTP/1.1 101 Switching Protocols",
                        "Connection: Upgrade\r\nSec-WebSocket-Accept: " + RfcAccept.toByteArray() + "\r\n")
            << u"Upgrade or Connection"_s;
        QTest::newRow("extension not offered")
            << response("HTTP/1.1 101 Switching Protocols", good + "Sec-WebSocket-Extensions: permessage-deflate\r\n")
            << u"not offered"_s;
        QTest::newRow("malformed header") << response("HTTP/1.1 101 Switching Protocols", good + "garbage\r\n")
                                          << u"malformed"_s;
    }

    void checksTheAnswer()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, problem);
        const WebSocketHandshake handshake(QUrl(u"ws://h/"_s), RfcKey.toByteArray());
        const QString found = handshake.check(head);
        if (problem.isEmpty())
            QCOMPARE(found, QString());
        else
            QVERIFY2(found.contains(problem), qPrintable(found));
    }
};

QTEST_GUILESS_MAIN(TestWebSocketHandshake)
#include "tst_websockethandshake.moc"
