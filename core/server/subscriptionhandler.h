#pragma once

#include "protocol/request.h"

namespace recordlock {

class ClientConnection;
class LockManager;
class RecordStore;
class RequestDispatcher;
class SessionRegistry;

/// subscribe, unsubscribe, subscribe_all and unsubscribe_all: which events reach a connection.
class SubscriptionHandler
{
public:
    /// Everything passed must outlive the handler.
    SubscriptionHandler(SessionRegistry &sessions, LockManager &locks, RecordStore &records);

    /// Registers the subscription ops.
    void install(RequestDispatcher &dispatcher);

private:
    void subscribe(ClientConnection &connection, const Request &request);
    void unsubscribe(ClientConnection &connection, const Request &request);
    void subscribeAll(ClientConnection &connection, const Request &request);
    void unsubscribeAll(ClientConnection &connection, const Request &request);

    SessionRegistry &m_sessions;
    LockManager &m_locks;
    RecordStore &m_records;
};

} // namespace recordlock
