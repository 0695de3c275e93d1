// The client objects end to end against a real recordlockd: two windows (alice, bob), live lock
// banners, renewals, a save, a server crash and the resume after its restart.

#include <memory>

#include <QSignalSpy>
#include <QTest>

#include "client/connection.h"
#include "client/lockevents.h"
#include "client/lockrenewer.h"
#include "client/lockservice.h"
#include "client/recordservice.h"
#include "common/systemclock.h"
#include "protocol/names.h"
#include "serverprocess.h"

using namespace recordlock;
using namespace recordlock::test;
using namespace Qt::StringLiterals;

using Status = LockState::Status;

namespace {

const QString Record = u"CL-2026-0003"_s;
constexpr double LockTtlSeconds = 3;

/// What one desktop window builds on: the objects the UI receives in its constructors.
struct Window
{
    explicit Window(const Clock &clock)
        : connection(clock)
        , events(&connection)
        , locks(&connection, &events)
        , records(&connection, &events)
        , renewer(&locks)
    {
        connection.setBackoff(Backoff(100, 400));
    }

    Connection connection;
    LockEvents events;
    LockService locks;
    RecordService records;
    LockRenewer renewer;
};

ServerProcess::Options serverOptions()
{
    ServerProcess::Options options;
    options.lockTtlSeconds = LockTtlSeconds;
    options.orphanGraceSeconds = 20;
    return options;
}

} // namespace

class TestClientFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void bothSignIn();
    void watcherSeesAcquireWithinOneSecond();
    void listShowsLock();
    void renewerKeepsLockPastTtl();
    void saveReachesWatcher();
    void releaseFreesForWatcher();
    void crashMakesEveryoneOffline();
    void restartResumesLock();

private:
    bool signIn(Window &window, const QString &user);

    SystemClock m_clock;
    ServerProcess m_server{serverOptions()};
    std::unique_ptr<Window> m_alice;
    std::unique_ptr<Window> m_bob;
    qint64 m_token = 0;
};

void TestClientFlow::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    m_alice = std::make_unique<Window>(m_clock);
    m_bob = std::make_unique<Window>(m_clock);
}

void TestClientFlow::cleanupTestCase()
{
    m_alice.reset();
    m_bob.reset();
    m_server.stop();
}

bool TestClientFlow::signIn(Window &window, const QString &user)
{
    window.connection.open(m_server.wsUrl());
    window.connection.login(user, user);
    return QTest::qWaitFor([&window] { return window.connection.isOnline(); }, 5000);
}

void TestClientFlow::bothSignIn()
{
    QSignalSpy signedIn(&m_alice->connection, &Connection::signedIn);
    QVERIFY(signIn(*m_alice, u"alice"_s));
    QVERIFY(signIn(*m_bob, u"bob"_s));
    QCOMPARE(signedIn.count(), 1);
    const auto session = signedIn.at(0).at(0).value<SessionInfo>();
    QCOMPARE(session.displayName, u"Alice Archer"_s);
    QCOMPARE(session.sessionId, m_alice->connection.sessionId());
    QCOMPARE(session.lockTtlMs, qint64(LockTtlSeconds * 1000));
    QVERIFY(!session.token.isEmpty());
    QVERIFY(session.locks.isEmpty());
}

void TestClientFlow::watcherSeesAcquireWithinOneSecond()
{
    LockState *bobView = m_bob->locks.state(Record);
    m_bob->locks.watch(Record);
    QTRY_COMPARE(bobView->status(), Status::Free);

    LockState *aliceView = m_alice->locks.state(Record);
    m_alice->locks.acquire(Record);
    QCOMPARE(aliceView->status(), Status::Pending);
    QTRY_COMPARE_WITH_TIMEOUT(bobView->status(), Status::HeldByOther, 1000);
    QCOMPARE(bobView->holderName(), u"Alice Archer"_s);
    QVERIFY(bobView->isConnected());
    QCOMPARE(bobView->token(), 0);
    QTRY_COMPARE(aliceView->status(), Status::HeldByMe);
    m_token = aliceView->token();
    QVERIFY(m_token > 0);
}

