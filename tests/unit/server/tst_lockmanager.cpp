#include <memory>

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "fakeclock.h"
#include "testholders.h"
#include "protocol/names.h"
#include "server/database.h"
#include "server/lockmanager.h"
#include "server/lockview.h"
#include "server/sqlauditlog.h"
#include "server/sqllockstore.h"
#include "server/sqltransaction.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::testholders;
using Status = LockResult::Status;

namespace {

constexpr qint64 Ttl = 120'000;
constexpr qint64 Grace = 30'000;

const QString Record = u"CL-2026-0042"_s;

} // namespace

/// The lock rules of docs/protocol.md against the real SQLite lock store and audit log.
class TestLockManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void grantsFreeLock();
    void sameSessionAcquireRenews();
    void otherUserIsDenied();
    void sameUserOtherSessionDeniedUnlessSwitch();
    void expiredLockIsRegrantedAfterExpiredEvent();
    void tokensIncreaseAcrossRestart();
    void renewExtendsExpiry();
    void renewAtExpiryLosesOnce();
    void wrongTokenIsStale();
    void nonHolderCannotReleaseOrRenew();
    void releaseFreesLock();
    void releaseAllFreesEverySessionLock();
    void disconnectStartsOrphanGrace();
    void resumeWithinGraceKeepsToken();
    void noResumeReleasesAtOrphanDeadline();
    void expiryBeforeOrphanDeadlineExpires();
    void resumeAfterDeadlineFindsNothing();
    void restartOrphansHeldLocks();
    void seqAdvancesPerEventAndPersists();
    void nextDeadlineTracksEarliest();
    void storeFailureChangesNothing();
    void auditRecordsHistory();
    void reloadForgetsRolledBackChanges();

private:
    std::unique_ptr<LockManager> makeManager();
    void restart();
    QList<LockEvent> takeEvents();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::FakeClock> m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SqlLockStore> m_store;
    std::unique_ptr<SqlAuditLog> m_audit;
    std::unique_ptr<LockManager> m_locks;
    QList<LockEvent> m_events;
    int m_deadlineSignals = 0;
};

std::unique_ptr<LockManager> TestLockManager::makeManager()
{
    auto manager = std::make_unique<LockManager>(*m_store, *m_audit, *m_clock, LockManager::Settings{Ttl, Grace, {}});
    connect(manager.get(), &LockManager::lockEvent, this, [this](const LockEvent &e) { m_events.append(e); });
    connect(manager.get(), &LockManager::deadlinesChanged, this, [this] { ++m_deadlineSignals; });
    return manager;
}

void TestLockManager::restart()
{
    m_locks.reset();
    m_store.reset();
    m_store = std::make_unique<SqlLockStore>(*m_db);
    m_locks = makeManager();
    QVERIFY(m_locks->load());
}

QList<LockEvent> TestLockManager::takeEvents()
{
    return std::exchange(m_events, {});
}

void TestLockManager::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<test::FakeClock>();
    m_db = std::make_unique<Database>(m_dir->filePath(u"locks.db"_s));
    QVERIFY2(m_db->open(), qPrintable(m_db->lastError()));
    m_store = std::make_unique<SqlLockStore>(*m_db);
    m_audit = std::make_unique<SqlAuditLog>(*m_db);
    m_locks = makeManager();
    QVERIFY(m_locks->load());
    m_events.clear();
    m_deadlineSignals = 0;
}

void TestLockManager::cleanup()
{
    m_locks.reset();
    m_audit.reset();
    m_store.reset();
    m_db.reset();
    m_dir.reset();
}

void TestLockManager::grantsFreeLock()
{
    const LockResult r = m_locks->acquire(Record, alice1(), false);
    QCOMPARE(r.status, Status::Granted);
    QVERIFY(r.lock.held);
    QCOMPARE(r.lock.sessionId, alice1().sessionId);
    QCOMPARE(r.lock.token, 1);
    QCOMPARE(r.lock.since, m_clock->nowMs());
    QCOMPARE(r.lock.expiresAt, m_clock->nowMs() + Ttl);
    QVERIFY(r.lock.connected);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].event, QString(events::LockAcquired));
    QCOMPARE(events[0].lock.seq, r.lock.seq);

    // Durable before the event: the store already has it.
    const QList<LockRow> stored = m_store->loadAll();
    QCOMPARE(stored.size(), 1);
    QVERIFY(stored[0].held);
    QCOMPARE(stored[0].token, 1);
}

