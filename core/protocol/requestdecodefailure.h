#pragma once

#include <QJsonValue>

#include "protocol/protocolerror.h"

namespace recordlock {

/// A request that could not be decoded: the error to reply with, and the id if one was readable.
struct RequestDecodeFailure
{
    QJsonValue id;
    ProtocolError error;
};

} // namespace recordlock