void TestClientFlow::listShowsLock()
{
    std::optional<std::variant<RecordList, ProtocolError>> result;
    RecordQuery query;
    query.type = u"claim"_s;
    query.text = Record;
    m_bob->records.list(query, this,
                        [&result](const std::variant<RecordList, ProtocolError> &value) { result = value; });
    QTRY_VERIFY(result.has_value());
    const auto *list = std::get_if<RecordList>(&*result);
    QVERIFY(list);
    QCOMPARE(list->total, 1);
    QCOMPARE(list->entries.size(), 1);
    QCOMPARE(list->entries.at(0).record.id, Record);
    QVERIFY(!list->entries.at(0).record.title().isEmpty());
    QVERIFY(list->entries.at(0).lock.held);
    QCOMPARE(list->entries.at(0).lock.holderName, u"Alice Archer"_s);
}

void TestClientFlow::renewerKeepsLockPastTtl()
{
    LockState *aliceView = m_alice->locks.state(Record);
    LockState *bobView = m_bob->locks.state(Record);
    QVERIFY(m_alice->renewer.isRenewing(Record));
    QSignalSpy lost(aliceView, &LockState::lockLost);
    QSignalSpy failed(&m_alice->renewer, &LockRenewer::renewalFailed);
    const qint64 firstExpiry = aliceView->expiresAt();

    // Until a renewal happened after the first grant's expiresAt: only renewals keep the lock.
    const qint64 ttlMs = qint64(LockTtlSeconds * 1000);
    QTRY_VERIFY_WITH_TIMEOUT(aliceView->expiresAt() > firstExpiry + ttlMs, int(ttlMs) * 3);
    QCOMPARE(aliceView->status(), Status::HeldByMe);
    QCOMPARE(aliceView->token(), m_token);
    QVERIFY(aliceView->expiresAt() > firstExpiry + 1000);
    QCOMPARE(lost.count(), 0);
    QCOMPARE(failed.count(), 0);
    // Bob's banner follows the renewals (lock_renewed events) and still names Alice.
    QCOMPARE(bobView->status(), Status::HeldByOther);
    QTRY_COMPARE(bobView->expiresAt(), aliceView->expiresAt());
}

void TestClientFlow::saveReachesWatcher()
{
    std::optional<RecordSnapshot> snapshot;
    m_alice->records.get(Record, this, [&snapshot](const std::variant<RecordSnapshot, ProtocolError> &result) {
        if (const auto *value = std::get_if<RecordSnapshot>(&result))
            snapshot = *value;
    });
    QTRY_VERIFY(snapshot.has_value());
    QCOMPARE(snapshot->record.id, Record);
    QVERIFY(snapshot->lock.sameSession);

    QSignalSpy updated(&m_bob->records, &RecordService::recordUpdated);
    QSignalSpy resync(m_bob->locks.state(Record), &LockState::resyncNeeded);
    std::optional<std::variant<RecordData, ProtocolError>> saved;
    m_alice->records.save(Record, m_token, snapshot->record.version, {{u"status"_s, u"Approved"_s}}, this,
                          [&saved](const std::variant<RecordData, ProtocolError> &result) { saved = result; });
    QTRY_VERIFY(saved.has_value());
    const auto *record = std::get_if<RecordData>(&*saved);
    if (!record)
        QFAIL(qPrintable(u"save failed: "_s + std::get<ProtocolError>(*saved).message));
    QCOMPARE(record->version, snapshot->record.version + 1);
    QCOMPARE(record->fields.value(u"status"_s), u"Approved"_s);

    QTRY_COMPARE(updated.count(), 1);
    const auto changed = updated.at(0).at(0).value<RecordData>();
    QCOMPARE(changed.id, Record);
    QCOMPARE(changed.version, snapshot->record.version + 1);
    QCOMPARE(changed.fields.value(u"status"_s), u"Approved"_s);
    QCOMPARE(updated.at(0).at(1).toStringList(), QStringList{u"status"_s});
    QCOMPARE(updated.at(0).at(2).toLongLong(), m_bob->locks.state(Record)->seq());
    QCOMPARE(resync.count(), 0);

    // A save with an old version changes nothing and says why.
    saved.reset();
    m_alice->records.save(Record, m_token, snapshot->record.version, {{u"status"_s, u"Closed"_s}}, this,
                          [&saved](const std::variant<RecordData, ProtocolError> &result) { saved = result; });
    QTRY_VERIFY(saved.has_value());
    QVERIFY(std::holds_alternative<ProtocolError>(*saved));
    QCOMPARE(std::get<ProtocolError>(*saved).code, ErrorCode::StaleVersion);
}

