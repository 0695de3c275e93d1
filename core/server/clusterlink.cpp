#include "server/clusterlink.h"

#include "server/lockeventcodec.h"
#include "server/lockmanager.h"
#include "server/redisclock.h"
#include "server/redislockstore.h"
#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

ClusterLink::ClusterLink(RedisLockStore &store, LockManager &locks, RedisClock &clock, const RedisEndpoint &endpoint,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_locks(locks)
    , m_clock(clock)
    , m_subscriber(endpoint, store.channel())
{
    connect(&m_subscriber, &RedisSubscriber::message, this, &ClusterLink::onMessage);
    connect(&m_subscriber, &RedisSubscriber::subscribed, this, &ClusterLink::onSubscribed);
    m_sweepTimer.setInterval(SweepIntervalMs);
    connect(&m_sweepTimer, &QTimer::timeout, this, &ClusterLink::sweep);
}

void ClusterLink::start()
{
    if (!syncClock())
        qCWarning(lcStorage) << "Redis is unreachable at start; locks answer 'unavailable' until it is back";
    m_subscriber.start();
    m_sweepTimer.start();
}

bool ClusterLink::isHealthy(QString *problem)
{
    if (!m_store.serverTimeMs()) {
        *problem = u"Redis does not answer"_s;
        return false;
    }
    if (!m_subscriber.isSubscribed()) {
        *problem = u"the Redis event subscription is down"_s;
        return false;
    }
    return true;
}

void ClusterLink::onMessage(const QByteArray &payload)
{
    // This instance's own messages come back too. They are not dropped here: a write whose reply
    // timed out may still have been stored, and its echo is then the only news of it. The
    // EventSequencer drops the echo of an event already sent.
    const std::optional<LockEventCodec::Message> message = LockEventCodec::decode(payload);
    if (!message) {
        qCWarning(lcStorage) << "ignored a malformed lock event message from Redis," << payload.size() << "bytes";
        return;
    }
    m_locks.applyPeerEvents(message->events);
}

void ClusterLink::onSubscribed()
{
    // Events published while unsubscribed are gone: read the state they would have told.
    m_resyncPending = !m_locks.resync();
}

void ClusterLink::sweep()
{
    if (!syncClock())
        return;
    if (m_resyncPending)
        m_resyncPending = !m_locks.resync();
    m_locks.processDeadlines();
}

bool ClusterLink::syncClock()
{
    const std::optional<qint64> now = m_store.serverTimeMs();
    if (!now)
        return false;
    m_clock.sync(*now);
    return true;
}

} // namespace recordlock
