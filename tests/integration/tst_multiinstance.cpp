// Several recordlockd instances forming one cluster: one Redis (locks, events between instances)
// and one PostgreSQL database (records, users, audit). Every case starts its own redis-server, a
// fresh database on the test PostgreSQL server (RECORDLOCK_TEST_PG_URL, started by
// scripts/with-test-services.sh) and two or three instances on 127.0.0.1 port 0.

#include <functional>
#include <memory>
#include <vector>

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include "protocol/lockinfo.h"
#include "protocol/names.h"
#include "protocolargs.h"
#include "redisprocess.h"
#include "serverprocess.h"
#include "testbackend.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

/// A request must succeed; the failure message shows the reply.
#define VERIFY_OK(reply)                                                                                         \
    do {                                                                                                         \
        const ServerMessage verifiedReply = (reply);                                                             \
        QVERIFY2(verifiedReply.ok, qPrintable(TestClient::describe(verifiedReply)));                             \
    } while (false)

namespace {

constexpr int EventWaitMs = 5'000;
/// How long the instances may take to notice that Redis is back and to subscribe again.
constexpr int RecoveryWaitMs = 20'000;
constexpr int PollIntervalMs = 200;

constexpr int RaceClients = 6;
constexpr int RaceMaxRounds = 30;
constexpr int RaceMaxOps = 200;
constexpr int RaceMaxMs = 20'000;

/// Calls probe every intervalMs (the event loop runs in between) until it returns true or
/// timeoutMs have passed; a bounded poll for conditions that need a request to observe.
bool pollUntil(const std::function<bool()> &probe, int timeoutMs, int intervalMs = PollIntervalMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (probe())
            return true;
        if (deadline.hasExpired())
            return false;
        QTest::qWait(intervalMs);
    }
}

/// The events a client received about one record, in order.
QList<ServerMessage> eventsAbout(const TestClient &client, const QString &recordId)
{
    QList<ServerMessage> found;
    for (const ServerMessage &event : client.events()) {
        if (event.recordId == recordId)
            found.append(event);
    }
    return found;
}

/// The names of those events, for readable comparisons.
QStringList eventNames(const QList<ServerMessage> &events)
{
    QStringList names;
    for (const ServerMessage &event : events)
        names.append(event.event);
    return names;
}

/// "seq event" for each event about recordId, for failure messages.
QString describeEvents(const TestClient &client, const QString &recordId)
{
    QStringList described;
    for (const ServerMessage &event : eventsAbout(client, recordId))
        described.append(u"%1 %2"_s.arg(event.seq).arg(event.event));
    return described.join(u", "_s);
}

QString holderName(const QJsonObject &container)
{
    return container.value(u"lock"_s).toObject().value(u"holder"_s).toObject().value(u"displayName"_s).toString();
}

QJsonObject saveArgs(const QString &recordId, qint64 token, qint64 version, const QString &description)
{
    return QJsonObject{
        {u"recordId"_s, recordId},
        {u"token"_s, token},
        {u"version"_s, version},
        {u"fields"_s, QJsonObject{{u"description"_s, description}}},
    };
}

/// Drops a database of the test PostgreSQL server once no instance uses it any more.
void dropDatabase(const QString &serverUrl, const QString &name)
{
    const QString connectionName = u"tst_multiinstance_drop"_s;
    {
        QSqlDatabase admin = TestBackend::addConnection(connectionName, QString(), serverUrl);
        if (!admin.open()) {
            qWarning().noquote() << "cannot drop database" << name << ":" << admin.lastError().text();
        } else {
            QSqlQuery query(admin);
            if (!query.exec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(name)))
                qWarning().noquote() << "cannot drop database" << name << ":" << query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
}

/// What a race of acquires across the instances left behind.
struct RaceResult
{
    /// The record's seq before the race and after it.
    qint64 baseline = -1;
    qint64 finalSeq = -1;
    int grants = 0;
    /// One subscribed watcher per instance, still connected.
    std::vector<std::unique_ptr<TestClient>> observers;
};

} // namespace

