#include "server/clienthub.h"

#include <QWebSocket>

#include "server/clientconnection.h"
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
}

void ClientHub::accept(std::unique_ptr<QWebSocket> socket)
{
    accept(std::make_unique<WebSocketTransport>(std::move(socket)));
}

void ClientHub::accept(std::unique_ptr<MessageTransport> transport)
{
    auto *connection = new ClientConnection(std::move(transport), m_clock, m_settings, this);
    connect(connection, &ClientConnection::requestReceived, this,
            [this](ClientConnection *c, const QByteArray &message) { m_dispatcher.dispatch(*c, message); });
    connect(connection, &ClientConnection::closed, this, &ClientHub::onClosed);
}

qsizetype ClientHub::connectionCount() const
{
    return findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly).size();
}

void ClientHub::onClosed(ClientConnection *connection)
{
    m_sessions.forget(connection);
    const QString sessionId = connection->sessionId();
    // A session that moved to a newer connection is not disconnected.
    if (!sessionId.isEmpty() && m_sessions.unbind(sessionId, connection)) {
        qCInfo(lcSession) << "session of" << connection->user().name << "disconnected; locks wait out the grace";
        m_locks.sessionDisconnected(sessionId);
    }
}

} // namespace recordlock
