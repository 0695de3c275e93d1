#include "server/redissubscriber.h"

#include <sys/time.h>

#include <hiredis/hiredis.h>

#include <QRandomGenerator>
#include <QSocketNotifier>

#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

constexpr int RedisSubscriberConnectTimeoutMs = 1000;

bool redisSubscriberIsKind(const redisReply *reply, const char *kind)
{
    return reply->type == REDIS_REPLY_ARRAY && reply->elements >= 1 && reply->element[0]->type == REDIS_REPLY_STRING
           && qstrcmp(reply->element[0]->str, kind) == 0;
}

} // namespace

RedisSubscriber::RedisSubscriber(RedisEndpoint endpoint, QByteArray channel, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_channel(std::move(channel))
{
    m_pingTimer.setInterval(PingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &RedisSubscriber::ping);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (!connectAndSubscribe())
            scheduleRetry();
    });
}

RedisSubscriber::~RedisSubscriber()
{
    m_notifier.reset();
    if (m_context)
        redisFree(m_context);
}

void RedisSubscriber::start()
{
    if (!m_context && !connectAndSubscribe())
        scheduleRetry();
}

bool RedisSubscriber::connectAndSubscribe()
{
    const timeval timeout{RedisSubscriberConnectTimeoutMs / 1000, (RedisSubscriberConnectTimeoutMs % 1000) * 1000};
    redisContext *context = m_endpoint.socketPath.isEmpty()
        ? redisConnectWithTimeout(m_endpoint.host.toUtf8().constData(), m_endpoint.port, timeout)
        : redisConnectUnixWithTimeout(m_endpoint.socketPath.toLocal8Bit().constData(), timeout);
    if (!context || context->err) {
        qCDebug(lcStorage) << "Redis subscription: cannot connect:" << (context ? context->errstr : "out of memory");
        if (context)
            redisFree(context);
        return false;
    }
    redisSetTimeout(context, timeout);
    const QByteArray password = m_endpoint.password.toUtf8();
    if (!password.isEmpty()) {
        auto *reply = static_cast<redisReply *>(redisCommand(context, "AUTH %b", password.constData(),
                                                             size_t(password.size())));
        const bool ok = reply && reply->type != REDIS_REPLY_ERROR;
        if (reply)
            freeReplyObject(reply);
        if (!ok) {
            redisFree(context);
            return false;
        }
    }
    auto *reply = static_cast<redisReply *>(redisCommand(context, "SUBSCRIBE %b", m_channel.constData(),
                                                         size_t(m_channel.size())));
    const bool ok = reply && redisSubscriberIsKind(reply, "subscribe");
    if (reply)
        freeReplyObject(reply);
    if (!ok) {
        redisFree(context);
        return false;
    }
    m_context = context;
    m_notifier = std::make_unique<QSocketNotifier>(context->fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &RedisSubscriber::readAvailable);
    m_awaitingPong = false;
    m_pingTimer.start();
    m_retryMs = FirstRetryMs;
    qCInfo(lcStorage).noquote() << "subscribed to" << QString::fromUtf8(m_channel) << "on" << m_endpoint.display();
    Q_EMIT subscribed();
    // Messages that arrived with the SUBSCRIBE reply sit in hiredis' buffer, not on the socket.
    drainReader();
    return true;
}

void RedisSubscriber::readAvailable()
{
    if (!m_context)
        return;
    if (redisBufferRead(m_context) != REDIS_OK)
        return fail(QString::fromLocal8Bit(m_context->errstr));
    drainReader();
}

void RedisSubscriber::drainReader()
{
    while (m_context) {
        void *raw = nullptr;
        if (redisGetReplyFromReader(m_context, &raw) != REDIS_OK)
            return fail(QString::fromLocal8Bit(m_context->errstr));
        if (!raw)
            return;
        auto *reply = static_cast<redisReply *>(raw);
        handle(reply);
        freeReplyObject(reply);
    }
}

void RedisSubscriber::handle(const redisReply *reply)
{
    if (redisSubscriberIsKind(reply, "message") && reply->elements == 3
        && reply->element[2]->type == REDIS_REPLY_STRING) {
        Q_EMIT message(QByteArray(reply->element[2]->str, qsizetype(reply->element[2]->len)));
    } else if (redisSubscriberIsKind(reply, "pong")) {
        m_awaitingPong = false;
    }
}

void RedisSubscriber::ping()
{
    if (!m_context)
        return;
    if (m_awaitingPong)
        return fail(u"no answer to a ping within %1 ms"_s.arg(PingIntervalMs));
    redisAppendCommand(m_context, "PING");
    int done = 0;
    while (!done) {
        if (redisBufferWrite(m_context, &done) != REDIS_OK)
            return fail(QString::fromLocal8Bit(m_context->errstr));
    }
    m_awaitingPong = true;
}

void RedisSubscriber::fail(const QString &why)
{
    qCWarning(lcStorage).noquote() << "lost the Redis subscription to" << QString::fromUtf8(m_channel) << ":" << why;
    m_pingTimer.stop();
    m_notifier.reset();
    if (m_context) {
        redisFree(m_context);
        m_context = nullptr;
    }
    Q_EMIT lost();
    scheduleRetry();
}

void RedisSubscriber::scheduleRetry()
{
    // Full jitter: instances that lost Redis together do not all come back in the same instant.
    const int wait = FirstRetryMs + int(QRandomGenerator::global()->bounded(quint32(m_retryMs)));
    m_retryMs = std::min(m_retryMs * 2, MaxRetryMs);
    m_retryTimer.start(wait);
}

} // namespace recordlock
