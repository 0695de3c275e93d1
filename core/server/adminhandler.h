#pragma once

#include "protocol/request.h"

namespace recordlock {

class AuditLog;
class ClientConnection;
class LockManager;
class RecordStore;
class RequestDispatcher;
class UserStore;

/// The admin ops override and get_history: the role check, argument checks and the mapping of
/// results to replies. The role is read from the user store at every request, never from the
/// login, so a demotion applies at once; the override rules themselves are LockManager's.
class AdminHandler
{
public:
    /// Everything passed must outlive the handler.
    AdminHandler(UserStore &users, LockManager &locks, RecordStore &records, AuditLog &audit);

    /// Registers override and get_history.
    void install(RequestDispatcher &dispatcher);

private:
    /// True if the connection's user is an admin now; otherwise replies forbidden.
    bool checkAdmin(ClientConnection &connection, const Request &request);
    void overrideLock(ClientConnection &connection, const Request &request);
    void getHistory(ClientConnection &connection, const Request &request);

    UserStore &m_users;
    LockManager &m_locks;
    RecordStore &m_records;
    AuditLog &m_audit;
};

} // namespace recordlock
