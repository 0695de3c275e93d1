// LockService and LockRenewer against a scripted server: the replies and events are chosen by the
// test, so seq gaps, refusals and resumed locks happen exactly when wanted.

#include <memory>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include "client/connection.h"
#include "client/lockevents.h"
#include "client/lockrenewer.h"
#include "client/lockservice.h"
#include "common/systemclock.h"
#include "protocol/names.h"
#include "scriptedserver.h"

using namespace recordlock;
using namespace recordlock::test;
using namespace Qt::StringLiterals;

using Status = LockState::Status;

namespace {

const QString Record = u"CL-2026-0001"_s;

} // namespace

class TestLockService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void watchAppliesSnapshot();
    void acquireIsPendingThenHeld();
    void acquireDeniedShowsHolder();
    void acquireOfflineFailsAtOnce();
    void acquireTimeoutRefetchesLock();
    void seqGapRefreshes();
    void reconnectResubscribes();
    void releaseLosesLock();
    void renewerRenewsAtThirdOfTtl();
    void renewerReportsNotHolder();
    void renewerCopesWithMonthsLongTtl();
    void resumedLockIsRenewedAtOnce();

private:
    bool signIn();
    LockInfo mine(qint64 seq, qint64 expiresIn) const;
    LockInfo others(qint64 seq) const;
    /// Answers acquire with a grant and renew with a fresh expiresAt; counts renewals.
    void grantAndRenew(qint64 ttlMs);

    SystemClock m_clock;
    std::unique_ptr<ScriptedServer> m_server;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<LockEvents> m_events;
    std::unique_ptr<LockService> m_service;
    int m_renewals = 0;
    qint64 m_seq = 1;
};

void TestLockService::init()
{
    m_server = std::make_unique<ScriptedServer>();
    QVERIFY(m_server->listen());
    m_connection = std::make_unique<Connection>(m_clock);
    m_connection->setBackoff(Backoff(50, 200));
    m_events = std::make_unique<LockEvents>(m_connection.get());
    m_service = std::make_unique<LockService>(m_connection.get(), m_events.get());
    m_renewals = 0;
    m_seq = 1;
}

void TestLockService::cleanup()
{
    m_service.reset();
    m_events.reset();
    m_connection.reset();
    m_server.reset();
}

bool TestLockService::signIn()
{
    m_connection->open(m_server->url());
    m_connection->login(u"alice"_s, u"alice"_s);
    return QTest::qWaitFor([this] { return m_connection->isOnline(); }, 5000);
}

LockInfo TestLockService::mine(qint64 seq, qint64 expiresIn) const
{
    LockInfo lock;
    lock.recordId = Record;
    lock.held = true;
    lock.holderHandle = u"u_alice"_s;
    lock.holderName = u"ALICE"_s;
    lock.sameUser = true;
    lock.sameSession = true;
    lock.since = m_server->serverTime();
    lock.expiresAt = m_server->serverTime() + expiresIn;
    lock.token = 41;
    lock.seq = seq;
    return lock;
}

LockInfo TestLockService::others(qint64 seq) const
{
    LockInfo lock;
    lock.recordId = Record;
    lock.held = true;
    lock.holderHandle = u"u_bob"_s;
    lock.holderName = u"Bob Baker"_s;
    lock.since = m_server->serverTime();
    lock.expiresAt = m_server->serverTime() + 120'000;
    lock.seq = seq;
    return lock;
}

void TestLockService::grantAndRenew(qint64 ttlMs)
{
    m_server->setLockTtlMs(ttlMs);
    m_server->setHandler([this, ttlMs](QWebSocket *socket, const Request &request) {
        if (request.op == ops::Acquire) {
            m_server->reply(socket, request, {{u"outcome"_s, u"granted"_s}, {u"lock"_s, mine(++m_seq, ttlMs).toJson()}});
            return true;
        }
        if (request.op == ops::Renew) {
            ++m_renewals;
            m_server->reply(socket, request, {{u"lock"_s, mine(++m_seq, ttlMs).toJson()}});
            return true;
        }
        return false;
    });
}

void TestLockService::watchAppliesSnapshot()
{
    LockState *state = m_service->state(Record);
    QCOMPARE(state->status(), Status::Offline); // created before sign-in
    QVERIFY(signIn());
    m_service->watch(Record);
    QTRY_COMPARE(state->status(), Status::Free);
    QCOMPARE(state->seq(), 1);
    QCOMPARE(m_server->requests(ops::Subscribe).size(), 1);
    QCOMPARE(m_service->state(Record), state);
}