void TestLockManager::reloadForgetsRolledBackChanges()
{
    const LockResult kept = m_locks->acquire(Record, alice1(), false);
    QCOMPARE(kept.status, Status::Granted);
    {
        // A group commit that fails: the table has the grant, the database does not.
        SqlTransaction transaction(m_db->db());
        QVERIFY(transaction.isActive());
        QCOMPARE(m_locks->acquire(u"CL-2026-0002"_s, bob(), false).status, Status::Granted);
        QCOMPARE(m_locks->release(Record, alice1().sessionId, kept.lock.token, reasons::Released).status,
                 Status::Released);
        transaction.rollback();
    }
    takeEvents();
    m_locks->reload();
    QVERIFY(takeEvents().isEmpty()); // a reload tells nobody anything
    const LockRow restored = m_locks->lock(Record);
    QVERIFY(restored.held);
    QCOMPARE(restored.sessionId, alice1().sessionId);
    QCOMPARE(restored.token, kept.lock.token);
    QCOMPARE(restored.connected, true); // unlike load(), nobody is orphaned
    QVERIFY(!m_locks->lock(u"CL-2026-0002"_s).held);
    QCOMPARE(m_locks->locksOf(bob().sessionId).size(), 0);
    QCOMPARE(m_locks->nextDeadline(), std::optional<qint64>(kept.lock.expiresAt));
}

void TestLockManager::sameSessionAcquireRenews()
{
    const LockResult first = m_locks->acquire(Record, alice1(), false);
    m_clock->advance(10'000);
    takeEvents();
    const LockResult again = m_locks->acquire(Record, alice1(), false);
    QCOMPARE(again.status, Status::Renewed);
    QCOMPARE(again.lock.token, first.lock.token);
    QCOMPARE(again.lock.since, first.lock.since);
    QCOMPARE(again.lock.expiresAt, m_clock->nowMs() + Ttl);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].event, QString(events::LockRenewed));
}

void TestLockManager::otherUserIsDenied()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    takeEvents();
    const LockResult denied = m_locks->acquire(Record, bob(), true);
    QCOMPARE(denied.status, Status::Held);
    QCOMPARE(denied.lock.holderName, u"Alice Archer"_s);
    QCOMPARE(denied.lock.since, granted.lock.since);
    QCOMPARE(denied.lock.expiresAt, granted.lock.expiresAt);
    QCOMPARE(denied.lock.seq, granted.lock.seq); // lock_denied does not advance seq
    QVERIFY(takeEvents().isEmpty());
    const LockInfo seen = LockView::forRecipient(denied.lock, bob().sessionId, bob().userId);
    QVERIFY(!seen.sameUser);
    QCOMPARE(seen.token, 0);
}

void TestLockManager::sameUserOtherSessionDeniedUnlessSwitch()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    takeEvents();
    const LockResult denied = m_locks->acquire(Record, alice2(), false);
    QCOMPARE(denied.status, Status::Held);
    QVERIFY(LockView::forRecipient(denied.lock, alice2().sessionId, alice2().userId).sameUser);
    QVERIFY(takeEvents().isEmpty());

    const LockResult switched = m_locks->acquire(Record, alice2(), true);
    QCOMPARE(switched.status, Status::Switched);
    QCOMPARE(switched.lock.sessionId, alice2().sessionId);
    QVERIFY(switched.lock.token > granted.lock.token);
    QCOMPARE(switched.lock.seq, granted.lock.seq + 2);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].event, QString(events::LockReleased));
    QCOMPARE(events[0].reason, QString(reasons::Switched));
    QVERIFY(!events[0].lock.held);
    QCOMPARE(events[0].lock.seq, granted.lock.seq + 1);
    QVERIFY(events[0].previousHolder.has_value());
    QCOMPARE(events[0].previousHolder->sessionId, alice1().sessionId);
    QCOMPARE(events[1].event, QString(events::LockAcquired));
    QCOMPARE(events[1].lock.seq, granted.lock.seq + 2);

    // The old window's token is now useless.
    QCOMPARE(m_locks->renew(Record, alice1().sessionId, granted.lock.token).status, Status::NotHolder);
}

