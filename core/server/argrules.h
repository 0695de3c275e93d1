#pragma once

#include "protocol/protocolerror.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace recordlock {

/// The argument formats docs/protocol.md prescribes beyond what ArgReader checks (character sets).
class ArgRules
{
public:
    /// A record id: 1-128 characters of [A-Za-z0-9._-].
    static bool isValidRecordId(QStringView id);
    /// A client-chosen session id: 8-128 characters of [A-Za-z0-9_-].
    static bool isValidSessionId(QStringView id);
    /// A record field name: [A-Za-z][A-Za-z0-9_]{0,63}.
    static bool isValidFieldName(QStringView name);

    /// invalid_argument naming the field.
    static ProtocolError invalidArgument(const QString &field, const QString &message);
    /// invalid_argument for a malformed recordId, or nullopt when it is well formed.
    static std::optional<ProtocolError> checkRecordId(const QString &id);
};

} // namespace recordlock
