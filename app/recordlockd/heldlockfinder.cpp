#include "heldlockfinder.h"

#include "common/clock.h"
#include "server/lockrow.h"
#include "server/redisclient.h"
#include "server/redislockstore.h"
#include "server/redisvalue.h"
#include "server/sqllockstore.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Marks the (never published) events of the store this command opens, should any be written.
const QString HeldLockFinderInstanceId = u"recordlockd-user"_s;

QStringList heldLockFinderRecords(const QList<LockRow> &rows, qint64 userId, qint64 nowMs)
{
    QStringList held;
    for (const LockRow &row : rows) {
        if (row.held && row.userId == userId && row.expiresAt > nowMs)
            held.append(row.recordId);
    }
    held.sort();
    return held;
}

} // namespace

HeldLockFinder::HeldLockFinder(Database &database, const Clock &clock)
    : m_database(&database)
    , m_clock(&clock)
{
}

HeldLockFinder::HeldLockFinder(RedisEndpoint endpoint, QString prefix)
    : m_redis(std::move(endpoint))
    , m_prefix(std::move(prefix))
{
}

std::optional<QStringList> HeldLockFinder::recordsHeldBy(qint64 userId)
{
    m_error.clear();
    return m_redis ? heldInRedis(userId) : heldInDatabase(userId);
}

QString HeldLockFinder::error() const
{
    return m_error;
}

QString HeldLockFinder::location() const
{
    return m_redis ? u"Redis at %1 (prefix %2)"_s.arg(m_redis->display(), m_prefix) : u"the database"_s;
}

std::optional<QStringList> HeldLockFinder::heldInDatabase(qint64 userId)
{
    SqlLockStore store(*m_database);
    return heldLockFinderRecords(store.loadAll(), userId, m_clock->nowMs());
}

std::optional<QStringList> HeldLockFinder::heldInRedis(qint64 userId)
{
    RedisClient client(*m_redis);
    // A PING first, so that an unreachable server or a refused password gets its own message.
    const std::optional<RedisValue> pong = client.command({"PING"});
    if (!pong || pong->isError()) {
        m_error = pong ? QString::fromUtf8(pong->text) : client.lastError();
        return std::nullopt;
    }
    RedisLockStore store(client, m_prefix, HeldLockFinderInstanceId);
    // The cluster judges expiry by Redis' clock, so this does too.
    const std::optional<qint64> now = store.serverTimeMs();
    const std::optional<QStringList> held = now ? store.heldRecords() : std::nullopt;
    const std::optional<QList<LockRow>> rows = held ? store.readMany(*held) : std::nullopt;
    if (!rows) {
        m_error = client.lastError().isEmpty() ? u"Redis did not answer as expected"_s : client.lastError();
        return std::nullopt;
    }
    return heldLockFinderRecords(*rows, userId, *now);
}

} // namespace recordlock
