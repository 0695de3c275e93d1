#pragma once

#include <memory>

#include "server/messagetransport.h"

class QWebSocket;

namespace recordlock {

/// A MessageTransport over an accepted QWebSocket, with the incoming size limits of
/// docs/protocol.md set on it.
class WebSocketTransport : public MessageTransport
{
    Q_OBJECT

public:
    /// Takes ownership of socket.
    explicit WebSocketTransport(std::unique_ptr<QWebSocket> socket, QObject *parent = nullptr);
    ~WebSocketTransport() override;

    // MessageTransport
    void sendTextMessage(const QString &message) override;
    qint64 bytesToWrite() const override;
    void close(QWebSocketProtocol::CloseCode code, const QString &reason) override;
    void abort() override;
    void ping() override;
    QHostAddress peerAddress() const override;
    quint16 peerPort() const override;

    /// The wrapped socket (e.g. for its handshake request).
    QWebSocket *socket() const { return m_socket.get(); }

private:
    std::unique_ptr<QWebSocket> m_socket;
};

} // namespace recordlock
