#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include "websocket/websocketframereader.h"

namespace recordlock {

/// Client side of RFC 6455 framing, outgoing direction: one unfragmented, masked frame.
class WebSocketFrameWriter
{
public:
    using Opcode = WebSocketFrameReader::Opcode;

    /// The frame carrying payload, masked with maskKey (a client must mask every frame).
    static QByteArray encode(Opcode opcode, QByteArrayView payload, quint32 maskKey);
    /// The same with a fresh random mask key.
    static QByteArray encode(Opcode opcode, QByteArrayView payload);
};

} // namespace recordlock