class TestMultiInstance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void mutualExclusionAcrossInstances();
    void eventsFollowAcrossInstances();
    void expiryIsReportedOnce();
    void staleSaveRefusedAcrossInstances();
    void redisRestartKeepsLocks();
    void killedInstanceSessionResumesElsewhere();

private:
    /// Starts a fresh Redis, a fresh database and `count` instances sharing both (and the signing
    /// secret); false with m_startError set when something did not come up.
    bool startCluster(int count, double lockTtlSeconds = 120, double orphanGraceSeconds = 30);
    /// Six sessions spread over three instances race for record's lock (each round the holder
    /// releases while the others acquire); checks every reply and fills result.
    void runRace(const QString &record, RaceResult *result);
    ServerProcess &instance(int index) { return *m_servers.at(std::size_t(index)); }

    QString m_pgBaseUrl;
    /// The database of the running case, dropped by cleanup().
    QString m_databaseName;
    QString m_startError;
    std::unique_ptr<RedisProcess> m_redis;
    std::vector<std::unique_ptr<ServerProcess>> m_servers;
};

void TestMultiInstance::initTestCase()
{
    m_pgBaseUrl = qEnvironmentVariable("RECORDLOCK_TEST_PG_URL");
    QVERIFY2(!m_pgBaseUrl.isEmpty(),
             "RECORDLOCK_TEST_PG_URL is not set: run this test through scripts/with-test-services.sh, "
             "which starts the PostgreSQL server it needs");
    QVERIFY2(QSqlDatabase::isDriverAvailable(u"QPSQL"_s), "the Qt PostgreSQL driver (libqt6sql6-psql) is missing");
}

void TestMultiInstance::cleanup()
{
    if (QTest::currentTestFailed()) {
        for (std::size_t i = 0; i < m_servers.size(); ++i)
            qWarning().noquote() << "instance" << i << "output:\n" << m_servers.at(i)->output().right(6000);
        if (m_redis)
            qWarning().noquote() << "redis output:\n" << m_redis->output().right(3000);
    }
    m_servers.clear();
    m_redis.reset();
    if (!m_databaseName.isEmpty()) {
        dropDatabase(m_pgBaseUrl, m_databaseName);
        m_databaseName.clear();
    }
}

bool TestMultiInstance::startCluster(int count, double lockTtlSeconds, double orphanGraceSeconds)
{
    m_redis = std::make_unique<RedisProcess>();
    if (!m_redis->start()) {
        m_startError = m_redis->output();
        return false;
    }
    const QString databaseName = u"rl_multi_%1_%2"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(12))
                                     .arg(QString::fromLatin1(QTest::currentTestFunction()).toLower())
                                     .left(63);
    const QString databaseUrl = TestBackend::freshDatabaseUrl(databaseName);
    if (databaseUrl.isEmpty()) {
        m_startError = u"cannot create database %1 (see the warnings)"_s.arg(databaseName);
        return false;
    }
    m_databaseName = databaseName;
    const QString prefix = u"rltest:%1:"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(8));

    QString secretFile;
    for (int i = 0; i < count; ++i) {
        ServerOptions options;
        options.lockTtlSeconds = lockTtlSeconds;
        options.orphanGraceSeconds = orphanGraceSeconds;
        options.databaseUrl = databaseUrl;
        options.redisUrl = m_redis->url();
        options.redisPrefix = prefix;
        auto server = std::make_unique<ServerProcess>(options);
        // Instances of one installation share the signing key, so a session token from one is
        // accepted by the others (docs/operations.md, "Several servers").
        if (!secretFile.isEmpty() && !QFile::copy(secretFile, QDir(server->dataDir()).filePath(u"secret.key"_s))) {
            m_startError = u"cannot copy the server secret"_s;
            return false;
        }
        const bool started = server->start();
        const QString output = server->output();
        m_servers.push_back(std::move(server));
        if (!started) {
            m_startError = u"instance %1 did not start:\n%2"_s.arg(i).arg(output);
            return false;
        }
        const QString written = QDir(m_servers.back()->dataDir()).filePath(u"secret.key"_s);
        if (secretFile.isEmpty() && QFile::exists(written))
            secretFile = written;
    }
    return true;
}

