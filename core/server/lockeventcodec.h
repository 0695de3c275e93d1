#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QString>

#include "server/lockevent.h"

namespace recordlock {

/// The events of one lock change as instances exchange them over Redis Pub/Sub: the sending
/// instance's id (for logs), a newline, then JSON with every row field (internal ids included;
/// never sent to clients).
class LockEventCodec
{
public:
    /// One decoded message.
    struct Message
    {
        QString instanceId;
        QList<LockEvent> events;
    };

    /// The message for events sent by instanceId.
    static QByteArray encode(const QString &instanceId, const QList<LockEvent> &events);
    /// The message in bytes, or nullopt if it is not one encode() made.
    static std::optional<Message> decode(const QByteArray &bytes);
};

} // namespace recordlock
