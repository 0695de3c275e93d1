#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace recordlock {

class ClientConnection;

/// Who is connected as which session, and which connections watch which records. Subscriptions
/// belong to a connection and end with it. Does not own the connections.
class SessionRegistry
{
public:
    /// The live connection of a session, or nullptr.
    ClientConnection *connectionOf(const QString &sessionId) const;
    /// Sessions with a live signed-in connection.
    qsizetype sessionCount() const { return m_sessions.size(); }
    /// Makes connection the session's connection; returns the one it displaced (nullptr if none).
    ClientConnection *bind(const QString &sessionId, ClientConnection *connection);
    /// Removes the session if connection is still its connection; false if the session moved on.
    bool unbind(const QString &sessionId, const ClientConnection *connection);

    /// Starts delivering a record's events to connection.
    void subscribe(ClientConnection *connection, const QString &recordId);
    /// Stops delivering a record's events to connection.
    void unsubscribe(ClientConnection *connection, const QString &recordId);
    /// Starts or stops delivering every record's events to connection.
    void setSubscribedAll(ClientConnection *connection, bool on);
    /// Every connection that should receive an event of recordId, each once.
    QList<ClientConnection *> recipients(const QString &recordId) const;
    /// Drops all subscriptions of connection (it closed or changed hands).
    void forget(ClientConnection *connection);

private:
    QHash<QString, ClientConnection *> m_sessions;
    QHash<QString, QSet<ClientConnection *>> m_watchers;
    QHash<ClientConnection *, QSet<QString>> m_subscriptions;
    QSet<ClientConnection *> m_watchingAll;
};

} // namespace recordlock
