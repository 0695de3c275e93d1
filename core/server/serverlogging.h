#pragma once

#include <QLoggingCategory>

namespace recordlock {

/// Lock rules and deadlines ("recordlock.server.lock").
Q_DECLARE_LOGGING_CATEGORY(lcLock)
/// Connections, sessions and authentication ("recordlock.server.session").
Q_DECLARE_LOGGING_CATEGORY(lcSession)
/// The HTTP/WebSocket listener ("recordlock.server.http").
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
/// Request dispatch and replies ("recordlock.server.request").
Q_DECLARE_LOGGING_CATEGORY(lcRequest)
/// The SQLite stores ("recordlock.storage").
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
/// Passwords, secrets, tokens and accounts ("recordlock.identity").
Q_DECLARE_LOGGING_CATEGORY(lcIdentity)

} // namespace recordlock
