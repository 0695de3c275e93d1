#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace recordlock {

/// Client side of RFC 6455 framing, incoming direction: fed the bytes a server sent, it yields
/// whole messages (fragments joined) and control frames, or stops at the first violation.
/// No extensions are negotiated, so reserved bits must be clear; server frames must not be
/// masked.
class WebSocketFrameReader
{
public:
    /// Frame opcodes of RFC 6455 section 5.2.
    enum class Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

    /// A whole text or binary message, or one control frame.
    struct Message
    {
        Opcode opcode;
        QByteArray payload;
    };

    /// maxMessageBytes bounds one message after its fragments are joined.
    explicit WebSocketFrameReader(qint64 maxMessageBytes);

    /// Appends bytes read from the socket.
    void append(QByteArrayView bytes);
    /// The next complete message, if the bytes so far hold one; nothing once failed().
    std::optional<Message> next();
    /// A protocol violation was found; the connection must be failed.
    bool failed() const { return !m_error.isEmpty(); }
    /// What the violation was.
    const QString &error() const { return m_error; }

private:
    std::optional<Message> fail(const QString &why);
    void compact();

    qint64 m_maxMessageBytes;
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    std::optional<Opcode> m_fragmentedOpcode;
    QByteArray m_fragments;
    QString m_error;
};

} // namespace recordlock
