#include "server/sessionregistry.h"

namespace recordlock {

ClientConnection *SessionRegistry::connectionOf(const QString &sessionId) const
{
    return m_sessions.value(sessionId, nullptr);
}

ClientConnection *SessionRegistry::bind(const QString &sessionId, ClientConnection *connection)
{
    ClientConnection *previous = m_sessions.value(sessionId, nullptr);
    m_sessions.insert(sessionId, connection);
    return previous == connection ? nullptr : previous;
}

bool SessionRegistry::unbind(const QString &sessionId, const ClientConnection *connection)
{
    const auto it = m_sessions.constFind(sessionId);
    if (it == m_sessions.constEnd() || it.value() != connection)
        return false;
    m_sessions.erase(it);
    return true;
}

void SessionRegistry::subscribe(ClientConnection *connection, const QString &recordId)
{
    m_watchers[recordId].insert(connection);
    m_subscriptions[connection].insert(recordId);
}

void SessionRegistry::unsubscribe(ClientConnection *connection, const QString &recordId)
{
    auto watchers = m_watchers.find(recordId);
    if (watchers != m_watchers.end()) {
        watchers->remove(connection);
        if (watchers->isEmpty())
            m_watchers.erase(watchers);
    }
    auto records = m_subscriptions.find(connection);
    if (records != m_subscriptions.end()) {
        records->remove(recordId);
        if (records->isEmpty())
            m_subscriptions.erase(records);
    }
}

void SessionRegistry::setSubscribedAll(ClientConnection *connection, bool on)
{
    if (on)
        m_watchingAll.insert(connection);
    else
        m_watchingAll.remove(connection);
}

QList<ClientConnection *> SessionRegistry::recipients(const QString &recordId) const
{
    QList<ClientConnection *> result(m_watchingAll.cbegin(), m_watchingAll.cend());
    const auto watchers = m_watchers.constFind(recordId);
    if (watchers == m_watchers.constEnd())
        return result;
    for (ClientConnection *connection : *watchers) {
        if (!m_watchingAll.contains(connection))
            result.append(connection);
    }
    return result;
}

void SessionRegistry::forget(ClientConnection *connection)
{
    m_watchingAll.remove(connection);
    const QSet<QString> records = m_subscriptions.take(connection);
    for (const QString &recordId : records) {
        auto watchers = m_watchers.find(recordId);
        if (watchers == m_watchers.end())
            continue;
        watchers->remove(connection);
        if (watchers->isEmpty())
            m_watchers.erase(watchers);
    }
}

} // namespace recordlock