void TestLockService::acquireIsPendingThenHeld()
{
    grantAndRenew(120'000);
    QVERIFY(signIn());
    LockState *state = m_service->state(Record);
    m_service->acquire(Record);
    QCOMPARE(state->status(), Status::Pending);
    QTRY_COMPARE(state->status(), Status::HeldByMe);
    QCOMPARE(state->token(), 41);
    QCOMPARE(m_service->heldRecords(), QStringList{Record});
}

void TestLockService::acquireDeniedShowsHolder()
{
    m_server->setHandler([this](QWebSocket *socket, const Request &request) {
        if (request.op != ops::Acquire)
            return false;
        m_server->sendEvent(socket, events::LockDenied, Record, 3, {{u"lock"_s, others(3).toJson()}});
        m_server->replyError(socket, request, ErrorCode::LockHeld, u"held by Bob Baker"_s,
                             {{u"lock"_s, others(3).toJson()}});
        return true;
    });
    QVERIFY(signIn());
    QSignalSpy failed(m_service.get(), &LockService::operationFailed);
    m_service->acquire(Record);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<LockService::Operation>(), LockService::Operation::Acquire);
    QCOMPARE(failed.at(0).at(1).toString(), Record);
    QCOMPARE(failed.at(0).at(2).value<ProtocolError>().code, ErrorCode::LockHeld);
    LockState *state = m_service->state(Record);
    QCOMPARE(state->status(), Status::HeldByOther);
    QCOMPARE(state->holderName(), u"Bob Baker"_s);
}

void TestLockService::acquireOfflineFailsAtOnce()
{
    QSignalSpy failed(m_service.get(), &LockService::operationFailed);
    m_service->acquire(Record);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(2).value<ProtocolError>().code, ErrorCode::Unavailable);
    QCOMPARE(m_service->state(Record)->status(), Status::Offline);
    QCOMPARE(m_server->connectionCount(), 0);
}

