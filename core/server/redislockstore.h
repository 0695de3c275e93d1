#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

#include "server/lockstore.h"
#include "server/sharedlockstore.h"

namespace recordlock {

class RedisClient;
struct RedisValue;

/// The lock rows of a cluster of recordlockd instances in Redis, all keys under one prefix:
/// PREFIXlock:ID (hash: the row), PREFIXdeadlines (sorted set: held record -> deadline),
/// PREFIXsession:SID (set: records a session holds), PREFIXrecords (set: every stored record);
/// events go to the channel PREFIXevents. Each write is one Lua script, loaded once and called by
/// its SHA1, that checks the row is unchanged, stores it, keeps the indices and publishes the events.
class RedisLockStore final : public LockStore, public SharedLockStore
{
public:
    /// client must outlive the store; instanceId marks the events this instance publishes (for logs).
    RedisLockStore(RedisClient &client, const QString &prefix, const QString &instanceId);

    QList<LockRow> loadAll() override;
    bool write(const LockRow &row) override;
    SharedLockStore *shared() override { return this; }

    std::optional<LockRow> read(const QString &recordId) override;
    std::optional<QList<LockRow>> readAll() override;
    std::optional<QList<LockRow>> readMany(const QStringList &recordIds) override;
    std::optional<QStringList> recordsOf(const QString &sessionId) override;
    std::optional<QStringList> dueBy(qint64 now) override;
    std::optional<QStringList> heldRecords() override;
    WriteResult writeIf(const LockRow &row, qint64 expectedSeq, const QString &previousSessionId,
                        const QList<LockEvent> &events) override;

    /// The Pub/Sub channel the events go to.
    QByteArray channel() const { return m_prefix + "events"; }
    /// Redis' own clock (TIME) in ms since the epoch; nullopt if unreachable.
    std::optional<qint64> serverTimeMs();

private:
    QByteArray lockKey(const QString &recordId) const;
    QByteArray sessionKey(const QString &sessionId) const;
    std::optional<QStringList> members(const QByteArrayList &command);
    std::optional<RedisValue> evalWrite(const QByteArrayList &keysAndArgs);
    static LockRow rowOf(const QString &recordId, const RedisValue &hash);

    RedisClient &m_client;
    QByteArray m_prefix;
    QString m_instanceId;
};

} // namespace recordlock
