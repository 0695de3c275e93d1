// Listing, reading and saving records, and every reason a save is refused.

#include <algorithm>

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

QJsonObject saveArgs(const QString &recordId, qint64 token, qint64 version, const QJsonObject &fields)
{
    return {{u"recordId"_s, recordId}, {u"token"_s, token}, {u"version"_s, version}, {u"fields"_s, fields}};
}

QStringList idsOf(const ServerMessage &list)
{
    QStringList ids;
    for (const QJsonValue &value : list.result.value(u"records"_s).toArray())
        ids << value.toObject().value(u"id"_s).toString();
    return ids;
}

} // namespace

class TestRecords : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listAll();
    void listByType_data();
    void listByType();
    void listByQuery_data();
    void listByQuery();
    void listPaging_data();
    void listPaging();
    void getRecord_data();
    void getRecord();
    void saveSucceeds();
    void saveWithoutLockIsRefused();
    void saveWithStaleTokenIsRefused();
    void saveWithStaleVersionIsRefused();
    void saveUnknownRecordIsNotFound();

private:
    /// Checks that a refused save left the record, its seq and the watcher's events unchanged.
    void verifyUnchanged(const QString &recordId, const ServerMessage &before);

    ServerProcess m_server;
    TestClient m_alice;
    TestClient m_bob;
    TestClient m_watcher;
    ServerMessage m_all;
};

void TestRecords::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    QVERIFY(m_alice.connectAndLogin(m_server.wsUrl(), u"alice"_s).ok);
    QVERIFY(m_bob.connectAndLogin(m_server.wsUrl(), u"bob"_s).ok);
    QVERIFY(m_watcher.connectAndLogin(m_server.wsUrl(), u"carol"_s).ok);
    m_all = m_alice.request(ops::ListRecords);
    QVERIFY2(m_all.ok, qPrintable(TestClient::describe(m_all)));
}

void TestRecords::listAll()
{
    const QJsonArray records = m_all.result.value(u"records"_s).toArray();
    QVERIFY(records.size() >= 50);
    QCOMPARE(m_all.result.value(u"total"_s).toInteger(), records.size());
    const QStringList ids = idsOf(m_all);
    QVERIFY(std::is_sorted(ids.cbegin(), ids.cend()));
    QVERIFY(ids.contains(u"C-1001"_s));
    QVERIFY(ids.contains(u"CL-2026-0001"_s));
    for (const QJsonValue &value : records) {
        const QJsonObject record = value.toObject();
        QVERIFY(!record.value(u"id"_s).toString().isEmpty());
        const QString type = record.value(u"type"_s).toString();
        QVERIFY2(type == u"customer" || type == u"claim", qPrintable(type));
        QVERIFY(!record.value(u"title"_s).toString().isEmpty());
        QVERIFY(record.value(u"version"_s).toInteger() >= 1);
        QVERIFY(record.value(u"updatedAt"_s).isDouble());
        QVERIFY(record.value(u"updatedBy"_s).isString());
        QVERIFY2(!record.contains(u"fields"_s), "list results carry no fields");
        const auto lock = LockInfo::fromJson(record.value(u"lock"_s).toObject());
        QVERIFY(lock);
        QCOMPARE(lock->recordId, record.value(u"id"_s).toString());
    }
}

void TestRecords::listByType_data()
{
    QTest::addColumn<QString>("type");
    QTest::newRow("customer") << u"customer"_s;
    QTest::newRow("claim") << u"claim"_s;
}

void TestRecords::listByType()
{
    QFETCH(QString, type);
    QStringList expected;
    for (const QJsonValue &value : m_all.result.value(u"records"_s).toArray()) {
        if (value.toObject().value(u"type"_s).toString() == type)
            expected << value.toObject().value(u"id"_s).toString();
    }
    QVERIFY(expected.size() >= 20);
    const ServerMessage reply = m_alice.request(ops::ListRecords, {{u"type"_s, type}});
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(idsOf(reply), expected);
    QCOMPARE(reply.result.value(u"total"_s).toInteger(), expected.size());
}

