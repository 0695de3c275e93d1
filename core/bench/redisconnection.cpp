#include "bench/redisconnection.h"

#include <vector>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <QSocketNotifier>

#include "bench/benchclock.h"

using namespace Qt::StringLiterals;

namespace recordlock {

RedisConnection::RedisConnection(QObject *parent)
    : QObject(parent)
{
}

RedisConnection::~RedisConnection()
{
    if (m_context) {
        redisAsyncContext *context = m_context;
        m_context = nullptr;
        // Handlers may point at objects already gone; nothing must be told any more.
        m_handlers.clear();
        // Calls pending handlers with nullptr and cleanup(), which drops the notifiers.
        redisAsyncFree(context);
    }
}

bool RedisConnection::connectUnix(const QString &path)
{
    m_context = redisAsyncConnectUnix(path.toLocal8Bit().constData());
    if (!m_context || m_context->err) {
        m_error = m_context ? QString::fromLocal8Bit(m_context->errstr) : u"out of memory"_s;
        if (m_context)
            redisAsyncFree(m_context);
        m_context = nullptr;
        return false;
    }
    m_context->data = this;
    m_context->ev.data = this;
    m_context->ev.addRead = &RedisConnection::addRead;
    m_context->ev.delRead = &RedisConnection::delRead;
    m_context->ev.addWrite = &RedisConnection::addWrite;
    m_context->ev.delWrite = &RedisConnection::delWrite;
    m_context->ev.cleanup = &RedisConnection::cleanup;
    redisAsyncSetDisconnectCallback(m_context, &RedisConnection::onDisconnect);

    const int fd = m_context->c.fd;
    m_readNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    m_readNotifier->setEnabled(false);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleRead(m_context);
    });
    m_writeNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleWrite(m_context);
    });
    return true;
}

void RedisConnection::command(const QByteArrayList &arguments, ReplyHandler handler)
{
    if (!isOpen()) {
        handler(nullptr, BenchClock::nowNs());
        return;
    }
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(std::size_t(arguments.size()));
    lengths.reserve(std::size_t(arguments.size()));
    for (const QByteArray &argument : arguments) {
        argv.push_back(argument.constData());
        lengths.push_back(std::size_t(argument.size()));
    }
    m_handlers.push_back(std::move(handler));
    if (redisAsyncCommandArgv(m_context, &RedisConnection::onReply, this, int(argv.size()), argv.data(),
                              lengths.data())
        != REDIS_OK) {
        ReplyHandler failedHandler = std::move(m_handlers.back());
        m_handlers.pop_back();
        fail(u"command not sent"_s);
        failedHandler(nullptr, BenchClock::nowNs());
    }
}

void RedisConnection::onReply(redisAsyncContext *, void *reply, void *privdata)
{
    const qint64 arrivalNs = BenchClock::nowNs();
    auto *self = static_cast<RedisConnection *>(privdata);
    if (self->m_handlers.empty())
        return;
    ReplyHandler handler = std::move(self->m_handlers.front());
    self->m_handlers.pop_front();
    handler(static_cast<const redisReply *>(reply), arrivalNs);
}

void RedisConnection::onDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisConnection *>(context->data);
    if (!self || !self->m_context)
        return; // our own redisAsyncFree
    // hiredis frees the context itself after this callback.
    self->m_context = nullptr;
    self->fail(status == REDIS_OK ? u"disconnected"_s : QString::fromLocal8Bit(context->errstr));
}

void RedisConnection::addRead(void *privdata)
{
    static_cast<RedisConnection *>(privdata)->m_readNotifier->setEnabled(true);
}

void RedisConnection::delRead(void *privdata)
{
    static_cast<RedisConnection *>(privdata)->m_readNotifier->setEnabled(false);
}

void RedisConnection::addWrite(void *privdata)
{
    static_cast<RedisConnection *>(privdata)->m_writeNotifier->setEnabled(true);
}

void RedisConnection::delWrite(void *privdata)
{
    static_cast<RedisConnection *>(privdata)->m_writeNotifier->setEnabled(false);
}

void RedisConnection::cleanup(void *privdata)
{
    auto *self = static_cast<RedisConnection *>(privdata);
    // Deleting a notifier from inside its own activated() is unsafe: disable now, delete later.
    if (self->m_readNotifier) {
        self->m_readNotifier->setEnabled(false);
        self->m_readNotifier.release()->deleteLater();
    }
    if (self->m_writeNotifier) {
        self->m_writeNotifier->setEnabled(false);
        self->m_writeNotifier.release()->deleteLater();
    }
}

void RedisConnection::fail(const QString &why)
{
    if (m_failed)
        return;
    m_failed = true;
    m_error = why;
    Q_EMIT failed();
}

} // namespace recordlock
