#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QWebSocketProtocol>

namespace recordlock {

/// The message-moving side of a client connection: a WebSocket in the server (WebSocketTransport),
/// plain memory in the fuzz targets. ClientConnection keeps every protocol rule; this only moves
/// whole text messages, so the request path can run without sockets.
class MessageTransport : public QObject
{
    Q_OBJECT

public:
    /// A transport with an optional QObject parent.
    explicit MessageTransport(QObject *parent = nullptr);
    ~MessageTransport() override;

    /// Queues one text message for the peer.
    virtual void sendTextMessage(const QString &message) = 0;
    /// Bytes queued for the peer but not yet written (the slow-reader cap reads this).
    virtual qint64 bytesToWrite() const = 0;
    /// Starts the closing handshake; disconnected() follows when it completes.
    virtual void close(QWebSocketProtocol::CloseCode code, const QString &reason) = 0;
    /// Cuts the connection without a close frame; disconnected() follows.
    virtual void abort() = 0;
    /// Sends a keepalive ping; a live peer answers with pong().
    virtual void ping() = 0;
    /// The peer's address (logs, per-address limits).
    virtual QHostAddress peerAddress() const = 0;
    /// The peer's port (logs).
    virtual quint16 peerPort() const = 0;

Q_SIGNALS:
    /// One complete text message arrived.
    void textMessageReceived(const QString &message);
    /// One complete binary message arrived (the protocol refuses these).
    void binaryMessageReceived(const QByteArray &message);
    /// The peer answered a ping.
    void pong();
    /// The connection is gone; nothing more will be received or sent.
    void disconnected();
};

} // namespace recordlock
