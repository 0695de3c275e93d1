// Durability: locks, tokens, sequence numbers and records survive kill -9 and a restart on the
// same data directory.

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

// Long enough for the holder to come back on a busy machine, short enough to wait out.
constexpr double GraceSeconds = 6;

ServerOptions restartOptions()
{
    ServerOptions options;
    options.orphanGraceSeconds = GraceSeconds;
    return options;
}

} // namespace

class TestRestart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void stateBeforeCrash();
    void crashAndRestart();
    void locksSurviveAsDisconnected();
    void holderResumesWithSameToken();
    void tokensKeepGrowing();
    void abandonedLockIsReleasedAfterGrace();
    void seqNeverGoesBack();
    void cleanShutdownKeepsLocks();

private:
    void noteSeq(const QString &record, qint64 seq);

    ServerProcess m_server{restartOptions()};
    std::unique_ptr<TestClient> m_alice;
    std::unique_ptr<TestClient> m_bob;
    std::unique_ptr<TestClient> m_carol;
    QString m_aliceSession;
    QString m_aliceToken;
    QHash<QString, qint64> m_tokenBeforeCrash;
    QHash<QString, qint64> m_seqBeforeCrash;
    qint64 m_savedVersion = 0;
    qint64 m_restartedAt = 0;

    const QString m_aliceRecord = u"CL-2026-0020"_s;
    const QString m_bobRecord = u"CL-2026-0021"_s;
    const QString m_releasedRecord = u"CL-2026-0022"_s;
};

void TestRestart::noteSeq(const QString &record, qint64 seq)
{
    m_seqBeforeCrash.insert(record, qMax(m_seqBeforeCrash.value(record, 0), seq));
}

void TestRestart::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
}

void TestRestart::stateBeforeCrash()
{
    m_alice = std::make_unique<TestClient>();
    m_bob = std::make_unique<TestClient>();
    m_carol = std::make_unique<TestClient>();
    QVERIFY(m_alice->connectAndLogin(m_server.wsUrl(), u"alice"_s).ok);
    QVERIFY(m_bob->connectAndLogin(m_server.wsUrl(), u"bob"_s).ok);
    QVERIFY(m_carol->connectAndLogin(m_server.wsUrl(), u"carol"_s).ok);
    m_aliceSession = m_alice->sessionId();
    m_aliceToken = m_alice->token();

    const ServerMessage a = m_alice->request(ops::Acquire, recordArg(m_aliceRecord));
    QVERIFY2(a.ok, qPrintable(TestClient::describe(a)));
    m_tokenBeforeCrash.insert(m_aliceRecord, lockOf(a.result).token);
    noteSeq(m_aliceRecord, lockOf(a.result).seq);

    const ServerMessage record = m_alice->request(ops::GetRecord, recordArg(m_aliceRecord));
    QVERIFY(record.ok);
    const qint64 version = record.result.value(u"record"_s).toObject().value(u"version"_s).toInteger();
    const ServerMessage saved = m_alice->request(
        ops::SaveRecord, {{u"recordId"_s, m_aliceRecord}, {u"token"_s, lockOf(a.result).token},
                          {u"version"_s, version}, {u"fields"_s, QJsonObject{{u"status"_s, u"Approved"_s}}}});
    QVERIFY2(saved.ok, qPrintable(TestClient::describe(saved)));
    m_savedVersion = saved.result.value(u"record"_s).toObject().value(u"version"_s).toInteger();
    QCOMPARE(m_savedVersion, version + 1);
    const ServerMessage afterSave = m_alice->request(ops::GetLock, recordArg(m_aliceRecord));
    noteSeq(m_aliceRecord, lockOf(afterSave.result).seq);

    const ServerMessage b = m_bob->request(ops::Acquire, recordArg(m_bobRecord));
    QVERIFY2(b.ok, qPrintable(TestClient::describe(b)));
    m_tokenBeforeCrash.insert(m_bobRecord, lockOf(b.result).token);
    noteSeq(m_bobRecord, lockOf(b.result).seq);

    // A few grants and releases so this record's fence is well above 1.
    for (int i = 0; i < 3; ++i) {
        const ServerMessage c = m_carol->request(ops::Acquire, recordArg(m_releasedRecord));
        QVERIFY2(c.ok, qPrintable(TestClient::describe(c)));
        m_tokenBeforeCrash.insert(m_releasedRecord, lockOf(c.result).token);
        const ServerMessage r = m_carol->request(ops::Release, tokenArgs(m_releasedRecord, lockOf(c.result).token));
        QVERIFY(r.ok);
        noteSeq(m_releasedRecord, lockOf(r.result).seq);
    }
    QVERIFY(m_tokenBeforeCrash.value(m_releasedRecord) >= 3);
}

