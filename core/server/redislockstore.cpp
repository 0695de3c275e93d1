#include "server/redislockstore.h"

#include <QCryptographicHash>

#include "server/lockeventcodec.h"
#include "server/redisclient.h"
#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

// KEYS: 1 row hash, 2 deadlines, 3 records, 4 previous holder's session set, 5 new holder's set.
// ARGV: 1 expected seq, 2 record id, 3 held (1/0), 4 deadline, 5 channel, 6 events ("" = none),
// 7 the new fence, 8... field/value pairs of the row.
// Returns 1 when stored, 0 when the seq moved on (another instance wrote first), -1 when the fence
// would go backwards (never expected; refused so that a token is never issued twice).
constexpr char RedisLockStoreWriteScript[] = R"lua(
local stored = redis.call('HMGET', KEYS[1], 'seq', 'fence')
if tonumber(stored[1] or '0') ~= tonumber(ARGV[1]) then return 0 end
if tonumber(ARGV[7]) < tonumber(stored[2] or '0') then return -1 end
redis.call('HSET', KEYS[1], unpack(ARGV, 8))
redis.call('SADD', KEYS[3], ARGV[2])
redis.call('SREM', KEYS[4], ARGV[2])
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[2])
  redis.call('SADD', KEYS[5], ARGV[2])
else
  redis.call('ZREM', KEYS[2], ARGV[2])
end
if ARGV[6] ~= '' then redis.call('PUBLISH', ARGV[5], ARGV[6]) end
return 1
)lua";

/// Rows loadAll() asks for in one pipeline.
constexpr qsizetype RedisLockStoreLoadBatch = 1000;
/// Unconditional writes retried after a conflict before giving up.
constexpr int RedisLockStoreWriteAttempts = 3;

QByteArray redisLockStoreNumber(qint64 value)
{
    return QByteArray::number(value);
}

qint64 redisLockStoreDeadline(const LockRow &row)
{
    return !row.connected && row.orphanDeadline < row.expiresAt ? row.orphanDeadline : row.expiresAt;
}

} // namespace

RedisLockStore::RedisLockStore(RedisClient &client, const QString &prefix, const QString &instanceId)
    : m_client(client)
    , m_prefix(prefix.toUtf8())
    , m_instanceId(instanceId)
{
}

QList<LockRow> RedisLockStore::loadAll()
{
    std::optional<QList<LockRow>> rows = readAll();
    if (!rows) {
        qCWarning(lcStorage).noquote() << "cannot load the lock rows from Redis:" << m_client.lastError();
        return {};
    }
    return *rows;
}

std::optional<QList<LockRow>> RedisLockStore::readAll()
{
    const std::optional<QStringList> ids = members({"SMEMBERS", m_prefix + "records"});
    if (!ids)
        return std::nullopt;
    return readMany(*ids);
}

std::optional<QList<LockRow>> RedisLockStore::readMany(const QStringList &recordIds)
{
    QList<LockRow> rows;
    rows.reserve(recordIds.size());
    for (qsizetype start = 0; start < recordIds.size(); start += RedisLockStoreLoadBatch) {
        const QStringList batch = recordIds.mid(start, RedisLockStoreLoadBatch);
        QList<QByteArrayList> commands;
        for (const QString &id : batch)
            commands.append({"HGETALL", lockKey(id)});
        const std::optional<QList<RedisValue>> replies = m_client.pipeline(commands);
        if (!replies)
            return std::nullopt;
        for (qsizetype i = 0; i < batch.size(); ++i) {
            if (replies->at(i).isError())
                return std::nullopt;
            rows.append(rowOf(batch.at(i), replies->at(i)));
        }
    }
    return rows;
}

bool RedisLockStore::write(const LockRow &row)
{
    for (int attempt = 0; attempt < RedisLockStoreWriteAttempts; ++attempt) {
        const std::optional<LockRow> stored = read(row.recordId);
        if (!stored)
            return false;
        const WriteResult result = writeIf(row, stored->seq, stored->held ? stored->sessionId : QString(), {});
        if (result != WriteResult::Conflict)
            return result == WriteResult::Written;
    }
    return false;
}

std::optional<LockRow> RedisLockStore::read(const QString &recordId)
{
    const std::optional<RedisValue> reply = m_client.command({"HGETALL", lockKey(recordId)});
    if (!reply || reply->isError())
        return std::nullopt;
    return rowOf(recordId, *reply);
}

std::optional<QStringList> RedisLockStore::recordsOf(const QString &sessionId)
{
    return members({"SMEMBERS", sessionKey(sessionId)});
}

std::optional<QStringList> RedisLockStore::dueBy(qint64 now)
{
    return members({"ZRANGEBYSCORE", m_prefix + "deadlines", "-inf", redisLockStoreNumber(now)});
}

std::optional<QStringList> RedisLockStore::heldRecords()
{
    return members({"ZRANGE", m_prefix + "deadlines", "0", "-1"});
}

