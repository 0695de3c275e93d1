#include "rawwebsocket.h"

#include <utility>

#include <QRandomGenerator>
#include <QTest>

namespace recordlock::test {

namespace {

constexpr char Handshake[] = "GET /ws HTTP/1.1\r\n"
                             "Host: 127.0.0.1\r\n"
                             "Upgrade: websocket\r\n"
                             "Connection: Upgrade\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                             "Sec-WebSocket-Version: 13\r\n\r\n";

enum Opcode : quint8 { Continuation = 0x0, Text = 0x1, Close = 0x8, Ping = 0x9 };

} // namespace

RawWebSocket::RawWebSocket(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawWebSocket::onReadyRead);
}

bool RawWebSocket::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs))
        return false;
    m_reading = false; // the handshake answer is read here, not as frames
    m_socket.write(Handshake);
    QByteArray answer;
    const bool answered = QTest::qWaitFor([&] {
        answer += m_socket.readAll();
        return answer.contains("\r\n\r\n");
    }, timeoutMs);
    if (!answered || !answer.startsWith("HTTP/1.1 101"))
        return false;
    m_buffer = answer.mid(answer.indexOf("\r\n\r\n") + 4);
    m_reading = true;
    parseFrames();
    return true;
}

void RawWebSocket::sendText(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x80 | Text));
    const qsizetype size = payload.size();
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size <= 0xffff) {
        frame.append(char(0x80 | 126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(size) >> shift) & 0xff));
    }
    const quint32 mask = QRandomGenerator::global()->generate();
    const char key[4] = {char(mask >> 24), char(mask >> 16), char(mask >> 8), char(mask)};
    frame.append(key, 4);
    for (qsizetype i = 0; i < size; ++i)
        frame.append(char(payload.at(i) ^ key[i % 4]));
    m_socket.write(frame);
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
    m_buffer += m_socket.readAll();
    parseFrames();
}

void RawWebSocket::parseFrames()
{
    for (;;) {
        if (m_buffer.size() < 2)
            return;
        const auto first = quint8(m_buffer.at(0));
        const auto second = quint8(m_buffer.at(1));
        qsizetype header = 2;
        quint64 length = second & 0x7f;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = (quint64(quint8(m_buffer.at(2))) << 8) | quint8(m_buffer.at(3));
            header = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | quint8(m_buffer.at(i));
            header = 10;
        }
        if (quint64(m_buffer.size() - header) < length)
            return;
        const QByteArray payload = m_buffer.mid(header, qsizetype(length));
        m_buffer.remove(0, header + qsizetype(length));
        const quint8 opcode = first & 0x0f;
        const bool fin = first & 0x80;
        if (opcode == Ping) {
            ++m_pings;
        } else if (opcode == Text || opcode == Continuation) {
            m_fragments += payload;
            if (fin)
                m_texts.append(std::exchange(m_fragments, {}));
        } else if (opcode == Close) {
            m_socket.disconnectFromHost();
        }
    }
}

} // namespace recordlock::test
