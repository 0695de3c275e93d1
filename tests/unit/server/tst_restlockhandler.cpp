// RestLockHandler without HTTP: LockManager results as REST answers, on SQLite stores and a
// FakeClock, for what the end-to-end test cannot reach quickly (expiry, a failing store).

#include <memory>

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "fakeclock.h"
#include "protocol/lockinfo.h"
#include "server/database.h"
#include "server/demodata.h"
#include "server/lockmanager.h"
#include "server/passwordhasher.h"
#include "server/restlockhandler.h"
#include "server/sessionregistry.h"
#include "server/sqlauditlog.h"
#include "server/sqllockstore.h"
#include "server/sqlrecordstore.h"
#include "server/userstore.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

constexpr qint64 RestLockHandlerTestTtl = 120'000;

QString errorCode(const RestReply &reply)
{
    return reply.body.value(u"error"_s).toObject().value(u"code"_s).toString();
}

LockInfo lockIn(const QJsonObject &container)
{
    return LockInfo::fromJson(container.value(u"lock"_s).toObject()).value_or(LockInfo());
}

} // namespace

class TestRestLockHandler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tokenOnlyForTheCallersOwnSession();
    void fencingCheckTurnsFalseOnExpiry();
    void sessionOfAnotherUserIsConflict();
    void roleIsCheckedBeforeTheBody();
    void storeFailureIsUnavailable();

private:
    User user(const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::FakeClock> m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SqlLockStore> m_lockStore;
    std::unique_ptr<SqlAuditLog> m_audit;
    std::unique_ptr<SqlRecordStore> m_records;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<LockManager> m_locks;
    SessionRegistry m_sessions;
    std::unique_ptr<RestLockHandler> m_handler;
};

User TestRestLockHandler::user(const QString &name)
{
    return m_users->findByName(name).value_or(User());
}

