#include "rawconnection.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace recordlock::test {

RawConnection::RawConnection(quint16 port)
{
    QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket, [this] { m_connected = true; });
    m_opened.start();
    m_socket.connectToHost(u"127.0.0.1"_s, port);
}

bool RawConnection::waitForConnected(int timeoutMs)
{
    // Either way the answer is m_connected: a refused connection ends Unconnected, never connected.
    const bool settled = QTest::qWaitFor(
        [this] { return m_connected || m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    return settled && m_connected;
}

void RawConnection::write(const QByteArray &bytes)
{
    m_socket.write(bytes);
}

bool RawConnection::waitForClosed(int timeoutMs)
{
    const bool closed = QTest::qWaitFor([this] {
        collect();
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs);
    if (closed)
        m_closedAfterMs = m_opened.elapsed();
    collect();
    return closed;
}

bool RawConnection::waitForText(const QByteArray &text, int timeoutMs)
{
    const bool settled = QTest::qWaitFor([&] {
        collect();
        return m_received.contains(text) || m_socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs);
    collect();
    return settled && m_received.contains(text);
}

bool RawConnection::isOpen() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

void RawConnection::collect()
{
    m_received += m_socket.readAll();
}

} // namespace recordlock::test
