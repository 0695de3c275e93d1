#include "server/userconnectioncounter.h"

namespace recordlock {

UserConnectionCounter::UserConnectionCounter(int maxPerUser)
    : m_maxPerUser(qMax(0, maxPerUser))
{
}

bool UserConnectionCounter::admits(qint64 userId, const QObject *connection, const QObject *displaced) const
{
    if (m_maxPerUser == 0)
        return true;
    const auto it = m_byUser.constFind(userId);
    if (it == m_byUser.constEnd())
        return true;
    qsizetype others = it->size();
    if (it->contains(connection))
        --others;
    if (displaced && displaced != connection && it->contains(displaced))
        --others;
    return others < m_maxPerUser;
}

void UserConnectionCounter::add(qint64 userId, const QObject *connection)
{
    remove(connection);
    m_byUser[userId].insert(connection);
    m_userOf.insert(connection, userId);
}

void UserConnectionCounter::remove(const QObject *connection)
{
    const auto user = m_userOf.constFind(connection);
    if (user == m_userOf.constEnd())
        return;
    const auto connections = m_byUser.find(*user);
    if (connections != m_byUser.end()) {
        connections->remove(connection);
        if (connections->isEmpty())
            m_byUser.erase(connections);
    }
    m_userOf.erase(user);
}

qsizetype UserConnectionCounter::count(qint64 userId) const
{
    const auto it = m_byUser.constFind(userId);
    return it == m_byUser.constEnd() ? 0 : it->size();
}

} // namespace recordlock