void TestRecords::listByQuery_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("atLeast");
    QTest::newRow("title, other case") << u"ELM STREET"_s << QString() << 1;
    QTest::newRow("id prefix, lower case") << u"cl-2026-000"_s << QString() << 9;
    QTest::newRow("id with type") << u"1"_s << u"customer"_s << 10;
    QTest::newRow("percent is literal") << u"%"_s << QString() << 0;
    QTest::newRow("underscore is literal") << u"_"_s << QString() << 0;
    QTest::newRow("no match") << u"zzzz-no-such-thing"_s << QString() << 0;
}

void TestRecords::listByQuery()
{
    QFETCH(QString, query);
    QFETCH(QString, type);
    QFETCH(int, atLeast);
    QStringList expected;
    for (const QJsonValue &value : m_all.result.value(u"records"_s).toArray()) {
        const QJsonObject record = value.toObject();
        const bool typeMatches = type.isEmpty() || record.value(u"type"_s).toString() == type;
        const bool textMatches = record.value(u"title"_s).toString().contains(query, Qt::CaseInsensitive)
                                 || record.value(u"id"_s).toString().contains(query, Qt::CaseInsensitive);
        if (typeMatches && textMatches)
            expected << record.value(u"id"_s).toString();
    }
    QVERIFY(expected.size() >= atLeast);
    QJsonObject args{{u"query"_s, query}};
    if (!type.isEmpty())
        args.insert(u"type"_s, type);
    const ServerMessage reply = m_alice.request(ops::ListRecords, args);
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(idsOf(reply), expected);
    QCOMPARE(reply.result.value(u"total"_s).toInteger(), expected.size());
}

void TestRecords::listPaging_data()
{
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("limit");
    QTest::newRow("middle") << 10 << 5;
    QTest::newRow("first") << 0 << 1;
    QTest::newRow("tail") << 45 << 100;
    QTest::newRow("past the end") << 1000 << 10;
}

void TestRecords::listPaging()
{
    QFETCH(int, offset);
    QFETCH(int, limit);
    const QStringList all = idsOf(m_all);
    const ServerMessage reply = m_alice.request(ops::ListRecords, {{u"offset"_s, offset}, {u"limit"_s, limit}});
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(idsOf(reply), all.mid(offset, limit));
    QCOMPARE(reply.result.value(u"total"_s).toInteger(), all.size());
}

void TestRecords::getRecord_data()
{
    QTest::addColumn<QString>("recordId");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("fieldNames");
    QTest::newRow("customer") << u"C-1001"_s << u"customer"_s
                              << QStringList{u"title"_s, u"company"_s, u"email"_s, u"phone"_s, u"address"_s,
                                             u"segment"_s, u"notes"_s};
    QTest::newRow("claim") << u"CL-2026-0001"_s << u"claim"_s
                           << QStringList{u"title"_s, u"claimNumber"_s, u"policyNumber"_s, u"claimant"_s,
                                          u"status"_s, u"amount"_s, u"incidentDate"_s, u"adjuster"_s,
                                          u"description"_s};
}

void TestRecords::getRecord()
{
    QFETCH(QString, recordId);
    QFETCH(QString, type);
    QFETCH(QStringList, fieldNames);
    const ServerMessage reply = m_alice.request(ops::GetRecord, recordArg(recordId));
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    const QJsonObject record = reply.result.value(u"record"_s).toObject();
    QCOMPARE(record.value(u"id"_s).toString(), recordId);
    QCOMPARE(record.value(u"type"_s).toString(), type);
    QVERIFY(record.value(u"version"_s).toInteger() >= 1);
    const QJsonObject fields = record.value(u"fields"_s).toObject();
    for (const QString &name : fieldNames) {
        QVERIFY2(fields.value(name).isString(), qPrintable(name));
        QVERIFY2(!fields.value(name).toString().isEmpty(), qPrintable(name));
    }
    QCOMPARE(record.value(u"title"_s).toString(), fields.value(u"title"_s).toString());
    QCOMPARE(lockOf(reply.result).recordId, recordId);

    const ServerMessage missing = m_alice.request(ops::GetRecord, recordArg(u"NOPE-404"_s));
    QCOMPARE(TestClient::outcome(missing), u"not_found"_s);
}

