#pragma once

#include <memory>

#include <QObject>
#include <QSqlDatabase>
#include <QStringList>

#include "server/connectionsettings.h"

class QWebSocket;

namespace recordlock {

class ClientConnection;
class Clock;
class GroupCommit;
class LockManager;
class MessageTransport;
class RequestDispatcher;
class SessionRegistry;

/// Owns the live ClientConnections: wraps accepted sockets, routes their requests to the
/// dispatcher and, when one drops, starts the orphan grace of its session.
class ClientHub : public QObject
{
    Q_OBJECT

public:
    /// Everything passed must outlive the hub.
    ClientHub(SessionRegistry &sessions, LockManager &locks, const RequestDispatcher &dispatcher, const Clock &clock,
              const ConnectionSettings &settings, QObject *parent = nullptr);
    ~ClientHub() override;

    /// Takes over a freshly upgraded WebSocket.
    void accept(std::unique_ptr<QWebSocket> socket);
    /// Takes over a connection that did not come through the listening socket (in-memory tests).
    void accept(std::unique_ptr<MessageTransport> transport);
    /// Number of open connections.
    qsizetype connectionCount() const;
    /// From now on the writes of all requests served in one event-loop pass share one transaction
    /// on db, and no message leaves before it commits (see GroupCommit). db must outlive the hub.
    void enableGroupCommit(const QSqlDatabase &db);
    /// The group commit, if enabled.
    GroupCommit *groupCommit() const { return m_groupCommit.get(); }

private:
    void onClosed(ClientConnection *connection);
    void onCommitFailed();

    SessionRegistry &m_sessions;
    LockManager &m_locks;
    const RequestDispatcher &m_dispatcher;
    const Clock &m_clock;
    ConnectionSettings m_settings;
    std::unique_ptr<GroupCommit> m_groupCommit;
    /// Sessions whose connection closed while a pass was open: their orphan grace is in it.
    QStringList m_disconnectedInPass;
};

} // namespace recordlock
