#include <functional>
#include <memory>
#include <utility>

#include <QSignalSpy>
#include <QTest>

#include "fakeclock.h"
#include "redisprocess.h"
#include "testholders.h"
#include "protocol/names.h"
#include "server/auditlog.h"
#include "server/lockeventcodec.h"
#include "server/lockmanager.h"
#include "server/redisclient.h"
#include "server/redisendpoint.h"
#include "server/redislockstore.h"
#include "server/redissubscriber.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::testholders;
using Status = LockResult::Status;
using WriteResult = SharedLockStore::WriteResult;

namespace {

constexpr qint64 Ttl = 120'000;
constexpr qint64 Grace = 30'000;
const QString Record = u"CL-2026-0042"_s;

/// Keeps the audit entries in memory: the audit trail itself is tested on SQL elsewhere.
class ListAuditLog final : public AuditLog
{
public:
    bool append(const AuditEntry &entry) override
    {
        entries.append(entry);
        return true;
    }
    std::optional<AuditPage> history(const QString &, int, std::optional<qint64>) override { return AuditPage{}; }

    QList<AuditEntry> entries;
};

/// Forwards to a RedisLockStore, but runs beforeWrite once before the next conditional write:
/// the test lets another instance change the row between this instance's read and its write.
class InterleavingStore final : public LockStore, public SharedLockStore
{
public:
    explicit InterleavingStore(RedisLockStore &inner)
        : m_inner(inner)
    {
    }
    QList<LockRow> loadAll() override { return m_inner.loadAll(); }
    bool write(const LockRow &row) override { return m_inner.write(row); }
    SharedLockStore *shared() override { return this; }
    std::optional<LockRow> read(const QString &recordId) override { return m_inner.read(recordId); }
    std::optional<QList<LockRow>> readAll() override { return m_inner.readAll(); }
    std::optional<QList<LockRow>> readMany(const QStringList &ids) override { return m_inner.readMany(ids); }
    std::optional<QStringList> recordsOf(const QString &sessionId) override { return m_inner.recordsOf(sessionId); }
    std::optional<QStringList> dueBy(qint64 now) override { return m_inner.dueBy(now); }
    std::optional<QStringList> heldRecords() override { return m_inner.heldRecords(); }
    WriteResult writeIf(const LockRow &row, qint64 expectedSeq, const QString &previousSessionId,
                        const QList<LockEvent> &events) override
    {
        ++writes;
        if (beforeWrite)
            std::exchange(beforeWrite, nullptr)();
        return m_inner.writeIf(row, expectedSeq, previousSessionId, events);
    }

    std::function<void()> beforeWrite;
    int writes = 0;

private:
    RedisLockStore &m_inner;
};

/// One recordlockd instance's lock side: its own Redis connection, store and manager.
struct Instance
{
    Instance(const RedisEndpoint &endpoint, const QString &prefix, const QString &id, const Clock &clock)
        : client(endpoint)
        , store(client, prefix, id)
        , locks(store, audit, clock, LockManager::Settings{Ttl, Grace, id})
    {
        QObject::connect(&locks, &LockManager::lockEvent, &locks,
                         [this](const LockEvent &event) { events.append(event); });
        QObject::connect(&locks, &LockManager::peerLockEvent, &locks,
                         [this](const LockEvent &event) { peerEvents.append(event); });
    }

    RedisClient client;
    RedisLockStore store;
    ListAuditLog audit;
    LockManager locks;
    QList<LockEvent> events;
    QList<LockEvent> peerEvents;
};

} // namespace

/// LockManager over the Redis lock store, two "instances" in one process on a real redis-server:
/// mutual exclusion, conflicting writes, one expiry per lock, peer events and an unreachable Redis.
class TestSharedLocks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void storeRefusesStaleAndBackwardWrites();
    void writeKeepsIndicesAndPublishesEvents();
    void secondInstanceSeesTheHolder();
    void tokensIncreaseAcrossInstances();
    void lostWriteIsRetriedOnFreshRow();
    void expiryIsDoneOnceByWhicheverInstanceLooks();
    void orphanedLockResumesOnAnotherInstance();
    void peerEventsApplyOnceInOrder();
    void peerEventsReachWatchersAfterAFreshRead();
    void resyncTellsWatchersOfMissedChanges();
    void unreachableRedisGrantsNothing();
    void restartOrphansOnlyThisInstancesHolders();
    void lateDropOnTheOldInstanceKeepsTheMovedSession();