void TestRecords::saveSucceeds()
{
    const QString recordId = u"C-1007"_s;
    QVERIFY(m_watcher.request(ops::Subscribe, recordArg(recordId)).ok);
    QVERIFY(m_alice.request(ops::Subscribe, recordArg(recordId)).ok);
    const ServerMessage acquired = m_alice.request(ops::Acquire, recordArg(recordId));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const LockInfo lock = lockOf(acquired.result);
    const ServerMessage before = m_alice.request(ops::GetRecord, recordArg(recordId));
    const QJsonObject oldRecord = before.result.value(u"record"_s).toObject();
    const qint64 version = oldRecord.value(u"version"_s).toInteger();
    const QJsonObject oldFields = oldRecord.value(u"fields"_s).toObject();

    const QJsonObject changes{{u"notes"_s, u"Called back on Tuesday; wants a new quote."_s},
                              {u"phone"_s, u"+49 30 5550 0000"_s}};
    const qsizetype messagesBefore = m_alice.messages().size();
    const ServerMessage saved = m_alice.request(ops::SaveRecord, saveArgs(recordId, lock.token, version, changes));
    QVERIFY2(saved.ok, qPrintable(TestClient::describe(saved)));
    const QJsonObject newRecord = saved.result.value(u"record"_s).toObject();
    QCOMPARE(newRecord.value(u"version"_s).toInteger(), version + 1);
    QCOMPARE(newRecord.value(u"updatedBy"_s).toString(), u"Alice Archer"_s);
    QVERIFY(newRecord.value(u"updatedAt"_s).toInteger() >= acquired.serverTime);
    QJsonObject expectedFields = oldFields;
    for (auto it = changes.begin(); it != changes.end(); ++it)
        expectedFields.insert(it.key(), it.value());
    QCOMPARE(newRecord.value(u"fields"_s).toObject(), expectedFields);

    // Persisted.
    const ServerMessage reread = m_bob.request(ops::GetRecord, recordArg(recordId));
    QCOMPARE(reread.result.value(u"record"_s).toObject().value(u"fields"_s).toObject(), expectedFields);
    QCOMPARE(reread.result.value(u"record"_s).toObject().value(u"version"_s).toInteger(), version + 1);

    // The watcher gets only the changed fields, seq +1 after the grant.
    ServerMessage updated;
    QVERIFY(m_watcher.waitForEvent(events::RecordUpdated, recordId, &updated));
    QCOMPARE(updated.seq, lock.seq + 1);
    const QJsonObject eventRecord = updated.body.value(u"record"_s).toObject();
    QCOMPARE(eventRecord.value(u"id"_s).toString(), recordId);
    QCOMPARE(eventRecord.value(u"version"_s).toInteger(), version + 1);
    QCOMPARE(eventRecord.value(u"fields"_s).toObject(), changes);
    QStringList changed;
    for (const QJsonValue &name : updated.body.value(u"changedFields"_s).toArray())
        changed << name.toString();
    changed.sort();
    QCOMPARE(changed, (QStringList{u"notes"_s, u"phone"_s}));

    // The saver's own subscription gets the event too, before the reply.
    const QList<ServerMessage> order = m_alice.messages().mid(messagesBefore);
    QVERIFY(order.size() >= 2);
    QCOMPARE(order.at(0).event, QString(events::RecordUpdated));
    QCOMPARE(order.at(1).kind, ServerMessage::Kind::Reply);

    // The list shows the new version too.
    const ServerMessage list = m_bob.request(ops::ListRecords, {{u"query"_s, recordId}});
    QCOMPARE(list.result.value(u"records"_s).toArray().first().toObject().value(u"version"_s).toInteger(),
             version + 1);
    QVERIFY(m_alice.request(ops::Release, tokenArgs(recordId, lock.token)).ok);
}

