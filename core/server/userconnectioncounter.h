#pragma once

#include <QHash>
#include <QSet>

class QObject;

namespace recordlock {

/// The signed-in connections of each user, for the per-user cap (docs/protocol.md, "Connection
/// caps"). Connections are only keys here: never dereferenced, not owned.
class UserConnectionCounter
{
public:
    /// At most maxPerUser signed-in connections per user; 0 means unlimited.
    explicit UserConnectionCounter(int maxPerUser);

    /// Whether connection may sign in as userId. Connections that already count for the user
    /// and stay one connection are not counted again: connection itself (a second login on it)
    /// and displaced (the connection whose session this sign-in takes over), if not null.
    bool admits(qint64 userId, const QObject *connection, const QObject *displaced) const;
    /// Counts connection for userId (and no longer for any user it was signed in as before).
    void add(qint64 userId, const QObject *connection);
    /// Stops counting connection (logout, takeover, close); unknown connections are ignored.
    void remove(const QObject *connection);
    /// Signed-in connections of userId.
    qsizetype count(qint64 userId) const;
    /// The cap (0 = unlimited).
    int maxPerUser() const { return m_maxPerUser; }

private:
    int m_maxPerUser;
    QHash<qint64, QSet<const QObject *>> m_byUser;
    QHash<const QObject *, qint64> m_userOf;
};

} // namespace recordlock