void TestClientFlow::releaseFreesForWatcher()
{
    LockState *aliceView = m_alice->locks.state(Record);
    LockState *bobView = m_bob->locks.state(Record);
    QSignalSpy lost(aliceView, &LockState::lockLost);
    m_alice->locks.release(Record);
    QTRY_COMPARE(bobView->status(), Status::Free);
    QTRY_COMPARE(aliceView->status(), Status::Free);
    QCOMPARE(lost.count(), 1);
    QCOMPARE(lost.at(0).at(0).toString(), u"released"_s);
    QVERIFY(!m_alice->renewer.isRenewing(Record));

    // Take it again for the crash: a fresh grant with a larger token.
    m_alice->locks.acquire(Record);
    QTRY_COMPARE(aliceView->status(), Status::HeldByMe);
    QVERIFY(aliceView->token() > m_token);
    m_token = aliceView->token();
    QTRY_COMPARE(bobView->status(), Status::HeldByOther);
}

void TestClientFlow::crashMakesEveryoneOffline()
{
    LockState *aliceView = m_alice->locks.state(Record);
    LockState *bobView = m_bob->locks.state(Record);
    // A fresh renewal first, so the whole TTL is left for the outage.
    const qint64 before = aliceView->expiresAt();
    m_alice->locks.renew(Record);
    QTRY_VERIFY(aliceView->expiresAt() > before);

    m_server.kill9();
    // Issued after the crash: answered locally, not left hanging or queued.
    std::optional<ServerMessage> answer;
    m_bob->connection.request(ops::GetLock, {{u"recordId"_s, Record}}, this,
                              [&answer](const ServerMessage &reply) { answer = reply; });
    QTRY_VERIFY(answer.has_value());
    QVERIFY(!answer->ok);
    QCOMPARE(answer->error.code, ErrorCode::Unavailable);

    QTRY_COMPARE(aliceView->status(), Status::Offline);
    QTRY_COMPARE(bobView->status(), Status::Offline);
    // The banner keeps the last known holder while offline.
    QCOMPARE(bobView->holderName(), u"Alice Archer"_s);
    QVERIFY(m_alice->connection.state() == Connection::State::WaitingToReconnect
            || m_alice->connection.state() == Connection::State::Connecting);
    QVERIFY(m_alice->connection.reconnectAttempt() >= 1);
}

void TestClientFlow::restartResumesLock()
{
    LockState *aliceView = m_alice->locks.state(Record);
    LockState *bobView = m_bob->locks.state(Record);
    QSignalSpy aliceBack(&m_alice->connection, &Connection::reconnected);
    QSignalSpy bobBack(&m_bob->connection, &Connection::reconnected);
    QSignalSpy aliceSession(&m_alice->connection, &Connection::signedIn);
    QSignalSpy lost(aliceView, &LockState::lockLost);
    const QString sessionId = m_alice->connection.sessionId();

    QVERIFY2(m_server.restart(true), qPrintable(m_server.output()));
    QTRY_COMPARE_WITH_TIMEOUT(aliceBack.count(), 1, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(bobBack.count(), 1, 10'000);
    QCOMPARE(m_alice->connection.sessionId(), sessionId);

    // The auth reply lists the resumed lock with the same token.
    QCOMPARE(aliceSession.count(), 1);
    const auto session = aliceSession.at(0).at(0).value<SessionInfo>();
    QCOMPARE(session.locks.size(), 1);
    QCOMPARE(session.locks.at(0).recordId, Record);
    QCOMPARE(session.locks.at(0).token, m_token);

    QTRY_COMPARE(aliceView->status(), Status::HeldByMe);
    QCOMPARE(aliceView->token(), m_token);
    QTRY_COMPARE(bobView->status(), Status::HeldByOther);
    QCOMPARE(bobView->holderName(), u"Alice Archer"_s);
    QTRY_VERIFY(bobView->isConnected());
    QCOMPARE(lost.count(), 0);
    QVERIFY(m_alice->renewer.isRenewing(Record));
}

QTEST_GUILESS_MAIN(TestClientFlow)
#include "tst_clientflow.moc"