void TestRecords::verifyUnchanged(const QString &recordId, const ServerMessage &before)
{
    const ServerMessage after = m_watcher.request(ops::GetRecord, recordArg(recordId));
    QVERIFY(after.ok);
    QCOMPARE(after.result.value(u"record"_s).toObject(), before.result.value(u"record"_s).toObject());
    QCOMPARE(lockOf(after.result).seq, lockOf(before.result).seq);
    QVERIFY(!m_watcher.waitForEvent(events::RecordUpdated, recordId, nullptr, 0));
}

void TestRecords::saveWithoutLockIsRefused()
{
    const QString recordId = u"C-1008"_s;
    QVERIFY(m_watcher.request(ops::Subscribe, recordArg(recordId)).ok);
    const ServerMessage before = m_watcher.request(ops::GetRecord, recordArg(recordId));
    const qint64 version = before.result.value(u"record"_s).toObject().value(u"version"_s).toInteger();
    const QJsonObject changes{{u"notes"_s, u"sneaky"_s}};

    // Nobody holds it.
    const ServerMessage free = m_bob.request(ops::SaveRecord, saveArgs(recordId, 1, version, changes));
    QCOMPARE(TestClient::outcome(free), u"no_lock"_s);
    QVERIFY(free.error.details.value(u"lock"_s).isObject());
    QVERIFY(!lockOf(free.error.details).held);
    verifyUnchanged(recordId, before);

    // Someone else holds it, even with that holder's token.
    const ServerMessage acquired = m_alice.request(ops::Acquire, recordArg(recordId));
    QVERIFY(acquired.ok);
    const qint64 token = lockOf(acquired.result).token;
    const ServerMessage heldBefore = m_watcher.request(ops::GetRecord, recordArg(recordId));
    const ServerMessage other = m_bob.request(ops::SaveRecord, saveArgs(recordId, token, version, changes));
    QCOMPARE(TestClient::outcome(other), u"no_lock"_s);
    QCOMPARE(lockOf(other.error.details).holderName, u"Alice Archer"_s);
    verifyUnchanged(recordId, heldBefore);
    QVERIFY(m_alice.request(ops::Release, tokenArgs(recordId, token)).ok);
}

