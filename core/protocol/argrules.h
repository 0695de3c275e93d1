#pragma once

#include <QStringView>

namespace recordlock {

/// The character-set formats docs/protocol.md prescribes for ids and field names. Shared by both
/// sides: the server refuses what does not match, a client can check before it sends.
class ArgRules
{
public:
    /// A record id: 1-128 characters of [A-Za-z0-9._-].
    static bool isValidRecordId(QStringView id);
    /// A client-chosen session id: 8-128 characters of [A-Za-z0-9_-].
    static bool isValidSessionId(QStringView id);
    /// A record field name: [A-Za-z][A-Za-z0-9_]{0,63}.
    static bool isValidFieldName(QStringView name);
};

} // namespace recordlock