private:
    std::unique_ptr<Instance> makeInstance(const QString &id);

    test::RedisProcess m_redis;
    RedisEndpoint m_endpoint;
    QString m_prefix;
    int m_run = 0;
    test::FakeClock m_clock;
};

void TestSharedLocks::initTestCase()
{
    QVERIFY2(m_redis.start(), qPrintable(m_redis.output()));
    QString error;
    const std::optional<RedisEndpoint> endpoint = RedisEndpoint::parse(m_redis.url(), &error);
    QVERIFY2(endpoint, qPrintable(error));
    m_endpoint = *endpoint;
}

void TestSharedLocks::init()
{
    // Each test function works under its own prefix: nothing leaks from one to the next.
    m_prefix = u"tst%1:"_s.arg(++m_run);
    m_clock.set(1'763'776'800'000);
}

void TestSharedLocks::cleanup()
{
    if (!m_redis.isRunning())
        QVERIFY2(m_redis.restart(), qPrintable(m_redis.output()));
}

std::unique_ptr<Instance> TestSharedLocks::makeInstance(const QString &id)
{
    auto instance = std::make_unique<Instance>(m_endpoint, m_prefix, id, m_clock);
    instance->locks.load();
    return instance;
}

void TestSharedLocks::storeRefusesStaleAndBackwardWrites()
{
    RedisClient client(m_endpoint);
    RedisLockStore store(client, m_prefix, u"a"_s);
    LockRow row{Record, 1, 1, true, u"s1"_s, 1, u"Alice"_s, u"u_a"_s, 10, 20, true, 0, 1, u"a"_s};
    QCOMPARE(store.writeIf(row, 0, QString(), {}), WriteResult::Written);
    // The same write again expects seq 0, but 1 is stored: another instance got there first.
    QCOMPARE(store.writeIf(row, 0, QString(), {}), WriteResult::Conflict);
    LockRow backwards = row;
    backwards.seq = 2;
    backwards.fence = 0;
    QCOMPARE(store.writeIf(backwards, 1, u"s1"_s, {}), WriteResult::Conflict);
    const std::optional<LockRow> stored = store.read(Record);
    QVERIFY(stored);
    QCOMPARE(stored->seq, 1);
    QCOMPARE(stored->fence, 1);
    QCOMPARE(stored->sessionId, u"s1"_s);
    QCOMPARE(stored->holderName, u"Alice"_s);
    QCOMPARE(stored->expiresAt, 20);
    QCOMPARE(stored->token, 1);
}

void TestSharedLocks::writeKeepsIndicesAndPublishesEvents()
{
    RedisClient client(m_endpoint);
    RedisLockStore store(client, m_prefix, u"instance-a"_s);
    RedisSubscriber subscriber(m_endpoint, store.channel());
    QSignalSpy subscribed(&subscriber, &RedisSubscriber::subscribed);
    QSignalSpy messages(&subscriber, &RedisSubscriber::message);
    subscriber.start();
    QTRY_COMPARE(subscribed.size(), 1);

    const LockRow held{Record, 1, 1, true, u"s1"_s, 1, u"Alice"_s, u"u_a"_s, 10, 5000, true, 0, 1, u"a"_s};
    const LockEvent acquired{QString(events::LockAcquired), held, std::nullopt, QString(), std::nullopt, {}, {}};
    QCOMPARE(store.writeIf(held, 0, QString(), {acquired}), WriteResult::Written);
    QCOMPARE(store.recordsOf(u"s1"_s), std::optional<QStringList>(QStringList{Record}));
    QCOMPARE(store.heldRecords(), std::optional<QStringList>(QStringList{Record}));
    QCOMPARE(store.dueBy(4999), std::optional<QStringList>(QStringList{}));
    QCOMPARE(store.dueBy(5000), std::optional<QStringList>(QStringList{Record}));

    QTRY_COMPARE(messages.size(), 1);
    const std::optional<LockEventCodec::Message> message =
        LockEventCodec::decode(messages.at(0).at(0).toByteArray());
    QVERIFY(message);
    QCOMPARE(message->instanceId, u"instance-a"_s);
    QCOMPARE(message->events.size(), 1);
    QCOMPARE(message->events.at(0).event, QString(events::LockAcquired));
    QCOMPARE(message->events.at(0).lock.sessionId, u"s1"_s);

    LockRow freed = held;
    freed.clearHolder();
    freed.seq = 2;
    // No events: nothing is published.
    QCOMPARE(store.writeIf(freed, 1, u"s1"_s, {}), WriteResult::Written);
    QCOMPARE(store.recordsOf(u"s1"_s), std::optional<QStringList>(QStringList{}));
    QCOMPARE(store.heldRecords(), std::optional<QStringList>(QStringList{}));
    QCOMPARE(store.loadAll().size(), 1);
    QTest::qWait(100);
    QCOMPARE(messages.size(), 1);
}

