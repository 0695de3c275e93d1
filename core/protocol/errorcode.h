#pragma once

#include <optional>

#include <QString>
#include <QStringView>

namespace recordlock {

/// Machine-readable error codes carried in error replies (docs/protocol.md, "Errors").
enum class ErrorCode {
    BadRequest,         ///< frame is not a JSON object
    InvalidRequest,     ///< id or op missing or of the wrong type
    UnknownOp,          ///< op is not one this server knows
    InvalidArgument,    ///< an argument is missing, of the wrong type or out of range
    Unauthenticated,    ///< no valid session token on this connection
    InvalidCredentials, ///< login with a wrong user name or password
    Forbidden,          ///< authenticated, but the role does not allow it
    NotFound,           ///< no such record
    LockHeld,           ///< another session holds the lock
    NotHolder,          ///< this session does not hold the lock it names
    StaleToken,         ///< the fencing token is not the lock's current one
    NoLock,             ///< save without holding the record's lock
    StaleVersion,       ///< save based on an old record version
    SessionConflict,    ///< the session id is in use by another user
    RateLimited,        ///< too many requests or failed logins; retryAfterMs says when to retry
    ConnectionLimit,    ///< the user has the maximum number of signed-in connections
    LockChanged,        ///< override's expectHolder no longer holds the lock
    MessageTooLarge,    ///< message over the size limit
    Unavailable,        ///< a backing store is down; try again later
    Internal,           ///< a server bug; the request had no effect
};

/// The wire name of a code, e.g. "lock_held".
QString errorCodeName(ErrorCode code);
/// The code for a wire name, or nullopt if unknown.
std::optional<ErrorCode> errorCodeFromName(QStringView name);

} // namespace recordlock
