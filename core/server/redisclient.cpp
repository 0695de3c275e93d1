#include "server/redisclient.h"

#include <sys/time.h>

#include <vector>

#include <hiredis/hiredis.h>

#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

RedisValue redisClientValueOf(const redisReply *reply)
{
    RedisValue value;
    switch (reply->type) {
    case REDIS_REPLY_INTEGER:
        value.type = RedisValue::Type::Integer;
        value.integer = reply->integer;
        break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
        value.type = reply->type == REDIS_REPLY_STRING   ? RedisValue::Type::String
                     : reply->type == REDIS_REPLY_STATUS ? RedisValue::Type::Status
                                                         : RedisValue::Type::Error;
        value.text = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ARRAY:
        value.type = RedisValue::Type::Array;
        value.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            value.elements.append(redisClientValueOf(reply->element[i]));
        break;
    default:
        break;
    }
    return value;
}

timeval redisClientTimeout()
{
    return timeval{RedisClient::TimeoutMs / 1000, (RedisClient::TimeoutMs % 1000) * 1000};
}

} // namespace

RedisClient::RedisClient(RedisEndpoint endpoint)
    : m_endpoint(std::move(endpoint))
{
}

RedisClient::~RedisClient()
{
    if (m_context)
        redisFree(m_context);
}

std::optional<RedisValue> RedisClient::command(const QByteArrayList &arguments)
{
    const bool reused = m_context != nullptr;
    if (!ensureConnected())
        return std::nullopt;
    std::optional<RedisValue> reply = append(arguments) ? readReply() : std::nullopt;
    // A connection kept from before a Redis restart fails on first use with EOF: one fresh attempt.
    // Writes stay safe if the first attempt did arrive after all: they are conditional on the seq.
    // Timeouts are not retried.
    if (!reply && reused && m_lastErrorCode == REDIS_ERR_EOF && ensureConnected())
        reply = append(arguments) ? readReply() : std::nullopt;
    return reply;
}

std::optional<QList<RedisValue>> RedisClient::pipeline(const QList<QByteArrayList> &commands)
{
    if (!ensureConnected())
        return std::nullopt;
    for (const QByteArrayList &arguments : commands) {
        if (!append(arguments))
            return std::nullopt;
    }
    QList<RedisValue> replies;
    replies.reserve(commands.size());
    for (qsizetype i = 0; i < commands.size(); ++i) {
        std::optional<RedisValue> reply = readReply();
        if (!reply)
            return std::nullopt;
        replies.append(std::move(*reply));
    }
    return replies;
}

bool RedisClient::ensureConnected()
{
    if (m_context)
        return true;
    if (m_sinceFailedConnect.isValid() && m_sinceFailedConnect.elapsed() < m_pauseMs)
        return false;
    const timeval timeout = redisClientTimeout();
    redisContext *context = m_endpoint.socketPath.isEmpty()
        ? redisConnectWithTimeout(m_endpoint.host.toUtf8().constData(), m_endpoint.port, timeout)
        : redisConnectUnixWithTimeout(m_endpoint.socketPath.toLocal8Bit().constData(), timeout);
    if (!context || context->err) {
        m_error = context ? QString::fromLocal8Bit(context->errstr) : u"out of memory"_s;
        if (context)
            redisFree(context);
        m_pauseMs = ReconnectPauseMs;
        m_sinceFailedConnect.start();
        return false;
    }
    redisSetTimeout(context, timeout);
    if (m_endpoint.socketPath.isEmpty())
        redisEnableKeepAlive(context);
    m_context = context;
    // AUTH and SELECT before anything else; either failing makes the connection useless.
    QList<QByteArrayList> setup;
    if (!m_endpoint.password.isEmpty())
        setup.append({"AUTH", m_endpoint.password.toUtf8()});
    if (m_endpoint.database != 0)
        setup.append({"SELECT", QByteArray::number(m_endpoint.database)});
    for (const QByteArrayList &arguments : std::as_const(setup)) {
        const std::optional<RedisValue> reply = append(arguments) ? readReply() : std::nullopt;
        if (!reply || reply->isError()) {
            drop(reply ? QString::fromUtf8(reply->text) : m_error);
            m_pauseMs = ReconnectPauseMs;
            m_sinceFailedConnect.start();
            return false;
        }
    }
    m_sinceFailedConnect.invalidate();
    qCInfo(lcStorage).noquote() << "connected to Redis at" << m_endpoint.display();
    return true;
}

bool RedisClient::append(const QByteArrayList &arguments)
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(arguments.size()));
    lengths.reserve(size_t(arguments.size()));
    for (const QByteArray &argument : arguments) {
        argv.push_back(argument.constData());
        lengths.push_back(size_t(argument.size()));
    }
    if (redisAppendCommandArgv(m_context, int(argv.size()), argv.data(), lengths.data()) != REDIS_OK) {
        drop(QString::fromLocal8Bit(m_context->errstr));
        return false;
    }
    return true;
}

std::optional<RedisValue> RedisClient::readReply()
{
    void *raw = nullptr;
    if (redisGetReply(m_context, &raw) != REDIS_OK || !raw) {
        drop(m_context->err ? QString::fromLocal8Bit(m_context->errstr) : u"no reply"_s);
        return std::nullopt;
    }
    auto *reply = static_cast<redisReply *>(raw);
    RedisValue value = redisClientValueOf(reply);
    freeReplyObject(reply);
    return value;
}

void RedisClient::drop(const QString &why)
{
    m_error = why;
    m_lastErrorCode = m_context ? m_context->err : 0;
    // A server that timed out is likely to again: calls fail at once for a while instead of each
    // blocking the event loop for the whole timeout. A closed connection (restart) is retried.
    if (m_lastErrorCode != REDIS_ERR_EOF) {
        m_pauseMs = m_lastErrorCode == REDIS_ERR_IO ? TimeoutPauseMs : ReconnectPauseMs;
        m_sinceFailedConnect.start();
    }
    if (m_context) {
        qCWarning(lcStorage).noquote() << "lost the Redis connection to" << m_endpoint.display() << ":" << why;
        redisFree(m_context);
        m_context = nullptr;
    }
}

} // namespace recordlock