SharedLockStore::WriteResult RedisLockStore::writeIf(const LockRow &row, qint64 expectedSeq,
                                                     const QString &previousSessionId,
                                                     const QList<LockEvent> &events)
{
    const QByteArray payload = events.isEmpty() ? QByteArray() : LockEventCodec::encode(m_instanceId, events);
    const QByteArrayList keysAndArgs{
        "5",
        lockKey(row.recordId),
        m_prefix + "deadlines",
        m_prefix + "records",
        sessionKey(previousSessionId),
        sessionKey(row.sessionId),
        redisLockStoreNumber(expectedSeq),
        row.recordId.toUtf8(),
        row.held ? "1" : "0",
        redisLockStoreNumber(redisLockStoreDeadline(row)),
        channel(),
        payload,
        redisLockStoreNumber(row.fence),
        "fence", redisLockStoreNumber(row.fence),
        "seq", redisLockStoreNumber(row.seq),
        "held", row.held ? "1" : "0",
        "session", row.sessionId.toUtf8(),
        "user", redisLockStoreNumber(row.userId),
        "name", row.holderName.toUtf8(),
        "handle", row.holderHandle.toUtf8(),
        "since", redisLockStoreNumber(row.since),
        "expires", redisLockStoreNumber(row.expiresAt),
        "connected", row.connected ? "1" : "0",
        "orphan", redisLockStoreNumber(row.orphanDeadline),
        "token", redisLockStoreNumber(row.token),
        "via", row.via.toUtf8(),
    };
    const std::optional<RedisValue> reply = evalWrite(keysAndArgs);
    if (!reply)
        return WriteResult::Failed;
    if (reply->isError() || reply->type != RedisValue::Type::Integer) {
        qCWarning(lcStorage).noquote() << "Redis refused the lock write of" << row.recordId << ":" << reply->text;
        return WriteResult::Failed;
    }
    if (reply->integer == 1)
        return WriteResult::Written;
    if (reply->integer < 0)
        qCWarning(lcStorage) << "refused a lock write of" << row.recordId << "whose fence" << row.fence
                             << "is below the stored one";
    return WriteResult::Conflict;
}

std::optional<qint64> RedisLockStore::serverTimeMs()
{
    const std::optional<RedisValue> reply = m_client.command({"TIME"});
    if (!reply || reply->type != RedisValue::Type::Array || reply->elements.size() != 2)
        return std::nullopt;
    return reply->elements.at(0).text.toLongLong() * 1000 + reply->elements.at(1).text.toLongLong() / 1000;
}

QByteArray RedisLockStore::lockKey(const QString &recordId) const
{
    return m_prefix + "lock:" + recordId.toUtf8();
}

QByteArray RedisLockStore::sessionKey(const QString &sessionId) const
{
    return m_prefix + "session:" + sessionId.toUtf8();
}

std::optional<QStringList> RedisLockStore::members(const QByteArrayList &command)
{
    const std::optional<RedisValue> reply = m_client.command(command);
    if (!reply || reply->type != RedisValue::Type::Array)
        return std::nullopt;
    QStringList ids;
    ids.reserve(reply->elements.size());
    for (const RedisValue &element : reply->elements)
        ids.append(QString::fromUtf8(element.text));
    return ids;
}

std::optional<RedisValue> RedisLockStore::evalWrite(const QByteArrayList &keysAndArgs)
{
    static const QByteArray script(RedisLockStoreWriteScript);
    static const QByteArray sha = QCryptographicHash::hash(script, QCryptographicHash::Sha1).toHex();
    std::optional<RedisValue> reply = m_client.command(QByteArrayList{"EVALSHA", sha} + keysAndArgs);
    if (reply && reply->isError() && reply->text.startsWith("NOSCRIPT")) {
        // A fresh (or restarted) Redis: load the script once, then call it by hash again.
        const std::optional<RedisValue> loaded = m_client.command({"SCRIPT", "LOAD", script});
        if (!loaded || loaded->isError())
            return loaded;
        reply = m_client.command(QByteArrayList{"EVALSHA", sha} + keysAndArgs);
    }
    return reply;
}

LockRow RedisLockStore::rowOf(const QString &recordId, const RedisValue &hash)
{
    LockRow row;
    row.recordId = recordId;
    for (qsizetype i = 0; i + 1 < hash.elements.size(); i += 2) {
        const QByteArray &field = hash.elements.at(i).text;
        const QByteArray &value = hash.elements.at(i + 1).text;
        if (field == "fence")
            row.fence = value.toLongLong();
        else if (field == "seq")
            row.seq = value.toLongLong();
        else if (field == "held")
            row.held = value == "1";
        else if (field == "session")
            row.sessionId = QString::fromUtf8(value);
        else if (field == "user")
            row.userId = value.toLongLong();
        else if (field == "name")
            row.holderName = QString::fromUtf8(value);
        else if (field == "handle")
            row.holderHandle = QString::fromUtf8(value);
        else if (field == "since")
            row.since = value.toLongLong();
        else if (field == "expires")
            row.expiresAt = value.toLongLong();
        else if (field == "connected")
            row.connected = value == "1";
        else if (field == "orphan")
            row.orphanDeadline = value.toLongLong();
        else if (field == "token")
            row.token = value.toLongLong();
        else if (field == "via")
            row.via = QString::fromUtf8(value);
    }
    return row;
}

} // namespace recordlock
