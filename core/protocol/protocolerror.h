#pragma once

#include <QJsonObject>
#include <QString>

#include "protocol/errorcode.h"

namespace recordlock {

/// An error as carried in a reply: code, human message and code-specific details.
struct ProtocolError
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    /// Extra members of the error object, e.g. "field", "lock", "currentVersion".
    QJsonObject details;

    /// The wire form: {"code": ..., "message": ..., ...details}.
    QJsonObject toJson() const;
    /// Parses the wire form; an unknown code becomes Internal with the raw name in details.unknownCode.
    static ProtocolError fromJson(const QJsonObject &object);
};

} // namespace recordlock
