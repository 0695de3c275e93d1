// The admin override end to end over real WebSockets: who may override, what the displaced holder,
// the watchers and the admin see, and that the displaced session's token is dead afterwards.

#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

#include "protocol/lockinfo.h"
#include "protocol/names.h"
#include "protocolargs.h"
#include "serverdatabase.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

const QString Reason = u"Customer on the phone, needs the address fixed now"_s;

QJsonObject overrideArgs(const QString &recordId, const QString &reason, const QString &expectHolder = {})
{
    QJsonObject args{{u"recordId"_s, recordId}, {u"reason"_s, reason}};
    if (!expectHolder.isNull())
        args.insert(u"expectHolder"_s, expectHolder);
    return args;
}

/// The events of one kind and record received so far.
int countEvents(const TestClient &client, const QString &event, const QString &recordId)
{
    int n = 0;
    for (const ServerMessage &m : client.events()) {
        if (m.event == event && m.recordId == recordId)
            ++n;
    }
    return n;
}

} // namespace

class TestOverride : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void carolOverridesAlice();
    void subscribedTwiceGetsTheEventOnce();
    void orphanedLockIsOverridden();
    void freeLockIsGrantedAndOwnLockRenewed();
    void expectHolderMismatchIsLockChanged();
    void invalidReasonIsRefused_data();
    void invalidReasonIsRefused();
    void reasonIsTrimmed();
    void unknownRecordIsNotFound();
    void demotedAdminIsRefusedAtOnce();

private:
    std::unique_ptr<TestClient> loggedIn(const QString &user);
    /// A ping round trip: every event the server sent this client before it has arrived.
    static bool flush(TestClient &client);
    /// Sets a user's role in the server's database, as `recordlockd user role` does.
    bool setRole(const QString &user, const QString &role);

    ServerProcess m_server;
    std::unique_ptr<TestClient> m_carol;
    QString m_carolHandle;
};

std::unique_ptr<TestClient> TestOverride::loggedIn(const QString &user)
{
    auto client = std::make_unique<TestClient>();
    const ServerMessage reply = client->connectAndLogin(m_server.wsUrl(), user);
    if (!reply.ok) {
        qWarning().noquote() << "login of" << user << "failed:" << TestClient::describe(reply);
        return nullptr;
    }
    return client;
}

bool TestOverride::flush(TestClient &client)
{
    return client.request(ops::Ping).ok;
}

bool TestOverride::setRole(const QString &user, const QString &role)
{
    ServerDatabase database(m_server);
    if (!database.open())
        return false;
    QSqlQuery query(database.db());
    query.prepare(u"UPDATE users SET role = ? WHERE name = ?"_s);
    query.addBindValue(role);
    query.addBindValue(user);
    return query.exec() && query.numRowsAffected() == 1;
}

void TestOverride::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    m_carol = std::make_unique<TestClient>();
    const ServerMessage login = m_carol->connectAndLogin(m_server.wsUrl(), u"carol"_s);
    QVERIFY2(login.ok, qPrintable(TestClient::describe(login)));
    const QJsonObject user = login.result.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"role"_s).toString(), u"admin"_s);
    m_carolHandle = user.value(u"handle"_s).toString();
    QVERIFY(!m_carolHandle.isEmpty());
}

void TestOverride::cleanupTestCase()
{
    m_server.stop();
}