void TestLockService::acquireTimeoutRefetchesLock()
{
    // The grant happens, but its reply is lost: only get_lock tells this window that it holds.
    m_server->setHandler([this](QWebSocket *socket, const Request &request) {
        if (request.op == ops::Acquire)
            return true;
        if (request.op != ops::GetLock)
            return false;
        m_server->reply(socket, request, {{u"lock"_s, mine(2, 120'000).toJson()}});
        return true;
    });
    QVERIFY(signIn());
    m_connection->setRequestTimeoutMs(200);
    QSignalSpy failed(m_service.get(), &LockService::operationFailed);
    m_service->acquire(Record);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(2).value<ProtocolError>().message, u"timeout"_s);
    QTRY_COMPARE(m_server->requests(ops::GetLock).size(), 1);
    LockState *state = m_service->state(Record);
    QTRY_COMPARE(state->status(), Status::HeldByMe);
    QCOMPARE(state->token(), 41);
}

void TestLockService::seqGapRefreshes()
{
    m_server->setHandler([this](QWebSocket *socket, const Request &request) {
        if (request.op != ops::GetLock)
            return false;
        m_server->reply(socket, request, {{u"lock"_s, others(6).toJson()}});
        return true;
    });
    QVERIFY(signIn());
    m_service->watch(Record);
    LockState *state = m_service->state(Record);
    QTRY_COMPARE(state->status(), Status::Free);
    // seq 2..4 never arrive.
    m_server->broadcastEvent(events::LockReleased, Record, 5,
                             {{u"lock"_s, QJsonObject{{u"recordId"_s, Record}, {u"state"_s, u"free"_s}, {u"seq"_s, 5}}},
                              {u"reason"_s, u"released"_s}});
    QTRY_COMPARE(m_server->requests(ops::GetLock).size(), 1);
    QTRY_COMPARE(state->status(), Status::HeldByOther);
    QCOMPARE(state->seq(), 6);
}

void TestLockService::reconnectResubscribes()
{
    QVERIFY(signIn());
    m_service->watch(Record);
    m_service->watchAll({u"CU-0001"_s});
    LockState *watched = m_service->state(Record);
    LockState *listed = m_service->state(u"CU-0001"_s);
    QTRY_COMPARE(watched->status(), Status::Free);
    QTRY_COMPARE(listed->status(), Status::Free);
    QCOMPARE(m_server->requests(ops::SubscribeAll).size(), 1);

    QSignalSpy reconnected(m_connection.get(), &Connection::reconnected);
    m_server->abortAll();
    QTRY_COMPARE(watched->status(), Status::Offline);
    QCOMPARE(listed->status(), Status::Offline);
    QTRY_COMPARE(reconnected.count(), 1);
    QTRY_COMPARE(watched->status(), Status::Free);
    QTRY_COMPARE(listed->status(), Status::Free);
    QCOMPARE(m_server->requests(ops::Subscribe).size(), 2);
    QCOMPARE(m_server->requests(ops::SubscribeAll).size(), 2);
}

void TestLockService::releaseLosesLock()
{
    grantAndRenew(120'000);
    QVERIFY(signIn());
    m_service->acquire(Record);
    LockState *state = m_service->state(Record);
    QTRY_COMPARE(state->status(), Status::HeldByMe);
    m_server->setHandler([this](QWebSocket *socket, const Request &request) {
        if (request.op != ops::Release)
            return false;
        if (request.args.value(u"token"_s).toInteger() != 41)
            return false;
        m_server->reply(socket, request,
                        {{u"lock"_s, QJsonObject{{u"recordId"_s, Record}, {u"state"_s, u"free"_s}, {u"seq"_s, ++m_seq}}}});
        return true;
    });
    QSignalSpy lost(state, &LockState::lockLost);
    m_service->release(Record);
    QTRY_COMPARE(state->status(), Status::Free);
    QCOMPARE(lost.count(), 1);
    QCOMPARE(lost.at(0).at(0).toString(), u"released"_s);
}

void TestLockService::renewerRenewsAtThirdOfTtl()
{
    grantAndRenew(900);
    QVERIFY(signIn());
    LockRenewer renewer(m_service.get());
    m_service->acquire(Record);
    LockState *state = m_service->state(Record);
    QTRY_COMPARE(state->status(), Status::HeldByMe);
    QVERIFY(renewer.isRenewing(Record));
    const qint64 next = renewer.nextRenewalInMs(Record);
    QVERIFY2(next > 150 && next <= 400, qPrintable(QString::number(next)));
    // Until the lock has outlived two more TTLs: about 7 renewals at TTL/3, more means too eager.
    const qint64 firstExpiry = state->expiresAt();
    QTRY_VERIFY_WITH_TIMEOUT(state->expiresAt() > firstExpiry + 2 * 900, 5000);
    QVERIFY2(m_renewals >= 6 && m_renewals <= 9, qPrintable(QString::number(m_renewals)));
    QCOMPARE(state->status(), Status::HeldByMe);
    QVERIFY(m_connection->serverClock().msUntil(state->expiresAt()) > 300);
}

void TestLockService::renewerReportsNotHolder()
{
    grantAndRenew(300);
    QVERIFY(signIn());
    LockRenewer renewer(m_service.get());
    m_service->acquire(Record);
    LockState *state = m_service->state(Record);
    QTRY_COMPARE(state->status(), Status::HeldByMe);
    m_server->setHandler([this](QWebSocket *socket, const Request &request) {
        if (request.op != ops::Renew)
            return false;
        ++m_renewals;
        m_server->replyError(socket, request, ErrorCode::NotHolder, u"expired"_s,
                             {{u"lock"_s, QJsonObject{{u"recordId"_s, Record}, {u"state"_s, u"free"_s},
                                                      {u"seq"_s, ++m_seq}}}});
        return true;
    });
    QSignalSpy failed(&renewer, &LockRenewer::renewalFailed);
    QSignalSpy lost(state, &LockState::lockLost);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), Record);
    QCOMPARE(failed.at(0).at(1).value<ProtocolError>().code, ErrorCode::NotHolder);
    QCOMPARE(state->status(), Status::Free);
    QCOMPARE(lost.count(), 1);
    QCOMPARE(lost.at(0).at(0).toString(), u"expired"_s);
    QVERIFY(!renewer.isRenewing(Record));
    QVERIFY(!QTest::qWaitFor([this] { return m_renewals > 1; }, 300));
}

void TestLockService::renewerCopesWithMonthsLongTtl()
{
    // TTL/3 is beyond what a QTimer's int holds; the renewal must still be scheduled.
    const qint64 ttl = 10'000'000'000;
    grantAndRenew(ttl);
    QVERIFY(signIn());
    LockRenewer renewer(m_service.get());
    m_service->acquire(Record);
    QTRY_COMPARE(m_service->state(Record)->status(), Status::HeldByMe);
    QVERIFY(renewer.isRenewing(Record));
    QVERIFY(renewer.nextRenewalInMs(Record) > 0);
    QCOMPARE(m_renewals, 0);
}

void TestLockService::resumedLockIsRenewedAtOnce()
{
    constexpr qint64 ttl = 30'000;
    grantAndRenew(ttl);
    QVERIFY(signIn());
    LockRenewer renewer(m_service.get());
    m_service->acquire(Record);
    LockState *state = m_service->state(Record);
    QTRY_COMPARE(state->status(), Status::HeldByMe);
    QCOMPARE(m_renewals, 0);

    // The resumed lock has 5 s of 30 s left: due long ago by the TTL/3 rule.
    auto handler = [this](QWebSocket *socket, const Request &request) {
        if (request.op == ops::Auth) {
            QJsonObject result = m_server->sessionResult(u"alice"_s, request.args.value(u"sessionId"_s).toString());
            result.insert(u"locks"_s, QJsonArray{mine(m_seq, 5'000).toJson()});
            m_server->reply(socket, request, result);
            return true;
        }
        if (request.op == ops::GetLock) {
            m_server->reply(socket, request, {{u"lock"_s, mine(m_seq, 5'000).toJson()}});
            return true;
        }
        if (request.op == ops::Renew) {
            ++m_renewals;
            m_server->reply(socket, request, {{u"lock"_s, mine(++m_seq, ttl).toJson()}});
            return true;
        }
        return false;
    };
    m_server->setHandler(handler);
    QSignalSpy lost(state, &LockState::lockLost);
    m_server->abortAll();
    QTRY_COMPARE(state->status(), Status::Offline);
    QTRY_COMPARE(m_renewals, 1);
    QCOMPARE(state->status(), Status::HeldByMe);
    QCOMPARE(state->token(), 41);
    QCOMPARE(lost.count(), 0);
    QVERIFY(renewer.nextRenewalInMs(Record) > 5'000);
}

QTEST_GUILESS_MAIN(TestLockService)
#include "tst_lockservice.moc"
