#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include "protocol/protocolerror.h"

namespace recordlock {

/// A decoded server-to-client message: either a reply to a request or an event.
struct ServerMessage
{
    enum class Kind { Reply, Event };

    Kind kind = Kind::Reply;
    qint64 serverTime = 0;

    // Reply members
    QJsonValue id;
    bool ok = false;
    QJsonObject result;
    ProtocolError error;

    // Event members
    QString event;
    QString recordId;
    qint64 seq = 0;
    /// The whole event object (lock, reason, record, ...).
    QJsonObject body;
};

} // namespace recordlock
