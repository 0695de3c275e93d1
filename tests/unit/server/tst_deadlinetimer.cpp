#include <memory>

#include <QTemporaryDir>
#include <QTest>

#include "fakeclock.h"
#include "testholders.h"
#include "server/database.h"
#include "server/deadlinetimer.h"
#include "server/lockmanager.h"
#include "server/sqlauditlog.h"
#include "server/sqllockstore.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::testholders;
using Status = LockResult::Status;

namespace {

const QString RecordA = u"CL-2026-0001"_s;
const QString RecordB = u"CL-2026-0002"_s;

} // namespace

/// DeadlineTimer against a real LockManager on SQLite, time from a fake clock: when it is armed,
/// and that a timer firing before the real deadline neither frees a lock early nor misses it.
class TestDeadlineTimer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void armsAtTheEarliestDeadline();
    void laterDeadlineKeepsTheArmedTimer();
    void earlierDeadlineRearms();
    void earlyFireRearmsAndLaterExpires();

private:
    void makeManager(qint64 ttlMs, qint64 graceMs);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::FakeClock> m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SqlLockStore> m_store;
    std::unique_ptr<SqlAuditLog> m_audit;
    std::unique_ptr<LockManager> m_locks;
    std::unique_ptr<DeadlineTimer> m_timer;
};

void TestDeadlineTimer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<test::FakeClock>(1'000'000);
    m_db = std::make_unique<Database>(m_dir->filePath(u"locks.db"_s));
    QVERIFY2(m_db->open(), qPrintable(m_db->lastError()));
    m_store = std::make_unique<SqlLockStore>(*m_db);
    m_audit = std::make_unique<SqlAuditLog>(*m_db);
}

void TestDeadlineTimer::cleanup()
{
    m_timer.reset();
    m_locks.reset();
    m_audit.reset();
    m_store.reset();
    m_db.reset();
    m_dir.reset();
}

void TestDeadlineTimer::makeManager(qint64 ttlMs, qint64 graceMs)
{
    m_locks = std::make_unique<LockManager>(*m_store, *m_audit, *m_clock, LockManager::Settings{ttlMs, graceMs, {}});
    QVERIFY(m_locks->load());
    m_timer = std::make_unique<DeadlineTimer>(*m_locks, *m_clock);
}

void TestDeadlineTimer::armsAtTheEarliestDeadline()
{
    makeManager(30'000, 5'000);
    QCOMPARE(m_timer->armedAtMs(), std::nullopt);
    QCOMPARE(m_locks->acquire(RecordA, alice1(), false).status, Status::Granted);
    QCOMPARE(m_timer->armedAtMs(), std::optional<qint64>(1'030'000));
    const LockResult released = m_locks->release(RecordA, alice1().sessionId, m_locks->lock(RecordA).token,
                                                 u"released"_s);
    QCOMPARE(released.status, Status::Released);
    QCOMPARE(m_timer->armedAtMs(), std::nullopt);
}

void TestDeadlineTimer::laterDeadlineKeepsTheArmedTimer()
{
    makeManager(30'000, 5'000);
    const qint64 tokenA = m_locks->acquire(RecordA, alice1(), false).lock.token;
    m_clock->advance(1'000);
    QCOMPARE(m_locks->acquire(RecordB, bob(), false).status, Status::Granted);
    QCOMPARE(m_timer->armedAtMs(), std::optional<qint64>(1'030'000));

    // Renewing A makes B (1,031,000) the earliest deadline: later than the armed time.
    m_clock->advance(1'000);
    QCOMPARE(m_locks->renew(RecordA, alice1().sessionId, tokenA).status, Status::Renewed);
    QCOMPARE(m_locks->nextDeadline(), std::optional<qint64>(1'031'000));
    QCOMPARE(m_timer->armedAtMs(), std::optional<qint64>(1'030'000));
}

void TestDeadlineTimer::earlierDeadlineRearms()
{
    makeManager(30'000, 5'000);
    QCOMPARE(m_locks->acquire(RecordA, alice1(), false).status, Status::Granted);
    QCOMPARE(m_timer->armedAtMs(), std::optional<qint64>(1'030'000));
    // The holder's connection drops: the orphan grace ends long before the lock would expire.
    m_clock->advance(1'000);
    QVERIFY(m_locks->sessionDisconnected(alice1().sessionId));
    QCOMPARE(m_timer->armedAtMs(), std::optional<qint64>(1'006'000));
}

void TestDeadlineTimer::earlyFireRearmsAndLaterExpires()
{
    // Short enough to wait for in real time; the fake clock is moved along by hand.
    makeManager(300, 5'000);
    const qint64 token = m_locks->acquire(RecordA, alice1(), false).lock.token;
    QCOMPARE(m_timer->armedAtMs(), std::optional<qint64>(1'000'300));
    m_clock->advance(200);
    QCOMPARE(m_locks->renew(RecordA, alice1().sessionId, token).status, Status::Renewed);
    QCOMPARE(m_timer->armedAtMs(), std::optional<qint64>(1'000'300)); // kept: the lock now expires at 1,000,500

    // The timer fires at the old deadline, finds nothing due and arms at the real one.
    m_clock->advance(100);
    QTRY_COMPARE_WITH_TIMEOUT(m_timer->armedAtMs(), std::optional<qint64>(1'000'500), 5'000);
    QVERIFY(m_locks->lock(RecordA).held);

    m_clock->advance(200);
    QTRY_VERIFY_WITH_TIMEOUT(!m_locks->lock(RecordA).held, 5'000);
    QCOMPARE(m_timer->armedAtMs(), std::nullopt);
}

QTEST_GUILESS_MAIN(TestDeadlineTimer)
#include "tst_deadlinetimer.moc"
