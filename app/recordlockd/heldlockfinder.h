#pragma once

#include <optional>

#include <QString>
#include <QStringList>

#include "server/redisendpoint.h"

namespace recordlock {

class Clock;
class Database;

/// Finds the records a user holds unexpired locks on, where the servers keep their locks: the
/// database's lock table (--store sqlite), or Redis (--store redis), judged there by Redis' clock
/// as the servers of a cluster judge it. `recordlockd user remove` asks it before removing an account.
class HeldLockFinder
{
public:
    /// Looks in database's lock table; clock tells which locks have expired.
    HeldLockFinder(Database &database, const Clock &clock);
    /// Looks in the Redis at endpoint, under the servers' key prefix.
    HeldLockFinder(RedisEndpoint endpoint, QString prefix);

    /// The ids (sorted) of the records userId holds; nullopt if the locks cannot be read (see error()).
    std::optional<QStringList> recordsHeldBy(qint64 userId);
    /// Why the last recordsHeldBy() failed.
    QString error() const;
    /// Where it looks, for messages: "the database" or "Redis at URL" (without the password).
    QString location() const;

private:
    std::optional<QStringList> heldInDatabase(qint64 userId);
    std::optional<QStringList> heldInRedis(qint64 userId);

    Database *m_database = nullptr;
    const Clock *m_clock = nullptr;
    std::optional<RedisEndpoint> m_redis;
    QString m_prefix;
    QString m_error;
};

} // namespace recordlock