void TestLockManager::expiredLockIsRegrantedAfterExpiredEvent()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    takeEvents();
    m_clock->advance(Ttl);
    const LockResult r = m_locks->acquire(Record, bob(), false);
    QCOMPARE(r.status, Status::Granted);
    QVERIFY(r.lock.token > granted.lock.token);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].event, QString(events::LockExpired));
    QCOMPARE(events[0].previousHolder->displayName, u"Alice Archer"_s);
    QCOMPARE(events[0].lock.seq, granted.lock.seq + 1);
    QCOMPARE(events[1].event, QString(events::LockAcquired));
    QCOMPARE(events[1].lock.seq, granted.lock.seq + 2);
}

void TestLockManager::tokensIncreaseAcrossRestart()
{
    qint64 last = 0;
    for (int i = 0; i < 3; ++i) {
        const LockResult r = m_locks->acquire(Record, alice1(), false);
        QVERIFY(r.lock.token > last);
        last = r.lock.token;
        QCOMPARE(m_locks->release(Record, alice1().sessionId, last, reasons::Released).status, Status::Released);
    }
    restart();
    const LockResult afterRestart = m_locks->acquire(Record, bob(), false);
    QCOMPARE(afterRestart.status, Status::Granted);
    QVERIFY(afterRestart.lock.token > last);

    // A held lock across a restart keeps its token; the next grant still goes higher.
    restart();
    QCOMPARE(m_locks->lock(Record).token, afterRestart.lock.token);
    m_clock->advance(Ttl);
    const LockResult next = m_locks->acquire(Record, alice1(), false);
    QCOMPARE(next.status, Status::Granted);
    QVERIFY(next.lock.token > afterRestart.lock.token);
}

void TestLockManager::renewExtendsExpiry()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    m_clock->advance(40'000);
    takeEvents();
    const LockResult r = m_locks->renew(Record, alice1().sessionId, granted.lock.token);
    QCOMPARE(r.status, Status::Renewed);
    QCOMPARE(r.lock.expiresAt, m_clock->nowMs() + Ttl);
    QCOMPARE(r.lock.token, granted.lock.token);
    QCOMPARE(m_store->loadAll().value(0).expiresAt, r.lock.expiresAt);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].event, QString(events::LockRenewed));

    m_clock->advance(Ttl - 1);
    QVERIFY(m_locks->processDeadlines());
    QVERIFY(m_locks->lock(Record).held);
}

void TestLockManager::renewAtExpiryLosesOnce()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    takeEvents();
    m_clock->advance(Ttl); // exactly at expiresAt
    const LockResult r = m_locks->renew(Record, alice1().sessionId, granted.lock.token);
    QCOMPARE(r.status, Status::NotHolder);
    QVERIFY(!r.lock.held);
    QCOMPARE(m_locks->renew(Record, alice1().sessionId, granted.lock.token).status, Status::NotHolder);
    QVERIFY(m_locks->processDeadlines());
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].event, QString(events::LockExpired));
}

void TestLockManager::wrongTokenIsStale()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    takeEvents();
    QCOMPARE(m_locks->renew(Record, alice1().sessionId, granted.lock.token + 1).status, Status::StaleToken);
    QCOMPARE(m_locks->release(Record, alice1().sessionId, granted.lock.token - 1, reasons::Released).status,
             Status::StaleToken);
    QVERIFY(m_locks->lock(Record).held);
    QVERIFY(takeEvents().isEmpty());
}

