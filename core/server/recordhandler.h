#pragma once

#include "protocol/request.h"

namespace recordlock {

class AuditLog;
class ClientConnection;
class Clock;
class EventFanout;
class LockManager;
class RecordStore;
class RequestDispatcher;

/// list_records, get_record and save_record. A save is fenced: it needs the caller's lock and its
/// current token, and the store re-checks the token atomically with the version.
class RecordHandler
{
public:
    /// Everything passed must outlive the handler.
    RecordHandler(RecordStore &records, LockManager &locks, EventFanout &fanout, AuditLog &audit,
                  const Clock &clock);

    /// Registers the record ops.
    void install(RequestDispatcher &dispatcher);

private:
    void listRecords(ClientConnection &connection, const Request &request);
    void getRecord(ClientConnection &connection, const Request &request);
    void saveRecord(ClientConnection &connection, const Request &request);

    RecordStore &m_records;
    LockManager &m_locks;
    EventFanout &m_fanout;
    AuditLog &m_audit;
    const Clock &m_clock;
};

} // namespace recordlock