void TestMultiInstance::runRace(const QString &record, RaceResult *result)
{
    const QStringList users{u"alice"_s, u"bob"_s, u"carol"_s};
    // Two sessions per user, spread so that every instance serves two different users.
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < RaceClients; ++i) {
        auto client = std::make_unique<TestClient>();
        VERIFY_OK(client->connectAndLogin(instance(i % 3).wsUrl(), users.at(i / 2)));
        clients.push_back(std::move(client));
    }
    // One watcher per instance sees the whole history of the lock.
    result->baseline = -1;
    for (int i = 0; i < 3; ++i) {
        auto observer = std::make_unique<TestClient>();
        VERIFY_OK(observer->connectAndLogin(instance(i).wsUrl(), u"carol"_s));
        const ServerMessage subscribed = observer->request(ops::Subscribe, recordArg(record));
        QVERIFY2(subscribed.ok, qPrintable(TestClient::describe(subscribed)));
        QVERIFY(!lockOf(subscribed.result).held);
        if (result->baseline < 0)
            result->baseline = lockOf(subscribed.result).seq;
        QCOMPARE(lockOf(subscribed.result).seq, result->baseline);
        result->observers.push_back(std::move(observer));
    }

    int holder = -1;
    qint64 holderToken = 0;
    qint64 lastToken = 0;
    int requests = 0;
    int rounds = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    // Each round the holder (if any) releases while every other session tries to acquire, all
    // requests in flight at once across the instances.
    for (; rounds < RaceMaxRounds && requests + RaceClients < RaceMaxOps && elapsed.elapsed() < RaceMaxMs; ++rounds) {
        const int releaser = holder;
        qint64 releaseId = -1;
        std::vector<std::pair<int, qint64>> acquires;
        for (int k = 0; k < RaceClients; ++k) {
            const int i = (rounds + k) % RaceClients;
            if (i == releaser)
                releaseId = clients.at(i)->send(ops::Release, tokenArgs(record, holderToken));
            else
                acquires.emplace_back(i, clients.at(i)->send(ops::Acquire, recordArg(record)));
        }
        requests += RaceClients;

        qint64 releasedSeq = -1;
        if (releaser >= 0) {
            // The release succeeds only if nobody was granted the lock while it was held.
            const ServerMessage released = clients.at(releaser)->waitForReply(releaseId);
            QVERIFY2(released.ok, qPrintable(u"round %1: %2"_s.arg(rounds).arg(TestClient::describe(released))));
            QVERIFY(!lockOf(released.result).held);
            releasedSeq = lockOf(released.result).seq;
            holder = -1;
        }
        int roundGrants = 0;
        for (const auto &[i, id] : acquires) {
            const ServerMessage reply = clients.at(i)->waitForReply(id);
            if (!reply.ok) {
                QVERIFY2(TestClient::outcome(reply) == u"lock_held"_s,
                         qPrintable(u"round %1: %2"_s.arg(rounds).arg(TestClient::describe(reply))));
                QVERIFY(lockOf(reply.error.details).held);
                continue;
            }
            const LockInfo lock = lockOf(reply.result);
            QCOMPARE(reply.result.value(u"outcome"_s).toString(), u"granted"_s);
            ++roundGrants;
            QVERIFY2(roundGrants == 1, qPrintable(u"round %1: a second grant while the lock was held"_s.arg(rounds)));
            QVERIFY2(lock.token > lastToken,
                     qPrintable(u"round %1: token %2 after %3"_s.arg(rounds).arg(lock.token).arg(lastToken)));
            // Granted after the previous holder's release, not before it.
            QVERIFY2(lock.seq > releasedSeq,
                     qPrintable(u"round %1: grant at seq %2, release at %3"_s.arg(rounds).arg(lock.seq).arg(releasedSeq)));
            holder = i;
            holderToken = lock.token;
            lastToken = lock.token;
        }
        // A free lock goes to exactly one of the racers.
        if (releaser < 0)
            QVERIFY2(roundGrants == 1, qPrintable(u"round %1: %2 grants of a free lock"_s.arg(rounds).arg(roundGrants)));
        result->grants += roundGrants;
    }
    QVERIFY2(rounds >= 10, qPrintable(u"only %1 rounds"_s.arg(rounds)));
    QVERIFY(result->grants >= rounds / 2);

    if (holder >= 0) {
        VERIFY_OK(clients.at(holder)->request(ops::Release, tokenArgs(record, holderToken)));
        ++requests;
    }
    // Every instance sees the same final state.
    result->finalSeq = -1;
    for (int i = 0; i < 3; ++i) {
        const ServerMessage state = clients.at(i)->request(ops::GetLock, recordArg(record));
        QVERIFY2(state.ok, qPrintable(TestClient::describe(state)));
        QVERIFY(!lockOf(state.result).held);
        if (result->finalSeq < 0)
            result->finalSeq = lockOf(state.result).seq;
        QCOMPARE(lockOf(state.result).seq, result->finalSeq);
    }
    // Every grant and every release is one event.
    QCOMPARE(result->finalSeq - result->baseline, qint64(2 * result->grants));
    // The observers have all been told the final release.
    for (int i = 0; i < 3; ++i) {
        const TestClient &observer = *result->observers.at(std::size_t(i));
        const bool told = QTest::qWaitFor([&] {
            const QList<ServerMessage> seen = eventsAbout(observer, record);
            return !seen.isEmpty() && seen.constLast().seq >= result->finalSeq;
        }, EventWaitMs);
        QVERIFY2(told, qPrintable(u"observer on instance %1: %2"_s.arg(i).arg(describeEvents(observer, record))));
    }
    qInfo("%d rounds, %d grants, %d requests in %lld ms", rounds, result->grants, requests, qint64(elapsed.elapsed()));
}