void TestRestart::crashAndRestart()
{
    const quint16 port = m_server.port();
    m_server.kill9();
    QVERIFY(!m_server.isRunning());
    QVERIFY(m_alice->waitForDisconnected());
    QVERIFY(m_bob->waitForDisconnected());
    QVERIFY(m_carol->waitForDisconnected());

    QVERIFY2(m_server.restart(), qPrintable(m_server.output()));
    QCOMPARE(m_server.port(), port);
    m_carol = std::make_unique<TestClient>();
    const ServerMessage login = m_carol->connectAndLogin(m_server.wsUrl(), u"carol"_s);
    QVERIFY2(login.ok, qPrintable(TestClient::describe(login)));
    m_restartedAt = login.serverTime;
}

void TestRestart::locksSurviveAsDisconnected()
{
    for (const QString &record : {m_aliceRecord, m_bobRecord}) {
        const ServerMessage reply = m_carol->request(ops::Subscribe, recordArg(record));
        QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
        const QJsonObject lockJson = reply.result.value(u"lock"_s).toObject();
        const LockInfo lock = lockOf(reply.result);
        QVERIFY2(lock.held, qPrintable(record));
        QCOMPARE(lock.holderName, record == m_aliceRecord ? u"Alice Archer"_s : u"Bob Baker"_s);
        QCOMPARE(lockJson.value(u"connected"_s).toBool(true), false);
        QVERIFY(lockJson.value(u"orphanDeadline"_s).isDouble());
        // orphanDeadline = restart time + grace.
        QVERIFY(lock.orphanDeadline <= reply.serverTime + qint64(GraceSeconds * 1000));
        QVERIFY(lock.orphanDeadline > m_restartedAt - 15'000 + qint64(GraceSeconds * 1000));
        QVERIFY(lock.seq >= m_seqBeforeCrash.value(record));
    }
    const ServerMessage record = m_carol->request(ops::GetRecord, recordArg(m_aliceRecord));
    QVERIFY(record.ok);
    const QJsonObject recordJson = record.result.value(u"record"_s).toObject();
    QCOMPARE(recordJson.value(u"version"_s).toInteger(), m_savedVersion);
    QCOMPARE(recordJson.value(u"fields"_s).toObject().value(u"status"_s).toString(), u"Approved"_s);

    // Someone else cannot take the orphaned lock during the grace.
    const ServerMessage denied = m_carol->request(ops::Acquire, recordArg(m_aliceRecord));
    QCOMPARE(TestClient::outcome(denied), u"lock_held"_s);
}

void TestRestart::holderResumesWithSameToken()
{
    m_alice = std::make_unique<TestClient>();
    m_alice->setSessionId(m_aliceSession);
    QVERIFY(m_alice->connectTo(m_server.wsUrl()));
    // The session token from before the crash is still valid.
    const ServerMessage reply = m_alice->auth(m_aliceToken);
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    const QJsonArray locks = reply.result.value(u"locks"_s).toArray();
    QCOMPARE(locks.size(), 1);
    const auto lock = LockInfo::fromJson(locks.first().toObject());
    QVERIFY(lock);
    QCOMPARE(lock->recordId, m_aliceRecord);
    QCOMPARE(lock->token, m_tokenBeforeCrash.value(m_aliceRecord));
    QVERIFY(lock->connected);

    ServerMessage presence;
    QVERIFY(m_carol->waitForEvent(events::LockHolderPresence, m_aliceRecord, &presence));
    QVERIFY(lockOf(presence.body).connected);
    QVERIFY(presence.seq > m_seqBeforeCrash.value(m_aliceRecord));

    const ServerMessage renewed = m_alice->request(ops::Renew, tokenArgs(m_aliceRecord, lock->token));
    QVERIFY2(renewed.ok, qPrintable(TestClient::describe(renewed)));
    const ServerMessage released = m_alice->request(ops::Release, tokenArgs(m_aliceRecord, lock->token));
    QVERIFY2(released.ok, qPrintable(TestClient::describe(released)));
}

void TestRestart::tokensKeepGrowing()
{
    for (const QString &record : {m_aliceRecord, m_releasedRecord}) {
        const ServerMessage granted = m_carol->request(ops::Acquire, recordArg(record));
        QVERIFY2(granted.ok, qPrintable(TestClient::describe(granted)));
        const qint64 token = lockOf(granted.result).token;
        QVERIFY2(token > m_tokenBeforeCrash.value(record),
                 qPrintable(u"%1: token %2 after restart, %3 before"_s.arg(record).arg(token)
                                .arg(m_tokenBeforeCrash.value(record))));
        QVERIFY(lockOf(granted.result).seq > m_seqBeforeCrash.value(record));
        QVERIFY(m_carol->request(ops::Release, tokenArgs(record, token)).ok);
    }
}

void TestRestart::abandonedLockIsReleasedAfterGrace()
{
    // Bob never comes back: his lock goes at restart time + grace.
    ServerMessage released;
    QVERIFY2(m_carol->waitForEvent(events::LockReleased, m_bobRecord, &released, int(GraceSeconds * 1000) + 8000),
             "bob's orphaned lock was not released after the restart grace");
    QCOMPARE(released.body.value(u"reason"_s).toString(), u"disconnected"_s);
    QVERIFY(released.seq > m_seqBeforeCrash.value(m_bobRecord));

    const ServerMessage granted = m_carol->request(ops::Acquire, recordArg(m_bobRecord));
    QVERIFY2(granted.ok, qPrintable(TestClient::describe(granted)));
    QVERIFY(lockOf(granted.result).token > m_tokenBeforeCrash.value(m_bobRecord));
}

void TestRestart::seqNeverGoesBack()
{
    QHash<QString, qint64> last = m_seqBeforeCrash;
    int checked = 0;
    for (const ServerMessage &message : m_carol->messages()) {
        if (message.kind != ServerMessage::Kind::Event || !last.contains(message.recordId))
            continue;
        // lock_denied is not broadcast and carries the current value without advancing it.
        if (message.event == events::LockDenied) {
            QVERIFY(message.seq >= last.value(message.recordId));
            continue;
        }
        QVERIFY2(message.seq > last.value(message.recordId),
                 qPrintable(u"%1: seq %2 after %3"_s.arg(message.recordId).arg(message.seq)
                                .arg(last.value(message.recordId))));
        last.insert(message.recordId, message.seq);
        ++checked;
    }
    QVERIFY(checked >= 3);
}

void TestRestart::cleanShutdownKeepsLocks()
{
    const ServerMessage granted = m_carol->request(ops::GetLock, recordArg(m_bobRecord));
    QVERIFY(lockOf(granted.result).sameSession);
    const qint64 token = lockOf(granted.result).token;

    // SIGTERM: a clean exit, and the lock is still there afterwards (now disconnected).
    m_server.stop();
    QVERIFY2(m_server.exitedCleanly(), qPrintable(m_server.output()));
    QVERIFY(m_carol->waitForDisconnected());
    QVERIFY2(m_server.restart(), qPrintable(m_server.output()));
    TestClient observer;
    QVERIFY(observer.connectAndLogin(m_server.wsUrl(), u"alice"_s).ok);
    const LockInfo lock = lockOf(observer.request(ops::GetLock, recordArg(m_bobRecord)).result);
    QVERIFY(lock.held);
    QVERIFY(!lock.connected);
    QCOMPARE(lock.holderName, u"Carol White"_s);
    QVERIFY(token > m_tokenBeforeCrash.value(m_bobRecord));
}

QTEST_GUILESS_MAIN(TestRestart)
#include "tst_restart.moc"
