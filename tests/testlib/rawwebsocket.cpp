#include "rawwebsocket.h"

#include <QTest>
#include <QUrl>

#include "protocol/limits.h"
#include "websocket/websocketframewriter.h"
#include "websocket/websockethandshake.h"

using namespace Qt::StringLiterals;

namespace recordlock::test {

RawWebSocket::RawWebSocket(QObject *parent)
    : QObject(parent)
    , m_reader(limits::ClientMaxMessageBytes)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawWebSocket::onReadyRead);
}

bool RawWebSocket::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs))
        return false;
    m_reading = false; // the handshake answer is read here, not as frames
    const WebSocketHandshake handshake(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(port)));
    m_socket.write(handshake.request());
    QByteArray answer;
    const bool answered = QTest::qWaitFor([&] {
        answer += m_socket.readAll();
        return WebSocketHandshake::headLength(answer).has_value();
    }, timeoutMs);
    if (!answered)
        return false;
    const qsizetype headLength = *WebSocketHandshake::headLength(answer);
    const QString problem = handshake.check(answer.left(headLength));
    if (!problem.isEmpty()) {
        qWarning() << "handshake:" << problem;
        return false;
    }
    m_reader.append(QByteArrayView(answer).sliced(headLength));
    m_reading = true;
    parseFrames();
    return true;
}

void RawWebSocket::sendText(const QByteArray &payload)
{
    m_socket.write(WebSocketFrameWriter::encode(WebSocketFrameReader::Opcode::Text, payload));
}

QByteArray RawWebSocket::waitForText(int timeoutMs)
{
    if (!QTest::qWaitFor([this] { return !m_texts.isEmpty(); }, timeoutMs))
        return {};
    return m_texts.takeFirst();
}

void RawWebSocket::stopReading()
{
    m_reading = false;
    // QAbstractSocket would otherwise keep draining the kernel into its own unbounded buffer.
    m_socket.setReadBufferSize(1);
    m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
}

bool RawWebSocket::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
}

bool RawWebSocket::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

void RawWebSocket::onReadyRead()
{
    if (!m_reading)
        return;
    m_reader.append(m_socket.readAll());
    parseFrames();
}

void RawWebSocket::parseFrames()
{
    using Opcode = WebSocketFrameReader::Opcode;
    while (const std::optional<WebSocketFrameReader::Message> message = m_reader.next()) {
        if (message->opcode == Opcode::Ping)
            ++m_pings;
        else if (message->opcode == Opcode::Text)
            m_texts.append(message->payload);
        else if (message->opcode == Opcode::Close)
            m_socket.disconnectFromHost();
    }
    if (m_reader.failed()) {
        qWarning() << "framing error from the server:" << m_reader.error();
        m_socket.abort();
    }
}

} // namespace recordlock::test