void TestSharedLocks::secondInstanceSeesTheHolder()
{
    auto a = makeInstance(u"a"_s);
    auto b = makeInstance(u"b"_s);
    QCOMPARE(a->locks.acquire(Record, alice1(), false).status, Status::Granted);
    // b never heard an event, yet decides on the stored row.
    const LockResult denied = b->locks.acquire(Record, bob(), false);
    QCOMPARE(denied.status, Status::Held);
    QCOMPARE(denied.lock.sessionId, alice1().sessionId);
    QCOMPARE(b->locks.release(Record, bob().sessionId, 1, u"released"_s).status, Status::NotHolder);
    QCOMPARE(b->locks.locksOf(alice1().sessionId).size(), 1);
    QCOMPARE(b->locks.heldLocks().size(), 1);
    // A page of the record list reads its locks in one batch.
    const QList<LockRow> page = b->locks.locks({u"CL-2026-0001"_s, Record});
    QCOMPARE(page.size(), 2);
    QVERIFY(!page.at(0).held);
    QCOMPARE(page.at(0).recordId, u"CL-2026-0001"_s);
    QCOMPARE(page.at(1).sessionId, alice1().sessionId);
    QCOMPARE(b->events.size(), 0);
}

void TestSharedLocks::tokensIncreaseAcrossInstances()
{
    auto a = makeInstance(u"a"_s);
    auto b = makeInstance(u"b"_s);
    qint64 last = 0;
    for (int round = 0; round < 5; ++round) {
        Instance &mine = round % 2 == 0 ? *a : *b;
        const LockHolder holder = round % 2 == 0 ? alice1() : bob();
        const LockResult granted = mine.locks.acquire(Record, holder, false);
        QCOMPARE(granted.status, Status::Granted);
        QVERIFY(granted.lock.token > last);
        last = granted.lock.token;
        QCOMPARE(mine.locks.release(Record, holder.sessionId, granted.lock.token, u"released"_s).status,
                 Status::Released);
    }
    QCOMPARE(last, 5);
}

void TestSharedLocks::lostWriteIsRetriedOnFreshRow()
{
    RedisClient client(m_endpoint);
    RedisLockStore redisStore(client, m_prefix, u"b"_s);
    InterleavingStore store(redisStore);
    ListAuditLog audit;
    LockManager b(store, audit, m_clock, LockManager::Settings{Ttl, Grace, u"b"_s});
    b.load();
    auto a = makeInstance(u"a"_s);

    // b reads the free row, then a grants it before b's write lands: b must not grant it too.
    store.beforeWrite = [&] { QCOMPARE(a->locks.acquire(Record, alice1(), false).status, Status::Granted); };
    const LockResult result = b.acquire(Record, bob(), false);
    QCOMPARE(result.status, Status::Held);
    QCOMPARE(result.lock.sessionId, alice1().sessionId);
    QCOMPARE(store.writes, 1);
    QCOMPARE(audit.entries.size(), 0);

    // The other way round: a renews between b's read and b's override; b retries and wins.
    const qint64 token = result.lock.token;
    store.beforeWrite = [&] { QCOMPARE(a->locks.renew(Record, alice1().sessionId, token).status, Status::Renewed); };
    const LockResult taken = b.overrideLock(Record, carol1(), u"phone call"_s, std::nullopt);
    QCOMPARE(taken.status, Status::Overridden);
    QCOMPARE(taken.lock.token, token + 1);
    QCOMPARE(store.writes, 3);
    QCOMPARE(a->locks.renew(Record, alice1().sessionId, token).status, Status::NotHolder);
}

