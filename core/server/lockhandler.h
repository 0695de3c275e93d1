#pragma once

#include "protocol/request.h"
#include "server/lockresult.h"

namespace recordlock {

class ClientConnection;
class LockManager;
class RecordStore;
class RequestDispatcher;

/// acquire, renew, release and get_lock: argument checks and the mapping of LockManager results
/// to replies. Broadcast events leave through the fan-out before the reply is sent.
class LockHandler
{
public:
    /// locks and records must outlive the handler.
    LockHandler(LockManager &locks, RecordStore &records);

    /// Registers the lock ops.
    void install(RequestDispatcher &dispatcher);

private:
    void acquire(ClientConnection &connection, const Request &request);
    void renew(ClientConnection &connection, const Request &request);
    void release(ClientConnection &connection, const Request &request);
    /// Replies to renew or release: the lock on success, else not_holder, stale_token or unavailable.
    void replyToHolderOp(ClientConnection &connection, const Request &request, const QString &recordId,
                         const LockResult &result, LockResult::Status success);
    void getLock(ClientConnection &connection, const Request &request);

    LockManager &m_locks;
    RecordStore &m_records;
};

} // namespace recordlock
