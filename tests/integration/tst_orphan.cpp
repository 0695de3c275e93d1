// Orphan grace: a holder whose connection drops keeps its locks for a while, can resume them with
// the same tokens, and loses them when the grace runs out.

#include <memory>

#include <QHash>
#include <QJsonArray>
#include <QTest>

#include "protocol/lockinfo.h"
#include "protocol/names.h"
#include "protocolargs.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

constexpr int ReleaseWaitMs = 8000;

} // namespace

class TestOrphan : public QObject
{
    Q_OBJECT

private slots:
    void releasedWhenGraceRunsOut_data();
    void releasedWhenGraceRunsOut();
    void resumeWithinGrace_data();
    void resumeWithinGrace();
    void takeoverKeepsLocksConnected();

private:
    /// A server with a long TTL and the given orphan grace.
    std::unique_ptr<ServerProcess> startServer(double graceSeconds);
};

std::unique_ptr<ServerProcess> TestOrphan::startServer(double graceSeconds)
{
    ServerOptions options;
    options.orphanGraceSeconds = graceSeconds;
    auto server = std::make_unique<ServerProcess>(options);
    if (!server->start()) {
        qWarning().noquote() << server->output();
        return nullptr;
    }
    return server;
}

void TestOrphan::releasedWhenGraceRunsOut_data()
{
    QTest::addColumn<bool>("abort");
    QTest::newRow("connection lost") << true;
    QTest::newRow("closed without logout") << false;
}

void TestOrphan::releasedWhenGraceRunsOut()
{
    QFETCH(bool, abort);
    const auto server = startServer(1);
    QVERIFY(server);
    const QString record = u"C-1010"_s;
    TestClient holder;
    TestClient watcher;
    QVERIFY(holder.connectAndLogin(server->wsUrl(), u"alice"_s).ok);
    QVERIFY(watcher.connectAndLogin(server->wsUrl(), u"bob"_s).ok);
    QVERIFY(watcher.request(ops::Subscribe, recordArg(record)).ok);
    const ServerMessage acquired = holder.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo granted = lockOf(acquired.result);
    QVERIFY(watcher.waitForEvent(events::LockAcquired, record));

    if (abort)
        holder.abort();
    else
        holder.close();

    ServerMessage presence;
    QVERIFY(watcher.waitForEvent(events::LockHolderPresence, record, &presence));
    const QJsonObject presenceLock = presence.body.value(u"lock"_s).toObject();
    const LockInfo orphaned = lockOf(presence.body);
    QVERIFY(orphaned.held);
    QCOMPARE(presenceLock.value(u"connected"_s).toBool(true), false);
    QVERIFY(presenceLock.value(u"orphanDeadline"_s).isDouble());
    QVERIFY2(orphaned.orphanDeadline > presence.serverTime && orphaned.orphanDeadline <= presence.serverTime + 1000,
             qPrintable(u"deadline %1, now %2"_s.arg(orphaned.orphanDeadline).arg(presence.serverTime)));
    QCOMPARE(presence.seq, granted.seq + 1);

    // Still held (disconnected) for anyone who asks during the grace.
    const ServerMessage during = watcher.request(ops::GetLock, recordArg(record));
    QVERIFY(during.ok);
    if (during.serverTime < orphaned.orphanDeadline) {
        QVERIFY(lockOf(during.result).held);
        QVERIFY(!lockOf(during.result).connected);
    }

    ServerMessage released;
    QVERIFY2(watcher.waitForEvent(events::LockReleased, record, &released, ReleaseWaitMs),
             "the orphaned lock was not released after the grace");
    QCOMPARE(released.body.value(u"reason"_s).toString(), u"disconnected"_s);
    QVERIFY(released.serverTime >= orphaned.orphanDeadline);
    QCOMPARE(released.seq, presence.seq + 1);
    QCOMPARE(released.body.value(u"previousHolder"_s).toObject().value(u"displayName"_s).toString(),
             u"Alice Archer"_s);
    QVERIFY(!lockOf(watcher.request(ops::GetLock, recordArg(record)).result).held);

    // Free for others, with a larger token.
    const ServerMessage next = watcher.request(ops::Acquire, recordArg(record));
    QVERIFY2(next.ok, qPrintable(TestClient::describe(next)));
    QVERIFY(lockOf(next.result).token > granted.token);
}

void TestOrphan::resumeWithinGrace_data()
{
    QTest::addColumn<bool>("viaLogin");
    QTest::newRow("auth") << false;
    QTest::newRow("login") << true;
}

