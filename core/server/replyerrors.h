#pragma once

#include <QString>

#include "protocol/protocolerror.h"
#include "server/lockrow.h"

namespace recordlock {

class ClientConnection;
class RecordStore;

/// The error replies several handlers share, worded once.
class ReplyErrors
{
public:
    /// not_found for a record id.
    static ProtocolError notFound(const QString &recordId);
    /// not_found, or unavailable while records cannot be read (see RecordStore::isAvailable()).
    static ProtocolError missingRecord(const RecordStore &records, const QString &recordId);
    /// unavailable: a store refused a write, nothing changed.
    static ProtocolError unavailable();
    /// An error carrying the lock as connection sees it (lock_held, not_holder, no_lock).
    static ProtocolError withLock(ErrorCode code, const QString &message, const LockRow &row,
                                  const ClientConnection &connection);
    /// stale_token.
    static ProtocolError staleToken(const QString &recordId);
    /// invalid_argument naming the field, for checks beyond what ArgReader does.
    static ProtocolError invalidArgument(const QString &field, const QString &message);
};

} // namespace recordlock
