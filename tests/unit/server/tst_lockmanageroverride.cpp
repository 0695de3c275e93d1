// LockManager::overrideLock, the admin override of docs/protocol.md, against the real SQLite lock
// store and audit log, on a FakeClock.

#include <memory>
#include <optional>

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "fakeclock.h"
#include "testholders.h"
#include "protocol/names.h"
#include "server/database.h"
#include "server/lockmanager.h"
#include "server/sqlauditlog.h"
#include "server/sqllockstore.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::testholders;
using Status = LockResult::Status;

namespace {

constexpr qint64 Ttl = 120'000;
constexpr qint64 Grace = 30'000;

const QString Record = u"CL-2026-0042"_s;
const QString Reason = u"Customer on the phone, needs the address fixed now"_s;

/// The real SQLite store, counting the writes that reach it ("one durable write" is a rule).
class CountingLockStore final : public LockStore
{
public:
    explicit CountingLockStore(Database &database)
        : m_store(database)
    {
    }
    QList<LockRow> loadAll() override { return m_store.loadAll(); }
    bool write(const LockRow &row) override
    {
        ++writes;
        return m_store.write(row);
    }

    int writes = 0;

private:
    SqlLockStore m_store;
};

} // namespace

class TestLockManagerOverride : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void takesLockFromAnotherSession();
    void displacedSessionIsNoLongerHolder();
    void takesOrphanedLock();
    void freeLockIsGranted();
    void expiredLockExpiresFirstThenGrants();
    void ownLockIsRenewed();
    void adminsOtherWindowIsOverridden();
    void expectHolderMismatchChangesNothing();
    void expectHolderMatchesAnyWindowOfTheUser();
    void deadlinesFollowTheNewHolder();
    void fenceSurvivesRestartAfterOverride();
    void storeFailureChangesNothing();

private:
    std::unique_ptr<LockManager> makeManager();
    QList<LockEvent> takeEvents();
    QList<AuditEntry> history();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::FakeClock> m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<CountingLockStore> m_store;
    std::unique_ptr<SqlAuditLog> m_audit;
    std::unique_ptr<LockManager> m_locks;
    QList<LockEvent> m_events;
};

std::unique_ptr<LockManager> TestLockManagerOverride::makeManager()
{
    auto manager = std::make_unique<LockManager>(*m_store, *m_audit, *m_clock, LockManager::Settings{Ttl, Grace, {}});
    connect(manager.get(), &LockManager::lockEvent, this, [this](const LockEvent &e) { m_events.append(e); });
    return manager;
}

QList<LockEvent> TestLockManagerOverride::takeEvents()
{
    return std::exchange(m_events, {});
}

QList<AuditEntry> TestLockManagerOverride::history()
{
    const std::optional<AuditPage> page = m_audit->history(Record, 100, std::nullopt);
    return page ? page->entries : QList<AuditEntry>();
}

void TestLockManagerOverride::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<test::FakeClock>();
    m_db = std::make_unique<Database>(m_dir->filePath(u"locks.db"_s));
    QVERIFY2(m_db->open(), qPrintable(m_db->lastError()));
    m_store = std::make_unique<CountingLockStore>(*m_db);
    m_audit = std::make_unique<SqlAuditLog>(*m_db);
    m_locks = makeManager();
    QVERIFY(m_locks->load());
    m_events.clear();
}

void TestLockManagerOverride::cleanup()
{
    m_locks.reset();
    m_audit.reset();
    m_store.reset();
    m_db.reset();
    m_dir.reset();
}

