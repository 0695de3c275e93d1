#include "websocket/websocketframewriter.h"

#include <QRandomGenerator>

namespace recordlock {

QByteArray WebSocketFrameWriter::encode(Opcode opcode, QByteArrayView payload, quint32 maskKey)
{
    const quint64 length = quint64(payload.size());
    QByteArray frame;
    frame.reserve(payload.size() + 14);
    frame.append(char(0x80 | quint8(opcode)));
    if (length < 126) {
        frame.append(char(0x80 | length));
    } else if (length <= 0xffff) {
        frame.append(char(0x80 | 126));
        frame.append(char(length >> 8));
        frame.append(char(length & 0xff));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((length >> shift) & 0xff));
    }
    const char mask[4] = {char(maskKey >> 24), char(maskKey >> 16), char(maskKey >> 8), char(maskKey)};
    frame.append(mask, 4);
    const qsizetype start = frame.size();
    frame.append(payload);
    char *out = frame.data() + start;
    for (qsizetype i = 0; i < payload.size(); ++i)
        out[i] = char(out[i] ^ mask[i % 4]);
    return frame;
}

QByteArray WebSocketFrameWriter::encode(Opcode opcode, QByteArrayView payload)
{
    return encode(opcode, payload, QRandomGenerator::global()->generate());
}

} // namespace recordlock