void TestLockManager::nonHolderCannotReleaseOrRenew()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    takeEvents();
    const LockResult r = m_locks->release(Record, bob().sessionId, granted.lock.token, reasons::Released);
    QCOMPARE(r.status, Status::NotHolder);
    QCOMPARE(r.lock.sessionId, alice1().sessionId);
    QCOMPARE(m_locks->renew(Record, alice2().sessionId, granted.lock.token).status, Status::NotHolder);
    QCOMPARE(m_locks->release(u"free-record"_s, bob().sessionId, 1, reasons::Released).status, Status::NotHolder);
    QVERIFY(m_locks->lock(Record).held);
    QVERIFY(takeEvents().isEmpty());
}

void TestLockManager::releaseFreesLock()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    takeEvents();
    const LockResult r = m_locks->release(Record, alice1().sessionId, granted.lock.token, reasons::Released);
    QCOMPARE(r.status, Status::Released);
    QVERIFY(!r.lock.held);
    QCOMPARE(r.lock.seq, granted.lock.seq + 1);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].event, QString(events::LockReleased));
    QCOMPARE(events[0].reason, QString(reasons::Released));
    QCOMPARE(events[0].previousHolder->handle, u"u_alice"_s);
    QVERIFY(!m_locks->nextDeadline().has_value());
    QVERIFY(!m_store->loadAll().value(0).held);
}

void TestLockManager::releaseAllFreesEverySessionLock()
{
    m_locks->acquire(u"A-1"_s, alice1(), false);
    m_locks->acquire(u"A-2"_s, alice1(), false);
    m_locks->acquire(u"B-1"_s, bob(), false);
    takeEvents();
    QVERIFY(m_locks->releaseAll(alice1().sessionId, reasons::Logout));
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 2);
    for (const LockEvent &e : events) {
        QCOMPARE(e.event, QString(events::LockReleased));
        QCOMPARE(e.reason, QString(reasons::Logout));
    }
    QVERIFY(m_locks->locksOf(alice1().sessionId).isEmpty());
    QCOMPARE(m_locks->heldLocks().size(), 1);
}

void TestLockManager::disconnectStartsOrphanGrace()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    takeEvents();
    m_clock->advance(5'000);
    QVERIFY(m_locks->sessionDisconnected(alice1().sessionId));
    const LockRow row = m_locks->lock(Record);
    QVERIFY(row.held);
    QVERIFY(!row.connected);
    QCOMPARE(row.orphanDeadline, m_clock->nowMs() + Grace);
    QCOMPARE(row.token, granted.lock.token);
    QCOMPARE(m_locks->nextDeadline(), std::optional<qint64>(row.orphanDeadline));
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].event, QString(events::LockHolderPresence));
    QVERIFY(!events[0].lock.connected);
    QCOMPARE(LockView::info(events[0].lock, LockView::Audience::Other).toJson().value(u"orphanDeadline"_s).toInteger(),
             row.orphanDeadline);
    QVERIFY(!m_store->loadAll().value(0).connected);
}

void TestLockManager::resumeWithinGraceKeepsToken()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    m_locks->sessionDisconnected(alice1().sessionId);
    takeEvents();
    m_clock->advance(Grace - 1);
    const std::optional<QList<LockRow>> resumed = m_locks->sessionResumed(alice1().sessionId);
    QVERIFY(resumed.has_value());
    QCOMPARE(resumed->size(), 1);
    QCOMPARE(resumed->at(0).token, granted.lock.token);
    QVERIFY(resumed->at(0).connected);
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].event, QString(events::LockHolderPresence));
    QVERIFY(events[0].lock.connected);
    QCOMPARE(m_locks->nextDeadline(), std::optional<qint64>(granted.lock.expiresAt));

    // A resume of a session that never dropped announces nothing.
    QVERIFY(m_locks->sessionResumed(alice1().sessionId).has_value());
    QVERIFY(takeEvents().isEmpty());
}