void TestLockManagerOverride::takesLockFromAnotherSession()
{
    const LockResult held = m_locks->acquire(Record, alice1(), false);
    QCOMPARE(held.status, Status::Granted);
    m_clock->advance(5'000);
    takeEvents();
    const int writesBefore = m_store->writes;

    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, std::nullopt);
    QCOMPARE(r.status, Status::Overridden);
    QCOMPARE(m_store->writes, writesBefore + 1);
    QVERIFY(r.lock.held);
    QCOMPARE(r.lock.sessionId, carol1().sessionId);
    QCOMPARE(r.lock.userId, carol1().userId);
    QCOMPARE(r.lock.holderName, u"Carol White"_s);
    QCOMPARE(r.lock.holderHandle, u"u_carol"_s);
    QCOMPARE(r.lock.token, held.lock.fence + 1);
    QCOMPARE(r.lock.fence, r.lock.token);
    QCOMPARE(r.lock.since, m_clock->nowMs());
    QCOMPARE(r.lock.expiresAt, m_clock->nowMs() + Ttl);
    QCOMPARE(r.lock.seq, held.lock.seq + 1);
    QVERIFY(r.lock.connected);

    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    const LockEvent &e = events.first();
    QCOMPARE(e.event, QString(events::LockOverride));
    QCOMPARE(e.lock.seq, r.lock.seq);
    QCOMPARE(e.lock.sessionId, carol1().sessionId);
    QVERIFY(e.previousHolder.has_value());
    QCOMPARE(e.previousHolder->sessionId, alice1().sessionId);
    QCOMPARE(e.previousHolder->displayName, u"Alice Archer"_s);
    QCOMPARE(e.previousHolder->handle, u"u_alice"_s);
    QVERIFY(e.by.has_value());
    QCOMPARE(e.by->displayName, u"Carol White"_s);
    QCOMPARE(e.by->handle, u"u_carol"_s);
    QCOMPARE(e.reason, Reason);

    // Durable: a fresh look at the store sees Carol.
    const QList<LockRow> stored = m_store->loadAll();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().sessionId, carol1().sessionId);
    QCOMPARE(stored.first().token, r.lock.token);

    const QList<AuditEntry> audit = history();
    QVERIFY(!audit.isEmpty());
    const AuditEntry &entry = audit.first();
    QCOMPARE(entry.action, u"overridden"_s);
    QCOMPARE(entry.actorName, u"Carol White"_s);
    QCOMPARE(entry.subjectName, u"Alice Archer"_s);
    QCOMPARE(entry.reason, Reason);
    QCOMPARE(entry.token, r.lock.token);
    QCOMPARE(entry.at, m_clock->nowMs());
}

void TestLockManagerOverride::displacedSessionIsNoLongerHolder()
{
    const LockResult held = m_locks->acquire(Record, alice1(), false);
    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, std::nullopt);
    QCOMPARE(r.status, Status::Overridden);
    takeEvents();

    const LockResult renew = m_locks->renew(Record, alice1().sessionId, held.lock.token);
    QCOMPARE(renew.status, Status::NotHolder);
    QCOMPARE(renew.lock.sessionId, carol1().sessionId);
    // not_holder is checked first: even the new token does not help the displaced session.
    QCOMPARE(m_locks->renew(Record, alice1().sessionId, r.lock.token).status, Status::NotHolder);
    QCOMPARE(m_locks->release(Record, alice1().sessionId, held.lock.token, reasons::Released).status,
             Status::NotHolder);
    QVERIFY(m_locks->locksOf(alice1().sessionId).isEmpty());
    QVERIFY(m_locks->releaseAll(alice1().sessionId, reasons::Logout));
    QVERIFY(takeEvents().isEmpty());
    QCOMPARE(m_locks->lock(Record).sessionId, carol1().sessionId);

    // Alice acquiring again is an ordinary denial.
    QCOMPARE(m_locks->acquire(Record, alice1(), false).status, Status::Held);
}

void TestLockManagerOverride::takesOrphanedLock()
{
    const LockResult held = m_locks->acquire(Record, alice1(), false);
    QVERIFY(m_locks->sessionDisconnected(alice1().sessionId));
    QVERIFY(!m_locks->lock(Record).connected);
    m_clock->advance(1'000);
    takeEvents();

    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, u"u_alice"_s);
    QCOMPARE(r.status, Status::Overridden);
    QVERIFY(r.lock.connected);
    QCOMPARE(r.lock.orphanDeadline, 0);
    QCOMPARE(r.lock.token, held.lock.token + 1);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().event, QString(events::LockOverride));

    // Alice's window comes back within the grace: it finds nothing to resume.
    const std::optional<QList<LockRow>> resumed = m_locks->sessionResumed(alice1().sessionId);
    QVERIFY(resumed.has_value());
    QVERIFY(resumed->isEmpty());
    QVERIFY(takeEvents().isEmpty());
    // Nor does the old orphan deadline free Carol's lock.
    m_clock->advance(Grace);
    QVERIFY(m_locks->processDeadlines());
    QCOMPARE(m_locks->lock(Record).sessionId, carol1().sessionId);
    QVERIFY(takeEvents().isEmpty());
}