void TestSharedLocks::expiryIsDoneOnceByWhicheverInstanceLooks()
{
    auto a = makeInstance(u"a"_s);
    auto b = makeInstance(u"b"_s);
    QCOMPARE(a->locks.acquire(Record, alice1(), false).status, Status::Granted);
    a->events.clear();
    m_clock.advance(Ttl);
    // b's copy has never seen the lock: the shared deadline index tells it.
    QVERIFY(b->locks.processDeadlines());
    QVERIFY(a->locks.processDeadlines());
    QCOMPARE(a->events.size() + b->events.size(), 1);
    QCOMPARE(b->events.size(), 1);
    QCOMPARE(b->events.at(0).event, QString(events::LockExpired));
    QCOMPARE(b->events.at(0).previousHolder->sessionId, alice1().sessionId);
    QVERIFY(!a->locks.lock(Record).held);
    QCOMPARE(a->events.size(), 0);
}

void TestSharedLocks::orphanedLockResumesOnAnotherInstance()
{
    auto a = makeInstance(u"a"_s);
    auto b = makeInstance(u"b"_s);
    const LockResult granted = a->locks.acquire(Record, alice1(), false);
    QVERIFY(a->locks.sessionDisconnected(alice1().sessionId));
    QVERIFY(!a->locks.lock(Record).connected);
    m_clock.advance(Grace - 1);
    // The client came back through b within the grace: same lock, same token, connected again.
    const std::optional<QList<LockRow>> resumed = b->locks.sessionResumed(alice1().sessionId);
    QVERIFY(resumed);
    QCOMPARE(resumed->size(), 1);
    QCOMPARE(resumed->at(0).token, granted.lock.token);
    QVERIFY(resumed->at(0).connected);
    m_clock.advance(2);
    QVERIFY(a->locks.processDeadlines());
    QVERIFY(a->locks.lock(Record).held);
    QCOMPARE(b->locks.ownerOf(alice1().sessionId), std::optional<qint64>(alice1().userId));
}

void TestSharedLocks::peerEventsApplyOnceInOrder()
{
    auto a = makeInstance(u"a"_s);
    auto b = makeInstance(u"b"_s);
    QCOMPARE(a->locks.acquire(Record, alice1(), false).status, Status::Granted);
    QCOMPARE(a->locks.acquire(Record, alice2(), true).status, Status::Switched);
    QCOMPARE(a->events.size(), 3);
    b->locks.applyPeerEvents(a->events);
    QCOMPARE(b->peerEvents.size(), 3);
    QCOMPARE(b->peerEvents.at(1).event, QString(events::LockReleased));
    QCOMPARE(b->peerEvents.at(1).reason, QString(reasons::Switched));
    QCOMPARE(b->locks.lock(Record).sessionId, alice2().sessionId);
    // b's copy now knows the deadline without asking Redis.
    QCOMPARE(b->locks.nextDeadline(), a->locks.nextDeadline());
}

void TestSharedLocks::peerEventsReachWatchersAfterAFreshRead()
{
    auto a = makeInstance(u"a"_s);
    auto b = makeInstance(u"b"_s);
    QCOMPARE(a->locks.acquire(Record, alice1(), false).status, Status::Granted);
    // b reads the row (a denied acquire) before a's event arrives: its watchers still need it.
    QCOMPARE(b->locks.acquire(Record, bob(), false).status, Status::Held);
    b->locks.applyPeerEvents(a->events);
    QCOMPARE(b->peerEvents.size(), 1);
    QCOMPARE(b->peerEvents.at(0).event, QString(events::LockAcquired));
    // A late, older event does not take the copy back.
    m_clock.advance(Ttl);
    QVERIFY(b->locks.processDeadlines());
    QCOMPARE(b->events.size(), 1);
    b->locks.applyPeerEvents(a->events);
    QVERIFY(!b->locks.nextDeadline());
}

