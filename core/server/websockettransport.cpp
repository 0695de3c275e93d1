#include "server/websockettransport.h"

#include <QWebSocket>

#include "protocol/limits.h"

namespace recordlock {

WebSocketTransport::WebSocketTransport(std::unique_ptr<QWebSocket> socket, QObject *parent)
    : MessageTransport(parent)
    , m_socket(std::move(socket))
{
    // Without these limits QtWebSockets buffers messages of up to 2 GiB (CVE-2018-21035);
    // exceeding them makes QtWebSockets close the socket with 1009.
    m_socket->setMaxAllowedIncomingFrameSize(quint64(limits::MaxMessageBytes));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(limits::MaxMessageBytes));
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &MessageTransport::textMessageReceived);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, &MessageTransport::binaryMessageReceived);
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { Q_EMIT pong(); });
    connect(m_socket.get(), &QWebSocket::disconnected, this, &MessageTransport::disconnected);
}

WebSocketTransport::~WebSocketTransport()
{
    // Destroyed at shutdown or after disconnect: nobody may hear from this socket any more.
    m_socket->disconnect(this);
}

void WebSocketTransport::sendTextMessage(const QString &message)
{
    m_socket->sendTextMessage(message);
}

qint64 WebSocketTransport::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

void WebSocketTransport::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    m_socket->close(code, reason);
}

void WebSocketTransport::abort()
{
    m_socket->abort();
}

void WebSocketTransport::ping()
{
    m_socket->ping();
}

QHostAddress WebSocketTransport::peerAddress() const
{
    return m_socket->peerAddress();
}

quint16 WebSocketTransport::peerPort() const
{
    return m_socket->peerPort();
}

} // namespace recordlock