void TestOverride::carolOverridesAlice()
{
    const QString record = u"CL-2026-0012"_s;
    const auto alice = loggedIn(u"alice"_s);
    const auto bob = loggedIn(u"bob"_s);
    QVERIFY(alice && bob);
    // Alice edits without subscribing: the override must reach her window all the same.
    const ServerMessage acquired = alice->request(ops::Acquire, recordArg(record));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo aliceLock = lockOf(acquired.result);
    QVERIFY(bob->request(ops::Subscribe, recordArg(record)).ok);
    const ServerMessage record1 = alice->request(ops::GetRecord, recordArg(record));
    QVERIFY(record1.ok);
    const qint64 version = record1.result.value(u"record"_s).toObject().value(u"version"_s).toInteger();

    // Carol sees Alice as the holder and overrides, naming her.
    const ServerMessage shownReply = m_carol->request(ops::GetLock, recordArg(record));
    const LockInfo shown = lockOf(shownReply.result);
    QCOMPARE(shown.holderName, u"Alice Archer"_s);
    const ServerMessage reply = m_carol->request(ops::Override, overrideArgs(record, Reason, shown.holderHandle));
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(reply.result.value(u"outcome"_s).toString(), u"overridden"_s);
    const LockInfo carolLock = lockOf(reply.result);
    QVERIFY(carolLock.held);
    QCOMPARE(carolLock.holderName, u"Carol White"_s);
    QCOMPARE(carolLock.holderHandle, m_carolHandle);
    QVERIFY(carolLock.sameSession);
    QVERIFY(carolLock.token > aliceLock.token);
    QCOMPARE(carolLock.seq, aliceLock.seq + 1);
    QVERIFY(carolLock.since >= shownReply.serverTime && carolLock.since <= reply.serverTime);
    QVERIFY(carolLock.expiresAt > carolLock.since);

    // Alice's window hears of it, named and with the reason.
    ServerMessage toAlice;
    QVERIFY(alice->waitForEvent(events::LockOverride, record, &toAlice));
    QCOMPARE(toAlice.seq, carolLock.seq);
    const QJsonObject by = toAlice.body.value(u"by"_s).toObject();
    QCOMPARE(by.value(u"displayName"_s).toString(), u"Carol White"_s);
    QCOMPARE(by.value(u"handle"_s).toString(), m_carolHandle);
    QCOMPARE(toAlice.body.value(u"reason"_s).toString(), Reason);
    const QJsonObject previous = toAlice.body.value(u"previousHolder"_s).toObject();
    QCOMPARE(previous.value(u"displayName"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(previous.value(u"sameSession"_s).toBool(false), true);
    QCOMPARE(previous.value(u"sameUser"_s).toBool(false), true);
    const QJsonObject aliceView = toAlice.body.value(u"lock"_s).toObject();
    QCOMPARE(lockOf(toAlice.body).holderName, u"Carol White"_s);
    QVERIFY(!lockOf(toAlice.body).sameSession);
    QVERIFY(!aliceView.contains(u"token"_s));

    // Bob, watching, sees Carol as the holder.
    ServerMessage toBob;
    QVERIFY(bob->waitForEvent(events::LockOverride, record, &toBob));
    QCOMPARE(toBob.seq, carolLock.seq);
    QCOMPARE(lockOf(toBob.body).holderName, u"Carol White"_s);
    QVERIFY(!lockOf(toBob.body).sameUser);
    QVERIFY(!toBob.body.value(u"lock"_s).toObject().contains(u"token"_s));
    QCOMPARE(toBob.body.value(u"previousHolder"_s).toObject().value(u"sameSession"_s).toBool(true), false);
    QCOMPARE(toBob.body.value(u"by"_s).toObject().value(u"displayName"_s).toString(), u"Carol White"_s);
    QCOMPARE(toBob.body.value(u"reason"_s).toString(), Reason);

    // Alice's old token is dead: save, renew and release are refused.
    const ServerMessage save = alice->request(ops::SaveRecord,
                                              QJsonObject{{u"recordId"_s, record},
                                                          {u"token"_s, aliceLock.token},
                                                          {u"version"_s, version},
                                                          {u"fields"_s, QJsonObject{{u"status"_s, u"Closed"_s}}}});
    QCOMPARE(TestClient::outcome(save), u"no_lock"_s);
    QCOMPARE(lockOf(save.error.details).holderName, u"Carol White"_s);
    QCOMPARE(TestClient::outcome(alice->request(ops::Renew, tokenArgs(record, aliceLock.token))), u"not_holder"_s);
    QCOMPARE(TestClient::outcome(alice->request(ops::Release, tokenArgs(record, aliceLock.token))), u"not_holder"_s);
    const ServerMessage after = alice->request(ops::GetRecord, recordArg(record));
    QCOMPARE(after.result.value(u"record"_s).toObject().value(u"version"_s).toInteger(), version);

    // Bob, an editor, tries the same through the protocol: forbidden, and nothing changes.
    QVERIFY(flush(*bob));
    bob->clearEvents();
    const ServerMessage bobTry = bob->request(ops::Override, overrideArgs(record, u"I want it too"_s));
    QCOMPARE(TestClient::outcome(bobTry), u"forbidden"_s);
    QVERIFY(flush(*bob));
    QVERIFY(bob->events().isEmpty());
    const LockInfo still = lockOf(m_carol->request(ops::GetLock, recordArg(record)).result);
    QCOMPARE(still.holderName, u"Carol White"_s);
    QCOMPARE(still.token, carolLock.token);
    QCOMPARE(still.seq, carolLock.seq);

    QVERIFY(m_carol->request(ops::Release, tokenArgs(record, carolLock.token)).ok);
}

void TestOverride::subscribedTwiceGetsTheEventOnce()
{
    const QString record = u"CL-2026-0013"_s;
    const auto alice = loggedIn(u"alice"_s);
    QVERIFY(alice);
    QVERIFY(alice->request(ops::Subscribe, recordArg(record)).ok);
    QVERIFY(alice->request(ops::SubscribeAll).ok);
    QVERIFY(alice->request(ops::Acquire, recordArg(record)).ok);

    const ServerMessage reply = m_carol->request(ops::Override, overrideArgs(record, Reason));
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QVERIFY(alice->waitForEvent(events::LockOverride, record));
    QVERIFY(flush(*alice));
    QCOMPARE(countEvents(*alice, events::LockOverride, record), 1);
    QVERIFY(m_carol->request(ops::Release, tokenArgs(record, lockOf(reply.result).token)).ok);
}

void TestOverride::orphanedLockIsOverridden()
{
    const QString record = u"CL-2026-0014"_s;
    auto alice = loggedIn(u"alice"_s);
    QVERIFY(alice);
    const QString aliceSession = alice->sessionId();
    const QString aliceToken = alice->token();
    QVERIFY(alice->request(ops::Acquire, recordArg(record)).ok);
    alice->abort();
    QTRY_VERIFY_WITH_TIMEOUT(!lockOf(m_carol->request(ops::GetLock, recordArg(record)).result).connected, 5000);

    const ServerMessage reply = m_carol->request(ops::Override, overrideArgs(record, Reason));
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(reply.result.value(u"outcome"_s).toString(), u"overridden"_s);
    QVERIFY(lockOf(reply.result).connected);

    // Alice's window returns within the grace and finds no lock to resume.
    TestClient back;
    back.setSessionId(aliceSession);
    QVERIFY(back.connectTo(m_server.wsUrl()));
    const ServerMessage auth = back.auth(aliceToken, aliceSession);
    QVERIFY2(auth.ok, qPrintable(TestClient::describe(auth)));
    QVERIFY(auth.result.value(u"locks"_s).toArray().isEmpty());
    QCOMPARE(lockOf(back.request(ops::GetLock, recordArg(record)).result).holderName, u"Carol White"_s);
    QVERIFY(m_carol->request(ops::Release, tokenArgs(record, lockOf(reply.result).token)).ok);
}

void TestOverride::freeLockIsGrantedAndOwnLockRenewed()
{
    const QString record = u"CL-2026-0015"_s;
    const ServerMessage granted = m_carol->request(ops::Override, overrideArgs(record, Reason));
    QVERIFY2(granted.ok, qPrintable(TestClient::describe(granted)));
    QCOMPARE(granted.result.value(u"outcome"_s).toString(), u"granted"_s);
    const LockInfo first = lockOf(granted.result);
    QVERIFY(first.token > 0);

    const ServerMessage renewed = m_carol->request(ops::Override, overrideArgs(record, Reason, m_carolHandle));
    QVERIFY2(renewed.ok, qPrintable(TestClient::describe(renewed)));
    QCOMPARE(renewed.result.value(u"outcome"_s).toString(), u"renewed"_s);
    QCOMPARE(lockOf(renewed.result).token, first.token);
    QCOMPARE(lockOf(renewed.result).since, first.since);
    QVERIFY(m_carol->request(ops::Release, tokenArgs(record, first.token)).ok);
}

void TestOverride::expectHolderMismatchIsLockChanged()
{
    const QString record = u"CL-2026-0016"_s;
    const auto alice = loggedIn(u"alice"_s);
    const auto bob = loggedIn(u"bob"_s);
    QVERIFY(alice && bob);
    const QString aliceHandle = lockOf(alice->request(ops::Acquire, recordArg(u"CL-2026-0017"_s)).result).holderHandle;
    QVERIFY(!aliceHandle.isEmpty());

    // Free, though the admin expected Alice.
    const ServerMessage onFree = m_carol->request(ops::Override, overrideArgs(record, Reason, aliceHandle));
    QCOMPARE(TestClient::outcome(onFree), u"lock_changed"_s);
    QVERIFY(onFree.error.details.contains(u"lock"_s));
    QVERIFY(!lockOf(onFree.error.details).held);
    QVERIFY(!lockOf(m_carol->request(ops::GetLock, recordArg(record)).result).held);

    // Bob took it meanwhile.
    const ServerMessage bobHas = bob->request(ops::Acquire, recordArg(record));
    QVERIFY(bobHas.ok);
    QVERIFY(bob->request(ops::Subscribe, recordArg(record)).ok);
    bob->clearEvents();
    const ServerMessage changed = m_carol->request(ops::Override, overrideArgs(record, Reason, aliceHandle));
    QCOMPARE(TestClient::outcome(changed), u"lock_changed"_s);
    const LockInfo current = lockOf(changed.error.details);
    QCOMPARE(current.holderName, u"Bob Baker"_s);
    QVERIFY(!current.sameSession);
    QVERIFY(!changed.error.details.value(u"lock"_s).toObject().contains(u"token"_s));
    // Nothing changed: Bob still holds it with his token, and heard nothing.
    QVERIFY(bob->request(ops::Renew, tokenArgs(record, lockOf(bobHas.result).token)).ok);
    QVERIFY(flush(*bob));
    QCOMPARE(countEvents(*bob, events::LockOverride, record), 0);
    QVERIFY(bob->request(ops::Release, tokenArgs(record, lockOf(bobHas.result).token)).ok);
}

void TestOverride::invalidReasonIsRefused_data()
{
    QTest::addColumn<QJsonValue>("reason");
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("not a string") << QJsonValue(42);
    QTest::newRow("empty") << QJsonValue(u""_s);
    QTest::newRow("two characters padded") << QJsonValue(u"   ab   "_s);
    QTest::newRow("501 characters") << QJsonValue(QString(501, u'x'));
}

void TestOverride::invalidReasonIsRefused()
{
    QFETCH(QJsonValue, reason);
    const QString record = u"CL-2026-0018"_s;
    const auto alice = loggedIn(u"alice"_s);
    QVERIFY(alice);
    const ServerMessage held = alice->request(ops::Acquire, recordArg(record));
    QVERIFY(held.ok);
    QJsonObject args{{u"recordId"_s, record}};
    if (!reason.isUndefined())
        args.insert(u"reason"_s, reason);
    const ServerMessage reply = m_carol->request(ops::Override, args);
    QCOMPARE(TestClient::outcome(reply), u"invalid_argument"_s);
    QCOMPARE(reply.error.details.value(u"field"_s).toString(), u"reason"_s);
    QCOMPARE(lockOf(m_carol->request(ops::GetLock, recordArg(record)).result).holderName, u"Alice Archer"_s);
    QVERIFY(alice->request(ops::Release, tokenArgs(record, lockOf(held.result).token)).ok);
}

void TestOverride::reasonIsTrimmed()
{
    const QString record = u"CL-2026-0019"_s;
    const auto alice = loggedIn(u"alice"_s);
    QVERIFY(alice);
    QVERIFY(alice->request(ops::Acquire, recordArg(record)).ok);
    // Exactly the longest reason once trimmed, padded with blanks and a newline.
    const QString longest(500, u'r');
    const ServerMessage reply = m_carol->request(ops::Override, overrideArgs(record, u"  \n"_s + longest + u"\t "_s));
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    ServerMessage event;
    QVERIFY(alice->waitForEvent(events::LockOverride, record, &event));
    QCOMPARE(event.body.value(u"reason"_s).toString(), longest);
    QVERIFY(m_carol->request(ops::Release, tokenArgs(record, lockOf(reply.result).token)).ok);
}

void TestOverride::unknownRecordIsNotFound()
{
    QCOMPARE(TestClient::outcome(m_carol->request(ops::Override, overrideArgs(u"NO-SUCH-RECORD"_s, Reason))),
             u"not_found"_s);
    const ServerMessage badId = m_carol->request(ops::Override, overrideArgs(u"not a record id"_s, Reason));
    QCOMPARE(TestClient::outcome(badId), u"invalid_argument"_s);
    QCOMPARE(badId.error.details.value(u"field"_s).toString(), u"recordId"_s);
}

void TestOverride::demotedAdminIsRefusedAtOnce()
{
    const QString record = u"CL-2026-0020"_s;
    const auto alice = loggedIn(u"alice"_s);
    QVERIFY(alice);
    const ServerMessage held = alice->request(ops::Acquire, recordArg(record));
    QVERIFY(held.ok);

    // Carol stays signed in; only the account's role changes.
    QVERIFY(setRole(u"carol"_s, u"editor"_s));
    const ServerMessage refused = m_carol->request(ops::Override, overrideArgs(record, Reason));
    const bool promoted = setRole(u"carol"_s, u"admin"_s);
    QCOMPARE(TestClient::outcome(refused), u"forbidden"_s);
    QVERIFY(promoted);
    const LockInfo still = lockOf(alice->request(ops::GetLock, recordArg(record)).result);
    QCOMPARE(still.holderName, u"Alice Archer"_s);
    QCOMPARE(still.token, lockOf(held.result).token);
    QCOMPARE(still.seq, lockOf(held.result).seq);
    QVERIFY(alice->request(ops::Renew, tokenArgs(record, lockOf(held.result).token)).ok);

    // And promoted again, the same connection may override at once.
    const ServerMessage allowed = m_carol->request(ops::Override, overrideArgs(record, Reason));
    QVERIFY2(allowed.ok, qPrintable(TestClient::describe(allowed)));
    QCOMPARE(allowed.result.value(u"outcome"_s).toString(), u"overridden"_s);
    QVERIFY(m_carol->request(ops::Release, tokenArgs(record, lockOf(allowed.result).token)).ok);
}

QTEST_GUILESS_MAIN(TestOverride)
#include "tst_override.moc"
