#pragma once

#include <optional>

#include <QByteArrayList>
#include <QElapsedTimer>
#include <QList>
#include <QString>

#include "server/redisendpoint.h"
#include "server/redisvalue.h"

struct redisContext;

namespace recordlock {

/// A blocking hiredis connection with short timeouts, used from the serving thread: a loopback
/// round trip costs tens of microseconds. After a failed connect calls fail at once for
/// ReconnectPauseMs, after a timeout for TimeoutPauseMs, so a hung server costs the event loop one
/// timeout per pause, not one per call; a connection closed by a restarted server is replaced at once.
class RedisClient
{
public:
    /// Longest wait for a connect or a reply.
    static constexpr int TimeoutMs = 1000;
    /// After a failed connect, calls fail at once for this long instead of waiting again.
    static constexpr int ReconnectPauseMs = 250;
    /// After a timeout (a hung server), calls fail at once for this long.
    static constexpr int TimeoutPauseMs = 3000;

    explicit RedisClient(RedisEndpoint endpoint);
    ~RedisClient();
    RedisClient(const RedisClient &) = delete;
    RedisClient &operator=(const RedisClient &) = delete;

    /// Runs one command; nullopt if the server could not be reached (see lastError()). An error
    /// reply is a value (isError()), not a failure.
    std::optional<RedisValue> command(const QByteArrayList &arguments);
    /// Sends every command at once and reads the replies in order; nullopt if any could not be read.
    std::optional<QList<RedisValue>> pipeline(const QList<QByteArrayList> &commands);
    /// Connected now (a later call may still find the connection gone).
    bool isConnected() const { return m_context != nullptr; }
    /// Why the last call failed.
    const QString &lastError() const { return m_error; }
    /// Where it connects.
    const RedisEndpoint &endpoint() const { return m_endpoint; }

private:
    bool ensureConnected();
    bool append(const QByteArrayList &arguments);
    std::optional<RedisValue> readReply();
    void drop(const QString &why);

    RedisEndpoint m_endpoint;
    redisContext *m_context = nullptr;
    QElapsedTimer m_sinceFailedConnect;
    /// How long calls fail at once after m_sinceFailedConnect started.
    int m_pauseMs = ReconnectPauseMs;
    QString m_error;
    /// hiredis' err of the connection that failed last (REDIS_ERR_EOF, ...).
    int m_lastErrorCode = 0;
};

} // namespace recordlock