void TestRestLockHandler::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<test::FakeClock>();
    m_db = std::make_unique<Database>(m_dir->filePath(u"rest.db"_s));
    QVERIFY2(m_db->open(), qPrintable(m_db->lastError()));
    m_lockStore = std::make_unique<SqlLockStore>(*m_db);
    m_audit = std::make_unique<SqlAuditLog>(*m_db);
    m_records = std::make_unique<SqlRecordStore>(*m_db);
    m_hasher = std::make_unique<PasswordHasher>(PasswordHasher::withCost(PasswordHasher::MinPasses,
                                                                         PasswordHasher::MinMemoryKiB));
    m_users = std::make_unique<UserStore>(*m_db, *m_hasher);
    QVERIFY(DemoData::seed(*m_users, *m_records, *m_clock));
    m_locks = std::make_unique<LockManager>(*m_lockStore, *m_audit, *m_clock,
                                            LockManager::Settings{RestLockHandlerTestTtl, 30'000, {}});
    QVERIFY(m_locks->load());
    m_handler = std::make_unique<RestLockHandler>(*m_locks, *m_records, *m_users, m_sessions);
}

void TestRestLockHandler::cleanup()
{
    m_handler.reset();
    m_locks.reset();
    m_users.reset();
    m_records.reset();
    m_audit.reset();
    m_lockStore.reset();
    m_db.reset();
}

void TestRestLockHandler::tokenOnlyForTheCallersOwnSession()
{
    const User alice = user(u"alice"_s);
    const User bob = user(u"bob"_s);
    const RestReply acquired = m_handler->acquire(alice, u"CL-2026-0001"_s, {u"crm-sync-worker-1"_s, false});
    QCOMPARE(acquired.status, 200);
    const qint64 token = lockIn(acquired.body).token;
    QVERIFY(token > 0);

    RestCodec::LockQuery query;
    QCOMPARE(lockIn(m_handler->getLock(alice, u"CL-2026-0001"_s, query).body).token, 0);
    QVERIFY(lockIn(m_handler->getLock(alice, u"CL-2026-0001"_s, query).body).sameUser);
    query.sessionId = u"crm-sync-worker-1"_s;
    QCOMPARE(lockIn(m_handler->getLock(alice, u"CL-2026-0001"_s, query).body).token, token);
    // Bob naming Alice's session learns nothing more than any watcher.
    const LockInfo seenByBob = lockIn(m_handler->getLock(bob, u"CL-2026-0001"_s, query).body);
    QCOMPARE(seenByBob.token, 0);
    QVERIFY(!seenByBob.sameUser);
    QVERIFY(!seenByBob.sameSession);
    QCOMPARE(seenByBob.holderName, u"Alice Archer"_s);
}

void TestRestLockHandler::fencingCheckTurnsFalseOnExpiry()
{
    const User alice = user(u"alice"_s);
    const RestReply acquired = m_handler->acquire(alice, u"CL-2026-0002"_s, {});
    QCOMPARE(acquired.status, 200);
    QVERIFY(acquired.body.value(u"sessionId"_s).toString().startsWith(u"rest-"_s));
    const qint64 token = lockIn(acquired.body).token;
    const RestCodec::LockQuery check{acquired.body.value(u"sessionId"_s).toString(), token};
    QCOMPARE(m_handler->getLock(user(u"bob"_s), u"CL-2026-0002"_s, check)
                 .body.value(u"fencing"_s).toObject().value(u"current"_s),
             QJsonValue(true));
    // The right token under another session id is not the holder's: tokens alone are guessable.
    const RestCodec::LockQuery otherSession{u"someone-else-1"_s, token};
    QCOMPARE(m_handler->getLock(user(u"bob"_s), u"CL-2026-0002"_s, otherSession)
                 .body.value(u"fencing"_s).toObject().value(u"current"_s),
             QJsonValue(false));

    // At expiresAt the lock is over, whether or not the deadline timer has run yet.
    m_clock->advance(RestLockHandlerTestTtl);
    const RestReply expired = m_handler->getLock(user(u"bob"_s), u"CL-2026-0002"_s, check);
    QCOMPARE(expired.body.value(u"fencing"_s).toObject().value(u"current"_s), QJsonValue(false));
    QVERIFY(!lockIn(expired.body).held);
    const RestReply renew = m_handler->renew(alice, u"CL-2026-0002"_s,
                                             {acquired.body.value(u"sessionId"_s).toString(), token});
    QCOMPARE(renew.status, 409);
    QCOMPARE(errorCode(renew), u"not_holder"_s);
}

void TestRestLockHandler::sessionOfAnotherUserIsConflict()
{
    QCOMPARE(m_handler->acquire(user(u"alice"_s), u"CL-2026-0003"_s, {u"crm-sync-worker-1"_s, false}).status, 200);
    const RestReply stolen = m_handler->acquire(user(u"bob"_s), u"CL-2026-0004"_s, {u"crm-sync-worker-1"_s, false});
    QCOMPARE(stolen.status, 409);
    QCOMPARE(errorCode(stolen), u"session_conflict"_s);
    QVERIFY(!m_locks->lock(u"CL-2026-0004"_s).held);
}

void TestRestLockHandler::roleIsCheckedBeforeTheBody()
{
    const RestReply editor = m_handler->overrideLock(user(u"alice"_s), u"CL-2026-0005"_s, QJsonObject());
    QCOMPARE(editor.status, 403);
    QCOMPARE(errorCode(editor), u"forbidden"_s);
    const RestReply admin = m_handler->overrideLock(user(u"carol"_s), u"CL-2026-0005"_s, QJsonObject());
    QCOMPARE(admin.status, 400);
    QCOMPARE(admin.body.value(u"error"_s).toObject().value(u"field"_s).toString(), u"reason"_s);
    const RestReply granted =
        m_handler->overrideLock(user(u"carol"_s), u"CL-2026-0005"_s, QJsonObject{{u"reason"_s, u"audit fix"_s}});
    QCOMPARE(granted.status, 200);
    QCOMPARE(granted.body.value(u"outcome"_s).toString(), u"granted"_s);
}

void TestRestLockHandler::storeFailureIsUnavailable()
{
    QSqlQuery drop(m_db->db());
    QVERIFY(drop.exec(u"DROP TABLE lock_state"_s));
    const RestReply reply = m_handler->acquire(user(u"alice"_s), u"CL-2026-0006"_s, {});
    QCOMPARE(reply.status, 503);
    QCOMPARE(errorCode(reply), u"unavailable"_s);
}

QTEST_GUILESS_MAIN(TestRestLockHandler)
#include "tst_restlockhandler.moc"