void TestLockManagerOverride::freeLockIsGranted()
{
    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, std::nullopt);
    QCOMPARE(r.status, Status::Granted);
    QCOMPARE(r.lock.sessionId, carol1().sessionId);
    QCOMPARE(r.lock.token, 1);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().event, QString(events::LockAcquired));
    QVERIFY(!events.first().by.has_value());
    // Exactly as acquire: audited as acquired, no override reason.
    const QList<AuditEntry> audit = history();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, u"acquired"_s);
    QCOMPARE(audit.first().actorName, u"Carol White"_s);
    QCOMPARE(audit.first().reason, QString());
}

void TestLockManagerOverride::expiredLockExpiresFirstThenGrants()
{
    const LockResult held = m_locks->acquire(Record, alice1(), false);
    m_clock->advance(Ttl); // at expiresAt: expired, not yet processed
    takeEvents();

    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, std::nullopt);
    QCOMPARE(r.status, Status::Granted);
    QCOMPARE(r.lock.token, held.lock.token + 1);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).event, QString(events::LockExpired));
    QCOMPARE(events.at(0).previousHolder->sessionId, alice1().sessionId);
    QCOMPARE(events.at(1).event, QString(events::LockAcquired));
    QCOMPARE(events.at(1).lock.seq, events.at(0).lock.seq + 1);
    QCOMPARE(history().first().action, u"acquired"_s);
    QCOMPARE(history().at(1).action, u"expired"_s);
}

void TestLockManagerOverride::ownLockIsRenewed()
{
    const LockResult held = m_locks->acquire(Record, carol1(), false);
    m_clock->advance(10'000);
    takeEvents();
    const qsizetype auditBefore = history().size();

    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, u"u_carol"_s);
    QCOMPARE(r.status, Status::Renewed);
    QCOMPARE(r.lock.token, held.lock.token);
    QCOMPARE(r.lock.since, held.lock.since);
    QCOMPARE(r.lock.expiresAt, m_clock->nowMs() + Ttl);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().event, QString(events::LockRenewed));
    QCOMPARE(history().size(), auditBefore);
}

void TestLockManagerOverride::adminsOtherWindowIsOverridden()
{
    // "Another session of any user": the admin's own second window is overridden, not switched.
    const LockResult held = m_locks->acquire(Record, carol2(), false);
    takeEvents();
    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, std::nullopt);
    QCOMPARE(r.status, Status::Overridden);
    QCOMPARE(r.lock.sessionId, carol1().sessionId);
    QVERIFY(r.lock.token > held.lock.token);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().event, QString(events::LockOverride));
    QCOMPARE(events.first().previousHolder->sessionId, carol2().sessionId);
}

void TestLockManagerOverride::expectHolderMismatchChangesNothing()
{
    // Free lock: the admin expected someone, so nothing is granted.
    const int writesBefore = m_store->writes;
    const LockResult onFree = m_locks->overrideLock(Record, carol1(), Reason, u"u_alice"_s);
    QCOMPARE(onFree.status, Status::LockChanged);
    QVERIFY(!onFree.lock.held);
    QCOMPARE(m_store->writes, writesBefore);
    QVERIFY(takeEvents().isEmpty());
    QVERIFY(history().isEmpty());

    // Held by someone else than expected.
    const LockResult held = m_locks->acquire(Record, alice1(), false);
    takeEvents();
    const qsizetype auditBefore = history().size();
    const int writesHeld = m_store->writes;
    const LockResult other = m_locks->overrideLock(Record, carol1(), Reason, u"u_bob"_s);
    QCOMPARE(other.status, Status::LockChanged);
    QCOMPARE(other.lock.sessionId, alice1().sessionId);
    QCOMPARE(other.lock.token, held.lock.token);
    QCOMPARE(other.lock.seq, held.lock.seq);
    QCOMPARE(m_store->writes, writesHeld);
    QVERIFY(takeEvents().isEmpty());
    QCOMPARE(history().size(), auditBefore);
    QCOMPARE(m_locks->lock(Record).sessionId, alice1().sessionId);

    // Held by the admin's own session but another handle was expected: also refused.
    const QString mine = u"CL-2026-0043"_s;
    m_locks->acquire(mine, carol1(), false);
    takeEvents();
    QCOMPARE(m_locks->overrideLock(mine, carol1(), Reason, u"u_alice"_s).status, Status::LockChanged);
    QVERIFY(takeEvents().isEmpty());
}