void TestMultiInstance::mutualExclusionAcrossInstances()
{
    QVERIFY2(startCluster(3), qPrintable(m_startError));
    const QString record = u"CL-2026-0021"_s;
    RaceResult race;
    runRace(record, &race);
    if (QTest::currentTestFailed())
        return;
    // What each instance told its watcher: in seq order, and the lock always went free -> held ->
    // free, never from one holder straight to another (odd offsets from the baseline are grants).
    // And every event of the race, whichever instance caused it (docs/protocol.md).
    for (int i = 0; i < 3; ++i) {
        const TestClient &observer = *race.observers.at(std::size_t(i));
        const QList<ServerMessage> seen = eventsAbout(observer, record);
        qint64 previous = race.baseline;
        for (const ServerMessage &event : seen) {
            const bool grant = (event.seq - race.baseline) % 2 == 1;
            QVERIFY2(event.seq > previous && event.seq <= race.finalSeq
                         && event.event == (grant ? events::LockAcquired : events::LockReleased),
                     qPrintable(u"observer on instance %1: %2"_s.arg(i).arg(describeEvents(observer, record))));
            previous = event.seq;
        }
        QVERIFY2(seen.size() == race.finalSeq - race.baseline,
                 qPrintable(u"observer on instance %1 got %2 of %3 events: %4"_s.arg(i).arg(seen.size())
                                .arg(race.finalSeq - race.baseline)
                                .arg(describeEvents(observer, record))));
    }
}