void TestSharedLocks::resyncTellsWatchersOfMissedChanges()
{
    auto a = makeInstance(u"a"_s);
    auto b = makeInstance(u"b"_s);
    QCOMPARE(a->locks.acquire(Record, alice1(), false).status, Status::Granted);
    QCOMPARE(a->locks.acquire(u"CL-2026-0043"_s, bob(), false).status, Status::Granted);
    // b missed both events; a resync tells its watchers the current state with the current seq.
    QVERIFY(b->locks.resync());
    QCOMPARE(b->peerEvents.size(), 2);
    for (const LockEvent &event : std::as_const(b->peerEvents)) {
        QCOMPARE(event.event, QString(events::LockHolderPresence));
        QVERIFY(event.lock.held);
        QCOMPARE(event.lock.seq, 1);
    }
    QVERIFY(b->locks.resync());
    QCOMPARE(b->peerEvents.size(), 4);
    m_redis.stop();
    QVERIFY(!b->locks.resync());
}

void TestSharedLocks::unreachableRedisGrantsNothing()
{
    auto a = makeInstance(u"a"_s);
    QCOMPARE(a->locks.acquire(Record, alice1(), false).status, Status::Granted);
    m_redis.stop();
    QCOMPARE(a->locks.acquire(u"CL-2026-0043"_s, bob(), false).status, Status::StoreFailed);
    QCOMPARE(a->locks.release(Record, alice1().sessionId, 1, u"released"_s).status, Status::StoreFailed);
    QVERIFY(!a->locks.currentLock(Record));
    QCOMPARE(a->events.size(), 1);
    QVERIFY2(m_redis.restart(), qPrintable(m_redis.output()));
    // Back: the kept lock is still there (append-only file), and the client reconnects by itself.
    QTRY_VERIFY_WITH_TIMEOUT(a->locks.currentLock(Record).has_value(), 5000);
    QCOMPARE(a->locks.currentLock(Record)->sessionId, alice1().sessionId);
    QCOMPARE(a->locks.acquire(u"CL-2026-0043"_s, bob(), false).status, Status::Granted);
}

void TestSharedLocks::restartOrphansOnlyThisInstancesHolders()
{
    auto a = makeInstance(u"a"_s);
    auto b = makeInstance(u"b"_s);
    QCOMPARE(a->locks.acquire(Record, alice1(), false).status, Status::Granted);
    QCOMPARE(b->locks.acquire(u"CL-2026-0043"_s, bob(), false).status, Status::Granted);
    // a restarts: its holder cannot be connected any more, b's still is.
    a.reset();
    auto restarted = makeInstance(u"a"_s);
    const LockRow mine = restarted->locks.lock(Record);
    QVERIFY(mine.held);
    QVERIFY(!mine.connected);
    QCOMPARE(mine.orphanDeadline, m_clock.nowMs() + Grace);
    QVERIFY(restarted->locks.lock(u"CL-2026-0043"_s).connected);
    QCOMPARE(restarted->events.size(), 1);
    QCOMPARE(restarted->events.at(0).event, QString(events::LockHolderPresence));
    // The holder resumes through b: b is now the instance whose restart would orphan it.
    QVERIFY(b->locks.sessionResumed(alice1().sessionId));
    auto again = makeInstance(u"a"_s);
    QVERIFY(again->locks.lock(Record).connected);
}

void TestSharedLocks::lateDropOnTheOldInstanceKeepsTheMovedSession()
{
    auto a = makeInstance(u"a"_s);
    auto b = makeInstance(u"b"_s);
    const LockResult granted = a->locks.acquire(Record, alice1(), false);
    // The client is back through b before a's dead-peer check noticed the old connection.
    QVERIFY(b->locks.sessionResumed(alice1().sessionId));
    QCOMPARE(b->locks.lock(Record).via, u"b"_s);
    QVERIFY(a->locks.sessionDisconnected(alice1().sessionId));
    const LockRow row = a->locks.lock(Record);
    QVERIFY(row.connected);
    QCOMPARE(row.token, granted.lock.token);
    // a crashes and comes back: the lock is b's to orphan, not a's.
    a.reset();
    auto restarted = makeInstance(u"a"_s);
    QVERIFY(restarted->locks.lock(Record).connected);
}

QTEST_GUILESS_MAIN(TestSharedLocks)
#include "tst_sharedlocks.moc"
