#include "server/clienthub.h"

#include <QWebSocket>

#include "server/clientconnection.h"
#include "server/groupcommit.h"
#include "server/lockmanager.h"
#include "server/requestdispatcher.h"
#include "server/serverlogging.h"
#include "server/sessionregistry.h"
#include "server/websockettransport.h"

namespace recordlock {

ClientHub::ClientHub(SessionRegistry &sessions, LockManager &locks, const RequestDispatcher &dispatcher,
                     const Clock &clock, const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_sessions(sessions)
    , m_locks(locks)
    , m_dispatcher(dispatcher)
    , m_clock(clock)
    , m_settings(settings)
{
}

ClientHub::~ClientHub()
{
    // Children die with the hub; their sessions are not "disconnected" by a shutdown: after the
    // restart every held lock gets the orphan grace anyway.
    const QList<ClientConnection *> connections = findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly);
    for (ClientConnection *connection : connections)
        connection->disconnect(this);
    // Whatever the last pass wrote is made durable, and its replies go out while the sockets live.
    if (m_groupCommit)
        m_groupCommit->commit();
}

void ClientHub::accept(std::unique_ptr<QWebSocket> socket)
{
    accept(std::make_unique<WebSocketTransport>(std::move(socket)));
}

void ClientHub::accept(std::unique_ptr<MessageTransport> transport)
{
    auto *connection = new ClientConnection(std::move(transport), m_clock, m_settings, this);
    connection->setOutputGate(m_groupCommit.get());
    connect(connection, &ClientConnection::requestReceived, this, [this](ClientConnection *c, const QByteArray &message) {
        if (m_groupCommit)
            m_groupCommit->open();
        const CommitUrgency urgency = m_dispatcher.dispatch(*c, message);
        if (m_groupCommit)
            m_groupCommit->schedule(urgency);
    });
    connect(connection, &ClientConnection::closed, this, &ClientHub::onClosed);
}

qsizetype ClientHub::connectionCount() const
{
    return findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly).size();
}

void ClientHub::enableGroupCommit(const QSqlDatabase &db)
{
    m_groupCommit = std::make_unique<GroupCommit>(db);
    connect(m_groupCommit.get(), &GroupCommit::commitFailed, this, &ClientHub::onCommitFailed);
    connect(m_groupCommit.get(), &GroupCommit::committed, this, [this] { m_disconnectedInPass.clear(); });
    const QList<ClientConnection *> connections = findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly);
    for (ClientConnection *connection : connections)
        connection->setOutputGate(m_groupCommit.get());
}

void ClientHub::onCommitFailed()
{
    // The lock table may hold changes the database no longer has: the database is the truth.
    m_locks.reload();
    // That also undid the orphan grace of sessions that closed during the pass; their
    // connections are gone, so nothing else would start it again.
    const QStringList disconnected = std::exchange(m_disconnectedInPass, {});
    for (const QString &sessionId : disconnected) {
        if (!m_sessions.connectionOf(sessionId))
            m_locks.sessionDisconnected(sessionId);
    }
}

void ClientHub::onClosed(ClientConnection *connection)
{
    m_sessions.forget(connection);
    const QString sessionId = connection->sessionId();
    // A session that moved to a newer connection is not disconnected.
    if (!sessionId.isEmpty() && m_sessions.unbind(sessionId, connection)) {
        qCInfo(lcSession) << "session of" << connection->user().name << "disconnected; locks wait out the grace";
        // No pass of its own: alone, the orphan grace commits write by write (or joins the open
        // pass), and its events go out at once, as a drop is not answered by anything later.
        // Joining the open pass, it is undone if that commit fails: onCommitFailed() redoes it.
        if (m_groupCommit && m_groupCommit->isOpen())
            m_disconnectedInPass.append(sessionId);
        m_locks.sessionDisconnected(sessionId);
    }
}

} // namespace recordlock