void TestMultiInstance::eventsFollowAcrossInstances()
{
    QVERIFY2(startCluster(2), qPrintable(m_startError));
    const QString record = u"CL-2026-0022"_s;
    TestClient holder;
    TestClient watcherA;
    TestClient watcherB;
    VERIFY_OK(holder.connectAndLogin(instance(0).wsUrl(), u"alice"_s));
    VERIFY_OK(watcherA.connectAndLogin(instance(0).wsUrl(), u"carol"_s));
    VERIFY_OK(watcherB.connectAndLogin(instance(1).wsUrl(), u"bob"_s));
    const ServerMessage subscribedA = watcherA.request(ops::Subscribe, recordArg(record));
    const ServerMessage subscribedB = watcherB.request(ops::Subscribe, recordArg(record));
    QVERIFY2(subscribedB.ok, qPrintable(TestClient::describe(subscribedB)));
    QVERIFY2(subscribedA.ok, qPrintable(TestClient::describe(subscribedA)));
    const qint64 baseline = lockOf(subscribedB.result).seq;
    QCOMPARE(lockOf(subscribedA.result).seq, baseline);

    const ServerMessage acquired = holder.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo granted = lockOf(acquired.result);
    QCOMPARE(granted.seq, baseline + 1);
    ServerMessage event;
    QVERIFY2(watcherB.waitForEvent(events::LockAcquired, record, &event, EventWaitMs), "no lock_acquired on B");
    QCOMPARE(event.seq, granted.seq);
    QCOMPARE(holderName(event.body), u"Alice Archer"_s);
    const LockInfo seenByB = lockOf(event.body);
    QVERIFY(seenByB.held && !seenByB.sameSession && !seenByB.sameUser);
    QCOMPARE(seenByB.token, qint64(0)); // the fencing token goes to the holder only
    QCOMPARE(seenByB.expiresAt, granted.expiresAt);

    const ServerMessage renewed = holder.request(ops::Renew, tokenArgs(record, granted.token));
    QVERIFY2(renewed.ok, qPrintable(TestClient::describe(renewed)));
    QVERIFY2(watcherB.waitForEvent(events::LockRenewed, record, &event, EventWaitMs), "no lock_renewed on B");
    QCOMPARE(event.seq, granted.seq + 1);
    QCOMPARE(lockOf(event.body).expiresAt, lockOf(renewed.result).expiresAt);
    QVERIFY(lockOf(event.body).expiresAt >= granted.expiresAt);

    VERIFY_OK(holder.request(ops::Release, tokenArgs(record, granted.token)));
    QVERIFY2(watcherB.waitForEvent(events::LockReleased, record, &event, EventWaitMs), "no lock_released on B");
    QCOMPARE(event.seq, granted.seq + 2);
    QCOMPARE(event.body.value(u"reason"_s).toString(), u"released"_s);
    QCOMPARE(event.body.value(u"previousHolder"_s).toObject().value(u"displayName"_s).toString(), u"Alice Archer"_s);
    QVERIFY(!lockOf(event.body).held);

    // Each event once, in order, with the same numbers on both instances.
    QVERIFY(watcherA.waitForEvent(events::LockReleased, record, nullptr, EventWaitMs));
    VERIFY_OK(watcherB.request(ops::Ping));
    const QStringList expected{events::LockAcquired, events::LockRenewed, events::LockReleased};
    for (TestClient *watcher : {&watcherA, &watcherB}) {
        const QList<ServerMessage> seen = eventsAbout(*watcher, record);
        QCOMPARE(eventNames(seen), expected);
        for (qsizetype i = 0; i < seen.size(); ++i)
            QCOMPARE(seen.at(i).seq, baseline + 1 + qint64(i));
    }
}