void TestRecords::saveWithStaleTokenIsRefused()
{
    const QString recordId = u"CL-2026-0007"_s;
    QVERIFY(m_watcher.request(ops::Subscribe, recordArg(recordId)).ok);
    const QJsonObject changes{{u"status"_s, u"Paid"_s}};

    // Re-grant: released and acquired again, the first token is stale.
    const ServerMessage first = m_alice.request(ops::Acquire, recordArg(recordId));
    QVERIFY(first.ok);
    const qint64 oldToken = lockOf(first.result).token;
    QVERIFY(m_alice.request(ops::Release, tokenArgs(recordId, oldToken)).ok);
    const ServerMessage second = m_alice.request(ops::Acquire, recordArg(recordId));
    QVERIFY(second.ok);
    const qint64 newToken = lockOf(second.result).token;
    QVERIFY(newToken > oldToken);
    const ServerMessage before = m_watcher.request(ops::GetRecord, recordArg(recordId));
    const qint64 version = before.result.value(u"record"_s).toObject().value(u"version"_s).toInteger();
    const ServerMessage regrant = m_alice.request(ops::SaveRecord, saveArgs(recordId, oldToken, version, changes));
    QCOMPARE(TestClient::outcome(regrant), u"stale_token"_s);
    verifyUnchanged(recordId, before);

    // Switch: the lock moved to alice's other window; the first window's token is stale there.
    TestClient otherWindow;
    QVERIFY(otherWindow.connectAndLogin(m_server.wsUrl(), u"alice"_s).ok);
    const ServerMessage switched = otherWindow.request(
        ops::Acquire, {{u"recordId"_s, recordId}, {u"switchSession"_s, true}});
    QVERIFY2(switched.ok, qPrintable(TestClient::describe(switched)));
    QCOMPARE(switched.result.value(u"outcome"_s).toString(), u"switched"_s);
    const qint64 switchedToken = lockOf(switched.result).token;
    QVERIFY(switchedToken > newToken);
    m_watcher.clearEvents();
    const ServerMessage afterSwitch = m_watcher.request(ops::GetRecord, recordArg(recordId));
    const ServerMessage stale = otherWindow.request(ops::SaveRecord, saveArgs(recordId, newToken, version, changes));
    QCOMPARE(TestClient::outcome(stale), u"stale_token"_s);
    verifyUnchanged(recordId, afterSwitch);
    // The first window no longer holds the lock at all.
    const ServerMessage lost = m_alice.request(ops::SaveRecord, saveArgs(recordId, newToken, version, changes));
    QCOMPARE(TestClient::outcome(lost), u"no_lock"_s);
    verifyUnchanged(recordId, afterSwitch);

    // With the current token the save goes through.
    const ServerMessage ok = otherWindow.request(ops::SaveRecord, saveArgs(recordId, switchedToken, version, changes));
    QVERIFY2(ok.ok, qPrintable(TestClient::describe(ok)));
    QVERIFY(otherWindow.request(ops::Release, tokenArgs(recordId, switchedToken)).ok);
}

void TestRecords::saveWithStaleVersionIsRefused()
{
    const QString recordId = u"CL-2026-0008"_s;
    QVERIFY(m_watcher.request(ops::Subscribe, recordArg(recordId)).ok);
    const ServerMessage acquired = m_bob.request(ops::Acquire, recordArg(recordId));
    QVERIFY(acquired.ok);
    const qint64 token = lockOf(acquired.result).token;
    const qint64 version = m_bob.request(ops::GetRecord, recordArg(recordId))
                               .result.value(u"record"_s).toObject().value(u"version"_s).toInteger();
    const ServerMessage saved = m_bob.request(ops::SaveRecord,
                                              saveArgs(recordId, token, version, {{u"amount"_s, u"1.00 EUR"_s}}));
    QVERIFY2(saved.ok, qPrintable(TestClient::describe(saved)));
    QVERIFY(m_watcher.waitForEvent(events::RecordUpdated, recordId));

    const ServerMessage before = m_watcher.request(ops::GetRecord, recordArg(recordId));
    const ServerMessage stale = m_bob.request(ops::SaveRecord,
                                              saveArgs(recordId, token, version, {{u"amount"_s, u"2.00 EUR"_s}}));
    QCOMPARE(TestClient::outcome(stale), u"stale_version"_s);
    QCOMPARE(stale.error.details.value(u"currentVersion"_s).toInteger(), version + 1);
    verifyUnchanged(recordId, before);
    QCOMPARE(before.result.value(u"record"_s).toObject().value(u"fields"_s).toObject()
                 .value(u"amount"_s).toString(), u"1.00 EUR"_s);
    QVERIFY(m_bob.request(ops::Release, tokenArgs(recordId, token)).ok);
}

void TestRecords::saveUnknownRecordIsNotFound()
{
    const ServerMessage reply = m_alice.request(ops::SaveRecord,
                                                saveArgs(u"NOPE-404"_s, 1, 1, {{u"notes"_s, u"x"_s}}));
    QCOMPARE(TestClient::outcome(reply), u"not_found"_s);
}

QTEST_GUILESS_MAIN(TestRecords)
#include "tst_records.moc"