void TestLockManager::noResumeReleasesAtOrphanDeadline()
{
    m_locks->acquire(Record, alice1(), false);
    m_locks->sessionDisconnected(alice1().sessionId);
    takeEvents();
    m_clock->advance(Grace - 1);
    QVERIFY(m_locks->processDeadlines());
    QVERIFY(takeEvents().isEmpty());
    m_clock->advance(1);
    QVERIFY(m_locks->processDeadlines());
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].event, QString(events::LockReleased));
    QCOMPARE(events[0].reason, QString(reasons::Disconnected));
    QCOMPARE(events[0].previousHolder->sessionId, alice1().sessionId);
    QVERIFY(!m_locks->lock(Record).held);
}

void TestLockManager::expiryBeforeOrphanDeadlineExpires()
{
    m_locks->acquire(Record, alice1(), false);
    m_clock->advance(Ttl - 10'000); // 10 s left, grace is 30 s
    m_locks->sessionDisconnected(alice1().sessionId);
    takeEvents();
    m_clock->advance(10'000);
    QVERIFY(m_locks->processDeadlines());
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].event, QString(events::LockExpired));
}

void TestLockManager::resumeAfterDeadlineFindsNothing()
{
    m_locks->acquire(Record, alice1(), false);
    m_locks->sessionDisconnected(alice1().sessionId);
    takeEvents();
    m_clock->advance(Grace);
    // No timer ran: the resume itself settles the deadline first.
    const std::optional<QList<LockRow>> resumed = m_locks->sessionResumed(alice1().sessionId);
    QVERIFY(resumed.has_value());
    QVERIFY(resumed->isEmpty());
    const QList<LockEvent> events = takeEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].reason, QString(reasons::Disconnected));
}

