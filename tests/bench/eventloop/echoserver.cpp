#include "echoserver.h"

#include <QHostAddress>

namespace recordlock {

quint16 EchoServer::listen()
{
    // The client connects thousands of sockets in a burst; a short backlog would drop SYNs and
    // stall it for a second per retry.
    m_server.setListenBacklogSize(4096);
    m_server.setMaxPendingConnections(1 << 20);
    connect(&m_server, &QTcpServer::newConnection, this, &EchoServer::acceptPending);
    if (!m_server.listen(QHostAddress::LocalHost))
        return 0;
    return m_server.serverPort();
}

void EchoServer::acceptPending()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->write(socket->readAll()); });
        m_sockets.emplace_back(socket);
        m_accepted.fetch_add(1);
    }
}

} // namespace recordlock