void TestMultiInstance::expiryIsReportedOnce()
{
    constexpr double TtlSeconds = 1.5;
    constexpr int TtlMs = int(TtlSeconds * 1000);
    QVERIFY2(startCluster(2, TtlSeconds), qPrintable(m_startError));
    const QString record = u"CL-2026-0023"_s;
    TestClient holder;
    TestClient watcherA;
    TestClient watcherB;
    VERIFY_OK(holder.connectAndLogin(instance(0).wsUrl(), u"alice"_s));
    VERIFY_OK(watcherA.connectAndLogin(instance(0).wsUrl(), u"carol"_s));
    VERIFY_OK(watcherB.connectAndLogin(instance(1).wsUrl(), u"bob"_s));
    VERIFY_OK(watcherA.request(ops::Subscribe, recordArg(record)));
    VERIFY_OK(watcherB.request(ops::Subscribe, recordArg(record)));

    const ServerMessage acquired = holder.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo granted = lockOf(acquired.result);

    // Not renewed: both instances run expiry, exactly one expiry must be reported.
    ServerMessage expiredA;
    ServerMessage expiredB;
    const bool expiredOnA = watcherA.waitForEvent(events::LockExpired, record, &expiredA, TtlMs + EventWaitMs);
    const bool expiredOnB = watcherB.waitForEvent(events::LockExpired, record, &expiredB, EventWaitMs);
    const QString seen = u"A saw [%1], B saw [%2]"_s.arg(eventNames(eventsAbout(watcherA, record)).join(u", "_s),
                                                         eventNames(eventsAbout(watcherB, record)).join(u", "_s));
    QVERIFY2(expiredOnA && expiredOnB, qPrintable(seen));
    QCOMPARE(expiredA.seq, granted.seq + 1);
    QCOMPARE(expiredB.seq, granted.seq + 1);
    QVERIFY2(expiredA.serverTime >= granted.expiresAt,
             qPrintable(u"expired at %1, before expiresAt %2"_s.arg(expiredA.serverTime).arg(granted.expiresAt)));
    QCOMPARE(expiredB.body.value(u"previousHolder"_s).toObject().value(u"displayName"_s).toString(), u"Alice Archer"_s);

    // A few more TTLs of server time pass without further events.
    QVERIFY(pollUntil([&] { return watcherA.request(ops::Ping).serverTime >= expiredA.serverTime + 3 * TtlMs; },
                      3 * TtlMs + EventWaitMs));
    VERIFY_OK(watcherB.request(ops::Ping));
    const QStringList expected{events::LockAcquired, events::LockExpired};
    QCOMPARE(eventNames(eventsAbout(watcherA, record)), expected);
    QCOMPARE(eventNames(eventsAbout(watcherB, record)), expected);

    const ServerMessage late = holder.request(ops::Renew, tokenArgs(record, granted.token));
    QCOMPARE(TestClient::outcome(late), u"not_holder"_s);
    for (TestClient *watcher : {&watcherA, &watcherB}) {
        const ServerMessage state = watcher->request(ops::GetLock, recordArg(record));
        QVERIFY2(state.ok, qPrintable(TestClient::describe(state)));
        QVERIFY(!lockOf(state.result).held);
        QCOMPARE(lockOf(state.result).seq, expiredA.seq);
    }
}

void TestMultiInstance::staleSaveRefusedAcrossInstances()
{
    QVERIFY2(startCluster(2), qPrintable(m_startError));
    const QString record = u"CL-2026-0024"_s;
    TestClient alice;
    TestClient bob;
    VERIFY_OK(alice.connectAndLogin(instance(0).wsUrl(), u"alice"_s));
    VERIFY_OK(bob.connectAndLogin(instance(1).wsUrl(), u"bob"_s));
    VERIFY_OK(bob.request(ops::Subscribe, recordArg(record)));

    const ServerMessage first = alice.request(ops::Acquire, recordArg(record));
    QVERIFY2(first.ok, qPrintable(TestClient::describe(first)));
    const qint64 firstToken = lockOf(first.result).token;
    const ServerMessage loaded = alice.request(ops::GetRecord, recordArg(record));
    QVERIFY2(loaded.ok, qPrintable(TestClient::describe(loaded)));
    const qint64 version = loaded.result.value(u"record"_s).toObject().value(u"version"_s).toInteger();
    QVERIFY(version >= 1);

    const ServerMessage saved = alice.request(ops::SaveRecord, saveArgs(record, firstToken, version, u"saved on A"_s));
    QVERIFY2(saved.ok, qPrintable(TestClient::describe(saved)));
    QCOMPARE(saved.result.value(u"record"_s).toObject().value(u"version"_s).toInteger(), version + 1);
    ServerMessage updated;
    QVERIFY2(bob.waitForEvent(events::RecordUpdated, record, &updated, EventWaitMs), "no record_updated on B");
    QCOMPARE(updated.body.value(u"record"_s).toObject().value(u"version"_s).toInteger(), version + 1);
    VERIFY_OK(alice.request(ops::Release, tokenArgs(record, firstToken)));

    // Bob, on B, saves edits based on the version before Alice's save.
    const ServerMessage second = bob.request(ops::Acquire, recordArg(record));
    QVERIFY2(second.ok, qPrintable(TestClient::describe(second)));
    const qint64 secondToken = lockOf(second.result).token;
    QVERIFY(secondToken > firstToken);
    const ServerMessage stale = bob.request(ops::SaveRecord, saveArgs(record, secondToken, version, u"saved on B"_s));
    QCOMPARE(TestClient::outcome(stale), u"stale_version"_s);
    QCOMPARE(stale.error.details.value(u"currentVersion"_s).toInteger(), version + 1);
    const ServerMessage onB = bob.request(ops::GetRecord, recordArg(record));
    QVERIFY2(onB.ok, qPrintable(TestClient::describe(onB)));
    const QJsonObject recordOnB = onB.result.value(u"record"_s).toObject();
    QCOMPARE(recordOnB.value(u"version"_s).toInteger(), version + 1);
    QCOMPARE(recordOnB.value(u"fields"_s).toObject().value(u"description"_s).toString(), u"saved on A"_s);

    // Alice's old token is worthless once the lock has moved: first while Bob holds it ...
    const ServerMessage notHolding = alice.request(ops::SaveRecord, saveArgs(record, firstToken, version + 1, u"old"_s));
    QCOMPARE(TestClient::outcome(notHolding), u"no_lock"_s);
    QCOMPARE(holderName(notHolding.error.details), u"Bob Baker"_s);
    VERIFY_OK(bob.request(ops::Release, tokenArgs(record, secondToken)));
    // ... then after she holds it again under a newer token.
    const ServerMessage third = alice.request(ops::Acquire, recordArg(record));
    QVERIFY2(third.ok, qPrintable(TestClient::describe(third)));
    const qint64 thirdToken = lockOf(third.result).token;
    QVERIFY(thirdToken > secondToken);
    const ServerMessage fenced = alice.request(ops::SaveRecord, saveArgs(record, firstToken, version + 1, u"old"_s));
    QCOMPARE(TestClient::outcome(fenced), u"stale_token"_s);
    const ServerMessage current = alice.request(ops::SaveRecord, saveArgs(record, thirdToken, version + 1, u"again on A"_s));
    QVERIFY2(current.ok, qPrintable(TestClient::describe(current)));

    const ServerMessage afterwards = bob.request(ops::GetRecord, recordArg(record));
    const QJsonObject finalRecord = afterwards.result.value(u"record"_s).toObject();
    QCOMPARE(finalRecord.value(u"version"_s).toInteger(), version + 2);
    QCOMPARE(finalRecord.value(u"fields"_s).toObject().value(u"description"_s).toString(), u"again on A"_s);
}

