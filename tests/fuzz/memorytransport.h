#pragma once

#include <functional>

#include "server/messagetransport.h"

namespace recordlock::fuzz {

/// A MessageTransport in memory: the fuzz harness delivers client messages with deliver() and
/// hears every server message and close through callbacks. Like a WebSocket, it reports
/// disconnected() from the event loop, never from inside close() or abort().
class MemoryTransport : public recordlock::MessageTransport
{
    Q_OBJECT

public:
    /// Called for every message the server sends.
    using SendHook = std::function<void(const QString &message)>;
    /// Called once when the server closes (code) or aborts (code 0) the connection.
    using CloseHook = std::function<void(int code)>;

    /// The hooks must stay callable while the transport lives (the server owns it).
    MemoryTransport(SendHook onSend, CloseHook onClose);
    ~MemoryTransport() override;

    /// Hands one text message to the server, as if it had arrived from the peer.
    void deliver(const QString &message);
    /// Hands one binary message to the server (the protocol refuses these).
    void deliverBinary(const QByteArray &message);
    /// The peer vanishes: the server sees the connection drop, without a close handshake; the
    /// close hook is not called (the server did not close anything).
    void dropFromPeer();

    // MessageTransport
    void sendTextMessage(const QString &message) override;
    qint64 bytesToWrite() const override;
    void close(QWebSocketProtocol::CloseCode code, const QString &reason) override;
    void abort() override;
    void ping() override;
    QHostAddress peerAddress() const override;
    quint16 peerPort() const override;

private:
    void finish(int code);

    SendHook m_onSend;
    CloseHook m_onClose;
    bool m_finished = false;
    bool m_dropped = false;
};

} // namespace recordlock::fuzz
