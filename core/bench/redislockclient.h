#pragma once

#include <QByteArray>

#include "bench/lockclient.h"

namespace recordlock {

class RedisConnection;

/// An active client doing the plain Redis lock recipe: `SET key token NX PX ttl` to acquire,
/// a compare-and-pexpire Lua script to renew and a compare-and-delete Lua script to release
/// (both by EVALSHA), the lock the users of raw Redis would build.
class RedisLockClient : public LockClient
{
public:
    /// The lock TTL, as RecordLock's default.
    static constexpr int TtlMs = 120'000;
    /// Releases the key only if it still holds the caller's token.
    static const QByteArray ReleaseScript;
    /// Extends the key's TTL only if it still holds the caller's token.
    static const QByteArray RenewScript;

    /// connection must outlive this client; the scripts' SHA1s come from SCRIPT LOAD; clientTag
    /// makes this client's tokens unique.
    RedisLockClient(RedisConnection &connection, QByteArray releaseSha, QByteArray renewSha, QByteArray clientTag);

    void runCycle(const QString &recordId, BenchConfig::Mode mode, qint64 startNs, LockOpStats &stats,
                  ErrorTally &errors, std::function<void()> done) override;
    bool isOpen() const override;

private:
    RedisConnection &m_connection;
    QByteArray m_releaseSha;
    QByteArray m_renewSha;
    QByteArray m_clientTag;
    qint64 m_nextToken = 1;
};

} // namespace recordlock
