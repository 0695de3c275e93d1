// get_history: a record's lock history from the audit trail, newest first, paged by id, for
// admins only.

#include <memory>

#include <QJsonArray>
#include <QJsonObject>
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

const QString Reason = u"Customer on the phone, needs the address fixed now"_s;

QJsonObject historyArgs(const QString &recordId, qint64 limit = 0, qint64 before = 0)
{
    QJsonObject args{{u"recordId"_s, recordId}};
    if (limit > 0)
        args.insert(u"limit"_s, limit);
    if (before > 0)
        args.insert(u"before"_s, before);
    return args;
}

QStringList actionsOf(const QJsonArray &entries)
{
    QStringList actions;
    for (const QJsonValue &e : entries)
        actions << e.toObject().value(u"action"_s).toString();
    return actions;
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void newestFirstWithNamesReasonsAndTokens();
    void pagesWithBeforeAndMore();
    void logoutAndDisconnectAreRecorded();
    void editorIsForbidden();
    void unknownRecordIsNotFound();
    void invalidArguments_data();
    void invalidArguments();

private:
    std::unique_ptr<TestClient> loggedIn(const QString &user);
    /// get_history as Carol; fails the test (empty array) when refused.
    QJsonArray history(const QString &recordId);

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<TestClient> m_carol;
    /// The record every paging test reads; filled by the first test.
    const QString m_record = u"C-1005"_s;
};

std::unique_ptr<TestClient> TestHistory::loggedIn(const QString &user)
{
    auto client = std::make_unique<TestClient>();
    const ServerMessage reply = client->connectAndLogin(m_server->wsUrl(), user);
    if (!reply.ok) {
        qWarning().noquote() << "login of" << user << "failed:" << TestClient::describe(reply);
        return nullptr;
    }
    return client;
}

QJsonArray TestHistory::history(const QString &recordId)
{
    const ServerMessage reply = m_carol->request(ops::GetHistory, historyArgs(recordId));
    if (!reply.ok) {
        qWarning().noquote() << "get_history failed:" << TestClient::describe(reply);
        return {};
    }
    return reply.result.value(u"entries"_s).toArray();
}

void TestHistory::initTestCase()
{
    // A short orphan grace lets the "disconnected" entry appear within the test.
    ServerOptions options;
    options.orphanGraceSeconds = 0.5;
    m_server = std::make_unique<ServerProcess>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    m_carol = loggedIn(u"carol"_s);
    QVERIFY(m_carol);
}

void TestHistory::cleanupTestCase()
{
    m_server->stop();
}