void TestLockManagerOverride::expectHolderMatchesAnyWindowOfTheUser()
{
    const LockResult held = m_locks->acquire(Record, alice2(), false);
    takeEvents();
    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, u"u_alice"_s);
    QCOMPARE(r.status, Status::Overridden);
    QVERIFY(r.lock.token > held.lock.token);
    QCOMPARE(takeEvents().first().previousHolder->sessionId, alice2().sessionId);
}

void TestLockManagerOverride::deadlinesFollowTheNewHolder()
{
    m_locks->acquire(Record, alice1(), false);
    m_clock->advance(60'000);
    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, std::nullopt);
    QVERIFY(m_locks->nextDeadline() == std::optional<qint64>(r.lock.expiresAt));
    QVERIFY(m_locks->ownerOf(carol1().sessionId) == std::optional<qint64>(carol1().userId));
    QVERIFY(!m_locks->ownerOf(alice1().sessionId).has_value());
    takeEvents();

    // Alice's old expiry passes: Carol keeps the lock until her own.
    m_clock->advance(Ttl - 60'000);
    QVERIFY(m_locks->processDeadlines());
    QVERIFY(takeEvents().isEmpty());
    QCOMPARE(m_locks->heldLocks().size(), 1);
    m_clock->set(r.lock.expiresAt);
    QVERIFY(m_locks->processDeadlines());
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().event, QString(events::LockExpired));
    QCOMPARE(events.first().previousHolder->sessionId, carol1().sessionId);
}

void TestLockManagerOverride::fenceSurvivesRestartAfterOverride()
{
    m_locks->acquire(Record, alice1(), false);
    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, std::nullopt);
    m_locks.reset();
    m_locks = makeManager();
    QVERIFY(m_locks->load());
    // After a restart Carol's lock waits out the grace like any other.
    const LockRow row = m_locks->lock(Record);
    QCOMPARE(row.sessionId, carol1().sessionId);
    QCOMPARE(row.token, r.lock.token);
    QVERIFY(!row.connected);
    m_clock->advance(Grace);
    QVERIFY(m_locks->processDeadlines());
    const LockResult again = m_locks->acquire(Record, alice1(), false);
    QCOMPARE(again.status, Status::Granted);
    QVERIFY(again.lock.token > r.lock.token);
}

void TestLockManagerOverride::storeFailureChangesNothing()
{
    const LockResult held = m_locks->acquire(Record, alice1(), false);
    takeEvents();
    const qsizetype auditBefore = history().size();
    QSqlQuery drop(m_db->db());
    QVERIFY(drop.exec(u"DROP TABLE lock_state"_s));

    const LockResult r = m_locks->overrideLock(Record, carol1(), Reason, std::nullopt);
    QCOMPARE(r.status, Status::StoreFailed);
    QVERIFY(takeEvents().isEmpty());
    QCOMPARE(history().size(), auditBefore);
    const LockRow still = m_locks->lock(Record);
    QCOMPARE(still.sessionId, alice1().sessionId);
    QCOMPARE(still.token, held.lock.token);
    QCOMPARE(still.fence, held.lock.fence);
    QCOMPARE(still.seq, held.lock.seq);
    QCOMPARE(m_locks->renew(Record, alice1().sessionId, held.lock.token).status, Status::StoreFailed);
}

QTEST_GUILESS_MAIN(TestLockManagerOverride)
#include "tst_lockmanageroverride.moc"
