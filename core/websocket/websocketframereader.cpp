#include "websocket/websocketframereader.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

constexpr quint8 FinBit = 0x80;
constexpr quint8 ReservedBits = 0x70;
constexpr quint8 OpcodeBits = 0x0f;
constexpr quint8 MaskBit = 0x80;
constexpr quint8 LengthBits = 0x7f;
constexpr int MaxControlPayload = 125;

bool isControl(quint8 opcode)
{
    return opcode & 0x8;
}

bool isKnown(quint8 opcode)
{
    return opcode <= 0x2 || (opcode >= 0x8 && opcode <= 0xa);
}

} // namespace

WebSocketFrameReader::WebSocketFrameReader(qint64 maxMessageBytes)
    : m_maxMessageBytes(maxMessageBytes)
{
}

void WebSocketFrameReader::append(QByteArrayView bytes)
{
    if (!failed())
        m_buffer.append(bytes);
}

std::optional<WebSocketFrameReader::Message> WebSocketFrameReader::next()
{
    while (!failed()) {
        const auto *data = reinterpret_cast<const quint8 *>(m_buffer.constData()) + m_offset;
        const qsizetype available = m_buffer.size() - m_offset;
        if (available < 2)
            break;
        const quint8 first = data[0];
        const quint8 second = data[1];
        const quint8 opcode = first & OpcodeBits;
        const bool fin = first & FinBit;
        if (first & ReservedBits)
            return fail(u"reserved bits set without an extension"_s);
        if (!isKnown(opcode))
            return fail(u"unknown opcode %1"_s.arg(opcode));
        if (second & MaskBit)
            return fail(u"masked frame from the server"_s);
        qsizetype headerBytes = 2;
        quint64 length = second & LengthBits;
        if (length == 126) {
            headerBytes = 4;
            if (available < headerBytes)
                break;
            length = quint64(data[2]) << 8 | data[3];
            if (length < 126)
                return fail(u"length not in its shortest form"_s);
        } else if (length == 127) {
            headerBytes = 10;
            if (available < headerBytes)
                break;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = length << 8 | data[i];
            if (length >> 63)
                return fail(u"length with its most significant bit set"_s);
            if (length <= 0xffff)
                return fail(u"length not in its shortest form"_s);
        }
        if (isControl(opcode) && (!fin || length > MaxControlPayload))
            return fail(u"control frame fragmented or longer than 125 bytes"_s);
        const qint64 joined = (opcode == 0 ? m_fragments.size() : 0);
        if (length > quint64(m_maxMessageBytes - joined))
            return fail(u"message longer than %1 bytes"_s.arg(m_maxMessageBytes));
        if (quint64(available - headerBytes) < length)
            break;
        const QByteArrayView payload(reinterpret_cast<const char *>(data) + headerBytes, qsizetype(length));
        m_offset += headerBytes + qsizetype(length);

        if (isControl(opcode)) {
            compact();
            return Message{Opcode(opcode), payload.toByteArray()};
        }
        if (opcode == quint8(Opcode::Continuation)) {
            if (!m_fragmentedOpcode)
                return fail(u"continuation frame without a message to continue"_s);
            m_fragments.append(payload);
            if (!fin)
                continue;
            const Opcode messageOpcode = *std::exchange(m_fragmentedOpcode, std::nullopt);
            compact();
            return Message{messageOpcode, std::exchange(m_fragments, {})};
        }
        if (m_fragmentedOpcode)
            return fail(u"new message before the fragmented one ended"_s);
        if (!fin) {
            m_fragmentedOpcode = Opcode(opcode);
            m_fragments = payload.toByteArray();
            continue;
        }
        Message message{Opcode(opcode), payload.toByteArray()};
        compact();
        return message;
    }
    compact();
    return std::nullopt;
}

std::optional<WebSocketFrameReader::Message> WebSocketFrameReader::fail(const QString &why)
{
    m_error = why;
    m_buffer.clear();
    m_offset = 0;
    m_fragments.clear();
    return std::nullopt;
}

void WebSocketFrameReader::compact()
{
    // Consumed bytes are dropped once they are all of the buffer or half of it, so a steady
    // stream of small messages neither grows the buffer nor moves it on every message.
    if (m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    } else if (m_offset > m_buffer.size() / 2) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
}

} // namespace recordlock
