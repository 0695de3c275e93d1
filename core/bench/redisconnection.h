#pragma once

#include <deque>
#include <functional>
#include <memory>

#include <QByteArrayList>
#include <QObject>

struct redisAsyncContext;
struct redisReply;
class QSocketNotifier;

namespace recordlock {

/// One hiredis async connection driven by Qt: two QSocketNotifiers feed
/// redisAsyncHandleRead/Write (hiredis' own Qt adapter is unusable, see QT-NOTES.md).
/// Replies arrive in command order; a handler gets nullptr if the connection ended first.
class RedisConnection : public QObject
{
    Q_OBJECT

public:
    /// Called with the reply (owned by hiredis, valid during the call) and its arrival time (ns).
    using ReplyHandler = std::function<void(const redisReply *reply, qint64 arrivalNs)>;

    explicit RedisConnection(QObject *parent = nullptr);
    ~RedisConnection() override;

    /// Connects to a Unix socket; false (and errorString()) if hiredis refused at once.
    bool connectUnix(const QString &path);
    /// Sends one command given as its arguments.
    void command(const QByteArrayList &arguments, ReplyHandler handler);
    /// Connected and not failed.
    bool isOpen() const { return m_context != nullptr && !m_failed; }
    /// Why the connection failed.
    const QString &errorString() const { return m_error; }

Q_SIGNALS:
    /// The connection ended or a command could not be sent.
    void failed();

private:
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void addRead(void *privdata);
    static void delRead(void *privdata);
    static void addWrite(void *privdata);
    static void delWrite(void *privdata);
    static void cleanup(void *privdata);
    void fail(const QString &why);

    redisAsyncContext *m_context = nullptr;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    std::deque<ReplyHandler> m_handlers;
    QString m_error;
    bool m_failed = false;
};

} // namespace recordlock
