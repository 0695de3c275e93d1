#pragma once

#include <memory>

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include "server/redisendpoint.h"

struct redisContext;
struct redisReply;
class QSocketNotifier;

namespace recordlock {

/// One Redis Pub/Sub subscription to a channel, read from the event loop. When the connection
/// ends or stops answering pings it reconnects with backoff and subscribes again; each time the
/// subscription is (re)established it emits subscribed(), so the owner can re-read what it may
/// have missed: Pub/Sub delivers at most once.
class RedisSubscriber : public QObject
{
    Q_OBJECT

public:
    /// A ping goes out this often; no answer by the next one means the connection is dead.
    static constexpr int PingIntervalMs = 3000;
    /// First and longest pause between reconnect attempts.
    static constexpr int FirstRetryMs = 100;
    static constexpr int MaxRetryMs = 5000;

    RedisSubscriber(RedisEndpoint endpoint, QByteArray channel, QObject *parent = nullptr);
    ~RedisSubscriber() override;

    /// Connects and subscribes now (and keeps trying in the background if that fails).
    void start();
    /// Subscribed right now.
    bool isSubscribed() const { return m_context != nullptr; }

Q_SIGNALS:
    /// The subscription is (again) in place.
    void subscribed();
    /// The subscription was lost; messages published until the next subscribed() are missed.
    void lost();
    /// One message published to the channel.
    void message(const QByteArray &payload);

private:
    bool connectAndSubscribe();
    void readAvailable();
    void drainReader();
    void ping();
    void handle(const redisReply *reply);
    void fail(const QString &why);
    void scheduleRetry();

    RedisEndpoint m_endpoint;
    QByteArray m_channel;
    redisContext *m_context = nullptr;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QTimer m_pingTimer;
    QTimer m_retryTimer;
    int m_retryMs = FirstRetryMs;
    bool m_awaitingPong = false;
};

} // namespace recordlock
