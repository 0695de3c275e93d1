#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include "server/redissubscriber.h"

namespace recordlock {

class LockManager;
class RedisClock;
class RedisLockStore;

/// Ties one instance's LockManager to the others through Redis: applies the lock events they
/// publish, re-reads every row after the subscription was lost (events may have been missed),
/// keeps the lock clock on Redis' TIME, and sweeps the shared deadlines so that a lock expires even
/// when the instance that knew of it is gone.
class ClusterLink : public QObject
{
    Q_OBJECT

public:
    /// How often the clock is synced and the shared deadlines are swept.
    static constexpr int SweepIntervalMs = 1000;

    /// Everything passed must outlive the link.
    ClusterLink(RedisLockStore &store, LockManager &locks, RedisClock &clock, const RedisEndpoint &endpoint,
                QObject *parent = nullptr);

    /// Syncs the clock, subscribes and starts sweeping.
    void start();
    /// Redis answers and the subscription is in place; otherwise why not in *problem.
    bool isHealthy(QString *problem);

private:
    void onMessage(const QByteArray &payload);
    void onSubscribed();
    void sweep();
    bool syncClock();

    RedisLockStore &m_store;
    LockManager &m_locks;
    RedisClock &m_clock;
    RedisSubscriber m_subscriber;
    QTimer m_sweepTimer;
    /// A resync failed (Redis unreachable): try again on the next sweep.
    bool m_resyncPending = false;
};

} // namespace recordlock