void TestHistory::newestFirstWithNamesReasonsAndTokens()
{
    const auto alice = loggedIn(u"alice"_s);
    const auto bob = loggedIn(u"bob"_s);
    QVERIFY(alice && bob);
    QVERIFY(history(m_record).isEmpty());

    // acquired, saved, released by Alice; acquired by Bob; overridden by Carol.
    const ServerMessage a = alice->request(ops::Acquire, recordArg(m_record));
    QVERIFY(a.ok);
    const qint64 aliceToken = lockOf(a.result).token;
    const ServerMessage record = alice->request(ops::GetRecord, recordArg(m_record));
    const qint64 version = record.result.value(u"record"_s).toObject().value(u"version"_s).toInteger();
    const ServerMessage saved = alice->request(
        ops::SaveRecord, QJsonObject{{u"recordId"_s, m_record},
                                     {u"token"_s, aliceToken},
                                     {u"version"_s, version},
                                     {u"fields"_s, QJsonObject{{u"notes"_s, u"Called back."_s}}}});
    QVERIFY2(saved.ok, qPrintable(TestClient::describe(saved)));
    QVERIFY(alice->request(ops::Release, tokenArgs(m_record, aliceToken)).ok);
    const ServerMessage b = bob->request(ops::Acquire, recordArg(m_record));
    QVERIFY(b.ok);
    const qint64 bobToken = lockOf(b.result).token;
    const QString padded = u"  "_s + Reason + u" "_s;
    const ServerMessage o =
        m_carol->request(ops::Override, QJsonObject{{u"recordId"_s, m_record}, {u"reason"_s, padded}});
    QVERIFY2(o.ok, qPrintable(TestClient::describe(o)));
    const qint64 carolToken = lockOf(o.result).token;
    QVERIFY(m_carol->request(ops::Release, tokenArgs(m_record, carolToken)).ok);

    const ServerMessage reply = m_carol->request(ops::GetHistory, historyArgs(m_record));
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(reply.result.value(u"more"_s).toBool(true), false);
    const QJsonArray entries = reply.result.value(u"entries"_s).toArray();
    QCOMPARE(actionsOf(entries), (QStringList{u"released"_s, u"overridden"_s, u"acquired"_s, u"released"_s,
                                              u"saved"_s, u"acquired"_s}));
    qint64 previousId = 0;
    qint64 previousAt = 0;
    for (const QJsonValue &value : entries) {
        const QJsonObject e = value.toObject();
        QVERIFY(e.value(u"id"_s).isDouble());
        QVERIFY(e.value(u"at"_s).isDouble());
        QVERIFY(e.value(u"token"_s).isDouble());
        QVERIFY(e.value(u"actor"_s).isString());
        QVERIFY(e.value(u"subject"_s).isString());
        QVERIFY(e.value(u"reason"_s).isString());
        const qint64 id = e.value(u"id"_s).toInteger();
        const qint64 at = e.value(u"at"_s).toInteger();
        if (previousId != 0) {
            QVERIFY(id < previousId);
            QVERIFY(at <= previousAt);
        }
        QVERIFY(at > 0 && at <= reply.serverTime);
        previousId = id;
        previousAt = at;
    }
    const QJsonObject overridden = entries.at(1).toObject();
    QCOMPARE(overridden.value(u"actor"_s).toString(), u"Carol White"_s);
    QCOMPARE(overridden.value(u"subject"_s).toString(), u"Bob Baker"_s);
    QCOMPARE(overridden.value(u"reason"_s).toString(), Reason);
    QCOMPARE(overridden.value(u"token"_s).toInteger(), carolToken);
    QVERIFY(overridden.value(u"at"_s).toInteger() >= lockOf(o.result).since);
    QVERIFY(overridden.value(u"at"_s).toInteger() <= o.serverTime);
    const QJsonObject bobAcquired = entries.at(2).toObject();
    QCOMPARE(bobAcquired.value(u"actor"_s).toString(), u"Bob Baker"_s);
    QCOMPARE(bobAcquired.value(u"subject"_s).toString(), QString());
    QCOMPARE(bobAcquired.value(u"token"_s).toInteger(), bobToken);
    const QJsonObject aliceReleased = entries.at(3).toObject();
    QCOMPARE(aliceReleased.value(u"actor"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(aliceReleased.value(u"subject"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(aliceReleased.value(u"reason"_s).toString(), QString());
    QCOMPARE(aliceReleased.value(u"token"_s).toInteger(), aliceToken);
    const QJsonObject aliceSaved = entries.at(4).toObject();
    QCOMPARE(aliceSaved.value(u"actor"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(aliceSaved.value(u"token"_s).toInteger(), aliceToken);
    QCOMPARE(entries.at(5).toObject().value(u"token"_s).toInteger(), aliceToken);
}

void TestHistory::pagesWithBeforeAndMore()
{
    const QJsonArray all = history(m_record);
    QCOMPARE(all.size(), 6);

    QJsonArray paged;
    qint64 before = 0;
    int pages = 0;
    bool more = true;
    while (more && pages < 10) { // bounded: six entries in pages of four take two
        const ServerMessage reply = m_carol->request(ops::GetHistory, historyArgs(m_record, 4, before));
        QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
        const QJsonArray entries = reply.result.value(u"entries"_s).toArray();
        QVERIFY(entries.size() <= 4);
        for (const QJsonValue &e : entries) {
            if (before > 0)
                QVERIFY(e.toObject().value(u"id"_s).toInteger() < before);
            paged.append(e);
        }
        more = reply.result.value(u"more"_s).toBool(false);
        if (!entries.isEmpty())
            before = entries.last().toObject().value(u"id"_s).toInteger();
        ++pages;
    }
    QCOMPARE(pages, 2);
    QCOMPARE(paged, all);

    // Nothing before the oldest entry.
    const ServerMessage none = m_carol->request(ops::GetHistory, historyArgs(m_record, 4, before));
    QVERIFY(none.ok);
    QVERIFY(none.result.value(u"entries"_s).toArray().isEmpty());
    QCOMPARE(none.result.value(u"more"_s).toBool(true), false);
}

void TestHistory::logoutAndDisconnectAreRecorded()
{
    const QString loggedOut = u"C-1006"_s;
    const QString dropped = u"C-1007"_s;
    auto alice = loggedIn(u"alice"_s);
    QVERIFY(alice);
    const qint64 token = lockOf(alice->request(ops::Acquire, recordArg(loggedOut)).result).token;
    QVERIFY(alice->request(ops::Logout).ok);

    const QJsonArray afterLogout = history(loggedOut);
    QCOMPARE(actionsOf(afterLogout), (QStringList{u"logout"_s, u"acquired"_s}));
    const QJsonObject logout = afterLogout.first().toObject();
    QCOMPARE(logout.value(u"actor"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(logout.value(u"subject"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(logout.value(u"reason"_s).toString(), QString());
    QCOMPARE(logout.value(u"token"_s).toInteger(), token);

    // The orphan grace runs out: the server did it, so the actor is empty.
    auto bob = loggedIn(u"bob"_s);
    QVERIFY(bob);
    QVERIFY(bob->request(ops::Acquire, recordArg(dropped)).ok);
    bob->abort();
    QTRY_COMPARE_WITH_TIMEOUT(actionsOf(history(dropped)), (QStringList{u"disconnected"_s, u"acquired"_s}), 8000);
    const QJsonObject disconnected = history(dropped).first().toObject();
    QCOMPARE(disconnected.value(u"actor"_s).toString(), QString());
    QCOMPARE(disconnected.value(u"subject"_s).toString(), u"Bob Baker"_s);
}

void TestHistory::editorIsForbidden()
{
    const auto bob = loggedIn(u"bob"_s);
    QVERIFY(bob);
    const ServerMessage reply = bob->request(ops::GetHistory, historyArgs(m_record));
    QCOMPARE(TestClient::outcome(reply), u"forbidden"_s);
    QVERIFY(!reply.result.contains(u"entries"_s));
}

void TestHistory::unknownRecordIsNotFound()
{
    QCOMPARE(TestClient::outcome(m_carol->request(ops::GetHistory, historyArgs(u"NO-SUCH-RECORD"_s))),
             u"not_found"_s);
}

void TestHistory::invalidArguments_data()
{
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<QString>("field");
    const QString r = u"recordId"_s;
    QTest::newRow("no record") << QJsonObject{} << r;
    QTest::newRow("bad record id") << QJsonObject{{r, u"a b"_s}} << r;
    QTest::newRow("limit 0") << QJsonObject{{r, m_record}, {u"limit"_s, 0}} << u"limit"_s;
    QTest::newRow("limit 501") << QJsonObject{{r, m_record}, {u"limit"_s, 501}} << u"limit"_s;
    QTest::newRow("limit text") << QJsonObject{{r, m_record}, {u"limit"_s, u"10"_s}} << u"limit"_s;
    QTest::newRow("limit fraction") << QJsonObject{{r, m_record}, {u"limit"_s, 1.5}} << u"limit"_s;
    QTest::newRow("before 0") << QJsonObject{{r, m_record}, {u"before"_s, 0}} << u"before"_s;
    QTest::newRow("before text") << QJsonObject{{r, m_record}, {u"before"_s, u"5"_s}} << u"before"_s;
}

void TestHistory::invalidArguments()
{
    QFETCH(QJsonObject, args);
    QFETCH(QString, field);
    const ServerMessage reply = m_carol->request(ops::GetHistory, args);
    QCOMPARE(TestClient::outcome(reply), u"invalid_argument"_s);
    QCOMPARE(reply.error.details.value(u"field"_s).toString(), field);
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
