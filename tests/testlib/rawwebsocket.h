#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpSocket>

#include "websocket/websocketframereader.h"

namespace recordlock::test {

/// A WebSocket client on a bare QTcpSocket, for what a well-behaved QWebSocket never does: stop
/// reading, or not answer pings. Framing and the handshake come from core/websocket, so a
/// framing error by the server fails the connection here too.
class RawWebSocket : public QObject
{
    Q_OBJECT

public:
    /// Not connected yet.
    explicit RawWebSocket(QObject *parent = nullptr);

    /// Connects to ws://127.0.0.1:port/ws and completes the handshake; false on failure or timeout.
    bool connectTo(quint16 port, int timeoutMs = 5000);
    /// Sends one masked text frame.
    void sendText(const QByteArray &payload);
    /// The next text message received (oldest first); empty after timeoutMs without one.
    QByteArray waitForText(int timeoutMs = 5000);
    /// Leaves everything that arrives from now on in the kernel, so the server's buffers fill up.
    void stopReading();
    /// Waits until the server has closed or dropped the connection.
    bool waitForDisconnected(int timeoutMs = 5000);
    /// True while the TCP connection is up.
    bool isConnected() const;
    /// Pings received (none is ever answered).
    int pingsReceived() const { return m_pings; }

private:
    void onReadyRead();
    void parseFrames();

    QTcpSocket m_socket;
    WebSocketFrameReader m_reader;
    QList<QByteArray> m_texts;
    int m_pings = 0;
    bool m_reading = true;
};

} // namespace recordlock::test
