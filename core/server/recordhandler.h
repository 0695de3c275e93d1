#pragma once

#include "protocol/request.h"

namespace recordlock {

class AuditLog;
class ClientConnection;
class LockManager;
class RecordStore;
class RequestDispatcher;

/// list_records, get_record and save_record. A save is fenced: it needs the caller's lock and its
/// current token, and the store re-checks the token atomically with the version.
class RecordHandler
{
public:
    /// Everything passed must outlive the handler.
    RecordHandler(RecordStore &records, LockManager &locks, AuditLog &audit);

    /// Registers the record ops.
    void install(RequestDispatcher &dispatcher);

private:
    void listRecords(ClientConnection &connection, const Request &request);
    void getRecord(ClientConnection &connection, const Request &request);
    void saveRecord(ClientConnection &connection, const Request &request);

    RecordStore &m_records;
    LockManager &m_locks;
    AuditLog &m_audit;
};

} // namespace recordlock