void TestMultiInstance::redisRestartKeepsLocks()
{
    QVERIFY2(startCluster(2), qPrintable(m_startError));
    const QString record = u"CL-2026-0025"_s;
    TestClient holder;
    TestClient watcher;
    TestClient contender;
    VERIFY_OK(holder.connectAndLogin(instance(0).wsUrl(), u"alice"_s));
    VERIFY_OK(watcher.connectAndLogin(instance(1).wsUrl(), u"bob"_s));
    VERIFY_OK(contender.connectAndLogin(instance(1).wsUrl(), u"carol"_s));
    VERIFY_OK(watcher.request(ops::Subscribe, recordArg(record)));
    const ServerMessage acquired = holder.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo granted = lockOf(acquired.result);
    QVERIFY(watcher.waitForEvent(events::LockAcquired, record, nullptr, EventWaitMs));

    m_redis->stop();
    const ServerMessage down = contender.request(ops::Acquire, recordArg(record), 10'000);
    QCOMPARE(TestClient::outcome(down), u"unavailable"_s);
    QVERIFY2(watcher.isConnected() && holder.isConnected(), "a Redis outage closed client connections");

    QVERIFY2(m_redis->restart(), qPrintable(m_redis->output()));
    // B answers lock operations again; every answer meanwhile granted nothing.
    ServerMessage answer;
    QStringList outcomes;
    const bool back = pollUntil([&] {
        answer = contender.request(ops::Acquire, recordArg(record), 10'000);
        outcomes.append(TestClient::outcome(answer));
        return TestClient::outcome(answer) != u"unavailable"_s;
    }, RecoveryWaitMs);
    QVERIFY2(back, qPrintable(u"still: "_s + outcomes.join(u", "_s)));
    QVERIFY2(!outcomes.contains(u"ok"_s), qPrintable(outcomes.join(u", "_s)));
    QCOMPARE(TestClient::outcome(answer), u"lock_held"_s);
    QCOMPARE(holderName(answer.error.details), u"Alice Archer"_s);
    QCOMPARE(lockOf(answer.error.details).since, granted.since);

    // Same holder, same token, on A.
    const ServerMessage state = holder.request(ops::GetLock, recordArg(record));
    QVERIFY2(state.ok, qPrintable(TestClient::describe(state)));
    const LockInfo kept = lockOf(state.result);
    QVERIFY(kept.held && kept.sameSession);
    QCOMPARE(kept.token, granted.token);
    QCOMPARE(kept.since, granted.since);

    // Events flow from A to B again once both have subscribed anew.
    const bool flowing = pollUntil([&] {
        const ServerMessage renewed = holder.request(ops::Renew, tokenArgs(record, granted.token));
        return renewed.ok && watcher.waitForEvent(events::LockRenewed, record, nullptr, 1000);
    }, RecoveryWaitMs);
    QVERIFY2(flowing, "no lock_renewed from A reached B after Redis came back");
    VERIFY_OK(holder.request(ops::Release, tokenArgs(record, granted.token)));
    ServerMessage released;
    QVERIFY2(watcher.waitForEvent(events::LockReleased, record, &released, EventWaitMs), "no lock_released on B");
    QCOMPARE(released.body.value(u"reason"_s).toString(), u"released"_s);
    QCOMPARE(released.body.value(u"previousHolder"_s).toObject().value(u"displayName"_s).toString(), u"Alice Archer"_s);

    // Nobody else held the lock at any point.
    for (const ServerMessage &event : eventsAbout(watcher, record)) {
        if (event.event == events::LockAcquired || event.event == events::LockOverride)
            QCOMPARE(holderName(event.body), u"Alice Archer"_s);
    }
}

void TestMultiInstance::killedInstanceSessionResumesElsewhere()
{
    QVERIFY2(startCluster(2, 120, 10), qPrintable(m_startError));
    const QString record = u"CL-2026-0020"_s;
    TestClient holder;
    TestClient watcher;
    VERIFY_OK(holder.connectAndLogin(instance(0).wsUrl(), u"alice"_s));
    VERIFY_OK(watcher.connectAndLogin(instance(1).wsUrl(), u"bob"_s));
    VERIFY_OK(watcher.request(ops::Subscribe, recordArg(record)));
    const ServerMessage acquired = holder.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo granted = lockOf(acquired.result);
    QVERIFY(watcher.waitForEvent(events::LockAcquired, record, nullptr, EventWaitMs));

    instance(0).kill9();
    QVERIFY(holder.waitForDisconnected());

    // The same window comes back on B with its session token: no password, same lock.
    TestClient resumed;
    resumed.setSessionId(holder.sessionId());
    QVERIFY(resumed.connectTo(instance(1).wsUrl()));
    const ServerMessage reply = resumed.auth(holder.token());
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    const QJsonArray locks = reply.result.value(u"locks"_s).toArray();
    QCOMPARE(locks.size(), 1);
    const LockInfo resumedLock = LockInfo::fromJson(locks.first().toObject()).value_or(LockInfo{});
    QCOMPARE(resumedLock.recordId, record);
    QCOMPARE(resumedLock.token, granted.token);
    QVERIFY(resumedLock.sameSession);

    const ServerMessage renewed = resumed.request(ops::Renew, tokenArgs(record, granted.token));
    QVERIFY2(renewed.ok, qPrintable(TestClient::describe(renewed)));
    QCOMPARE(lockOf(renewed.result).token, granted.token);
    QVERIFY(watcher.waitForEvent(events::LockRenewed, record, nullptr, EventWaitMs));
    const ServerMessage state = watcher.request(ops::GetLock, recordArg(record));
    QVERIFY2(state.ok, qPrintable(TestClient::describe(state)));
    QVERIFY(lockOf(state.result).held);
    QVERIFY(lockOf(state.result).connected);
    QCOMPARE(holderName(state.result), u"Alice Archer"_s);
    QCOMPARE(TestClient::outcome(watcher.request(ops::Acquire, recordArg(record))), u"lock_held"_s);
}

QTEST_GUILESS_MAIN(TestMultiInstance)
#include "tst_multiinstance.moc"