void TestLockManager::restartOrphansHeldLocks()
{
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    m_locks->acquire(u"other"_s, bob(), false);
    m_locks->release(u"other"_s, bob().sessionId, 1, reasons::Released);
    m_clock->advance(7'000);
    restart();
    const LockRow row = m_locks->lock(Record);
    QVERIFY(row.held);
    QVERIFY(!row.connected);
    QCOMPARE(row.orphanDeadline, m_clock->nowMs() + Grace);
    QCOMPARE(row.token, granted.lock.token);
    QCOMPARE(row.seq, granted.lock.seq);
    QVERIFY(!m_locks->lock(u"other"_s).held);
    QCOMPARE(m_locks->heldLocks().size(), 1);
    QCOMPARE(m_locks->nextDeadline(), std::optional<qint64>(row.orphanDeadline));
    // Written back, not only in memory.
    const QList<LockRow> stored = m_store->loadAll();
    for (const LockRow &r : stored) {
        if (r.recordId == Record) {
            QVERIFY(!r.connected);
            QCOMPARE(r.orphanDeadline, row.orphanDeadline);
        }
    }
    const std::optional<QList<LockRow>> resumed = m_locks->sessionResumed(alice1().sessionId);
    QCOMPARE(resumed->value(0).token, granted.lock.token);
}

void TestLockManager::seqAdvancesPerEventAndPersists()
{
    QCOMPARE(m_locks->lock(Record).seq, 0);
    const LockResult granted = m_locks->acquire(Record, alice1(), false);
    QCOMPARE(granted.lock.seq, 1);
    m_locks->renew(Record, alice1().sessionId, granted.lock.token);
    m_locks->acquire(Record, bob(), false); // denied: no event, no seq
    QVERIFY(m_locks->recordUpdated(Record, QJsonObject{{u"id"_s, Record}}, {u"title"_s}));
    m_locks->sessionDisconnected(alice1().sessionId);
    m_locks->sessionResumed(alice1().sessionId);
    m_locks->release(Record, alice1().sessionId, granted.lock.token, reasons::Released);
    QList<qint64> seqs;
    for (const LockEvent &e : takeEvents())
        seqs.append(e.lock.seq);
    QCOMPARE(seqs, (QList<qint64>{1, 2, 3, 4, 5, 6}));
    restart();
    QCOMPARE(m_locks->lock(Record).seq, 6);
    QCOMPARE(m_locks->acquire(Record, bob(), false).lock.seq, 7);
}

void TestLockManager::nextDeadlineTracksEarliest()
{
    QVERIFY(!m_locks->nextDeadline().has_value());
    m_locks->acquire(u"A"_s, alice1(), false);
    QCOMPARE(m_deadlineSignals, 1);
    const qint64 first = m_clock->nowMs() + Ttl;
    m_clock->advance(1'000);
    m_locks->acquire(u"B"_s, bob(), false);
    QCOMPARE(m_locks->nextDeadline(), std::optional<qint64>(first));
    QCOMPARE(m_deadlineSignals, 1); // the earliest deadline did not move
    m_clock->advance(1'000);
    m_locks->acquire(u"A"_s, alice1(), false); // renew: B is now first
    QCOMPARE(m_locks->nextDeadline(), std::optional<qint64>(m_clock->nowMs() - 1'000 + Ttl));
    QCOMPARE(m_deadlineSignals, 2);
}

void TestLockManager::storeFailureChangesNothing()
{
    const LockResult granted = m_locks->acquire(u"held"_s, alice1(), false);
    takeEvents();
    QSqlQuery drop(m_db->db());
    QVERIFY(drop.exec(u"DROP TABLE lock_state"_s));

    const LockResult r = m_locks->acquire(Record, bob(), false);
    QCOMPARE(r.status, Status::StoreFailed);
    QVERIFY(!m_locks->lock(Record).held);
    QCOMPARE(m_locks->lock(Record).fence, 0);

    QCOMPARE(m_locks->release(u"held"_s, alice1().sessionId, granted.lock.token, reasons::Released).status,
             Status::StoreFailed);
    QCOMPARE(m_locks->renew(u"held"_s, alice1().sessionId, granted.lock.token).status, Status::StoreFailed);
    QVERIFY(!m_locks->sessionDisconnected(alice1().sessionId));
    QVERIFY(!m_locks->recordUpdated(u"held"_s, QJsonObject{}, {}));
    const LockRow still = m_locks->lock(u"held"_s);
    QVERIFY(still.held);
    QVERIFY(still.connected);
    QCOMPARE(still.expiresAt, granted.lock.expiresAt);
    QCOMPARE(still.seq, granted.lock.seq);

    // An expiry that cannot be stored is retried, not lost or emitted early.
    m_clock->advance(Ttl);
    QVERIFY(!m_locks->processDeadlines());
    QVERIFY(m_locks->nextDeadline().has_value());
    QVERIFY(takeEvents().isEmpty());
}

void TestLockManager::auditRecordsHistory()
{
    const LockResult a = m_locks->acquire(Record, alice1(), false);
    m_clock->advance(1);
    const LockResult s = m_locks->acquire(Record, alice2(), true);
    m_clock->advance(1);
    m_locks->release(Record, alice2().sessionId, s.lock.token, reasons::Released);
    m_clock->advance(1);
    m_locks->acquire(Record, bob(), false);
    m_clock->advance(Ttl);
    m_locks->processDeadlines();
    m_clock->advance(1);
    m_locks->acquire(Record, alice1(), false);
    m_clock->advance(1);
    m_locks->sessionDisconnected(alice1().sessionId);
    m_clock->advance(Grace);
    m_locks->processDeadlines();

    const std::optional<AuditPage> page = m_audit->history(Record, 20, std::nullopt);
    QVERIFY(page);
    QVERIFY(!page->more);
    const QList<AuditEntry> history = page->entries;
    QStringList actions;
    for (const AuditEntry &e : history) {
        actions.prepend(e.action);
        QCOMPARE(e.reason, QString()); // the audit reason is the override reason only
    }
    QCOMPARE(actions, (QStringList{u"acquired"_s, u"switched"_s, u"released"_s, u"acquired"_s, u"expired"_s,
                                   u"acquired"_s, u"disconnected"_s}));
    QCOMPARE(history.last().token, a.lock.token);
    QCOMPARE(history.at(5).subjectName, u"Alice Archer"_s); // the switch displaced window 1
}

QTEST_GUILESS_MAIN(TestLockManager)
#include "tst_lockmanager.moc"