void TestOrphan::resumeWithinGrace()
{
    QFETCH(bool, viaLogin);
    constexpr double GraceSeconds = 3;
    const auto server = startServer(GraceSeconds);
    QVERIFY(server);
    const QStringList records{u"C-1011"_s, u"CL-2026-0011"_s};
    TestClient holder;
    TestClient watcher;
    QVERIFY(holder.connectAndLogin(server->wsUrl(), u"alice"_s).ok);
    QVERIFY(watcher.connectAndLogin(server->wsUrl(), u"bob"_s).ok);
    QHash<QString, LockInfo> granted;
    for (const QString &record : records) {
        QVERIFY(watcher.request(ops::Subscribe, recordArg(record)).ok);
        const ServerMessage acquired = holder.request(ops::Acquire, recordArg(record));
        QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
        granted.insert(record, lockOf(acquired.result));
    }

    holder.abort();
    ServerMessage gone;
    QVERIFY(watcher.waitForEvent(events::LockHolderPresence, records.first(), &gone));
    QVERIFY(!lockOf(gone.body).connected);
    const qint64 orphanDeadline = lockOf(gone.body).orphanDeadline;

    // The same window (session id) comes back on a new connection.
    TestClient resumed;
    resumed.setSessionId(holder.sessionId());
    QVERIFY(resumed.connectTo(server->wsUrl()));
    const ServerMessage reply = viaLogin ? resumed.login(u"alice"_s) : resumed.auth(holder.token());
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    const QJsonArray locks = reply.result.value(u"locks"_s).toArray();
    QCOMPARE(locks.size(), records.size());
    for (const QJsonValue &value : locks) {
        const auto lock = LockInfo::fromJson(value.toObject());
        QVERIFY(lock);
        QVERIFY(granted.contains(lock->recordId));
        QCOMPARE(lock->token, granted.value(lock->recordId).token);
        QVERIFY(lock->sameSession);
        QVERIFY(lock->connected);
    }

    ServerMessage back;
    QVERIFY(watcher.waitForEvent(events::LockHolderPresence, records.first(), &back));
    QVERIFY(lockOf(back.body).connected);
    QVERIFY(!back.body.value(u"lock"_s).toObject().contains(u"orphanDeadline"_s));
    QCOMPARE(back.seq, gone.seq + 1);

    // The resumed session holds on with the old token, past the old orphan deadline.
    const QString record = records.first();
    const ServerMessage renewed = resumed.request(ops::Renew, tokenArgs(record, granted.value(record).token));
    QVERIFY2(renewed.ok, qPrintable(TestClient::describe(renewed)));
    QVERIFY(QTest::qWaitFor([&] { return resumed.request(ops::Ping).serverTime > orphanDeadline + 300; },
                            int(GraceSeconds * 1000) + 5000));
    QVERIFY(!watcher.waitForEvent(events::LockReleased, {}, nullptr, 0));
    const LockInfo after = lockOf(resumed.request(ops::GetLock, recordArg(record)).result);
    QVERIFY(after.held && after.sameSession && after.connected);
    QCOMPARE(after.token, granted.value(record).token);
}

void TestOrphan::takeoverKeepsLocksConnected()
{
    // A newer connection of the same session is not a disconnect: with a 1 s grace, a lock
    // wrongly orphaned by the takeover would be gone long before the checks below.
    const auto server = startServer(1);
    QVERIFY(server);
    const QString record = u"C-1012"_s;
    TestClient holder;
    TestClient watcher;
    QVERIFY(holder.connectAndLogin(server->wsUrl(), u"alice"_s).ok);
    QVERIFY(watcher.connectAndLogin(server->wsUrl(), u"bob"_s).ok);
    QVERIFY(watcher.request(ops::Subscribe, recordArg(record)).ok);
    const ServerMessage acquired = holder.request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo granted = lockOf(acquired.result);
    QVERIFY(watcher.waitForEvent(events::LockAcquired, record));

    TestClient newer;
    newer.setSessionId(holder.sessionId());
    QVERIFY(newer.connectTo(server->wsUrl()));
    const ServerMessage reply = newer.auth(holder.token());
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QVERIFY(holder.waitForDisconnected());
    QCOMPARE(holder.closeCode(), 4000);
    const QJsonArray locks = reply.result.value(u"locks"_s).toArray();
    QCOMPARE(locks.size(), 1);
    QCOMPARE(LockInfo::fromJson(locks.first().toObject()).value_or(LockInfo{}).token, granted.token);

    QVERIFY(QTest::qWaitFor([&] { return newer.request(ops::Ping).serverTime > reply.serverTime + 1500; }, 8000));
    const LockInfo after = lockOf(newer.request(ops::GetLock, recordArg(record)).result);
    QVERIFY(after.held && after.sameSession && after.connected);
    QCOMPARE(after.token, granted.token);
    QVERIFY(!watcher.waitForEvent(events::LockReleased, record, nullptr, 0));
    const ServerMessage renewed = newer.request(ops::Renew, tokenArgs(record, granted.token));
    QVERIFY2(renewed.ok, qPrintable(TestClient::describe(renewed)));
}

QTEST_GUILESS_MAIN(TestOrphan)
#include "tst_orphan.moc"
