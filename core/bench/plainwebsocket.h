#pragma once

#include <memory>

#include <QByteArray>
#include <QString>

#include "bench/benchsocket.h"
#include "protocol/limits.h"
#include "websocket/websocketframereader.h"
#include "websocket/websockethandshake.h"

class QSocketNotifier;

namespace recordlock {

/// A ws:// client on a plain non-blocking TCP socket: one read() per wake-up, framing and the
/// handshake done by WebSocketFrameReader, WebSocketFrameWriter and WebSocketHandshake. Answers
/// pings; any protocol violation by the server closes the connection with a reason.
class PlainWebSocket : public BenchSocket
{
    Q_OBJECT

public:
    explicit PlainWebSocket(QObject *parent = nullptr);
    ~PlainWebSocket() override;

    // BenchSocket
    void open(const QUrl &url) override;
    void sendText(const QByteArray &utf8) override;
    void close() override;
    QString endReason() const override { return m_endReason; }

private:
    enum class State { Idle, Connecting, Handshaking, Open, Closing, Closed };

    void connectTo(const QUrl &url);
    void onWritable();
    void onReadable();
    void received(QByteArrayView bytes);
    void handshakeBytes(QByteArrayView bytes);
    void frames();
    void closeFrame(const QByteArray &payload);
    void failConnection(quint16 code, const QString &why);
    void queue(const QByteArray &bytes);
    void writeOut();
    void end(const QString &reason);
    void endLater(const QString &reason);

    int m_fd = -1;
    State m_state = State::Idle;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    std::unique_ptr<WebSocketHandshake> m_handshake;
    QByteArray m_head;
    WebSocketFrameReader m_reader{limits::ClientMaxMessageBytes};
    QByteArray m_out;
    qsizetype m_outOffset = 0;
    QString m_endReason;
};

} // namespace recordlock
