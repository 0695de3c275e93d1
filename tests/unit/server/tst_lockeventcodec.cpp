#include <QTest>

#include "protocol/names.h"
#include "server/lockeventcodec.h"
#include "server/redisendpoint.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

/// The messages instances exchange over Redis Pub/Sub, and the Redis URLs recordlockd accepts;
/// plain code, no sockets.
class TestLockEventCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryField();
    void recordUpdatedKeepsRecordAndFields();
    void malformedMessagesAreRefused_data();
    void malformedMessagesAreRefused();
    void redisUrlsParse();
    void badRedisUrlsAreRefused_data();
    void badRedisUrlsAreRefused();
};

void TestLockEventCodec::roundTripKeepsEveryField()
{
    const LockRow row{u"CL-1"_s, 7, 12, true, u"s-2"_s, 42, u"Ann Ö"_s, u"u_ann"_s, 1000, 2000, false, 1500, 7, u"instance-9"_s};
    const LockHolder previous{u"s-1"_s, 41, u"Bob"_s, u"u_bob"_s};
    const LockHolder admin{u"s-3"_s, 3, u"Carol"_s, u"u_carol"_s};
    const LockEvent event{QString(events::LockOverride), row, previous, u"phone call"_s, admin, {}, {}};
    const QByteArray bytes = LockEventCodec::encode(u"instance-1"_s, {event});
    const std::optional<LockEventCodec::Message> decoded = LockEventCodec::decode(bytes);
    QVERIFY(decoded);
    QCOMPARE(decoded->instanceId, u"instance-1"_s);
    QCOMPARE(decoded->events.size(), 1);
    const LockEvent &back = decoded->events.at(0);
    QCOMPARE(back.event, QString(events::LockOverride));
    QCOMPARE(back.lock.recordId, row.recordId);
    QCOMPARE(back.lock.fence, row.fence);
    QCOMPARE(back.lock.seq, row.seq);
    QCOMPARE(back.lock.held, row.held);
    QCOMPARE(back.lock.sessionId, row.sessionId);
    QCOMPARE(back.lock.userId, row.userId);
    QCOMPARE(back.lock.holderName, row.holderName);
    QCOMPARE(back.lock.holderHandle, row.holderHandle);
    QCOMPARE(back.lock.since, row.since);
    QCOMPARE(back.lock.expiresAt, row.expiresAt);
    QCOMPARE(back.lock.connected, row.connected);
    QCOMPARE(back.lock.orphanDeadline, row.orphanDeadline);
    QCOMPARE(back.lock.token, row.token);
    QCOMPARE(back.lock.via, row.via);
    QVERIFY(back.previousHolder);
    QCOMPARE(back.previousHolder->sessionId, previous.sessionId);
    QCOMPARE(back.previousHolder->userId, previous.userId);
    QCOMPARE(back.reason, u"phone call"_s);
    QVERIFY(back.by);
    QCOMPARE(back.by->handle, admin.handle);
    QCOMPARE(back.by->displayName, admin.displayName);
}

void TestLockEventCodec::recordUpdatedKeepsRecordAndFields()
{
    LockRow row;
    row.recordId = u"CL-1"_s;
    row.seq = 3;
    const QJsonObject record{{u"id"_s, u"CL-1"_s}, {u"version"_s, 4}, {u"fields"_s, QJsonObject{{u"a"_s, u"x"_s}}}};
    const LockEvent saved{QString(events::RecordUpdated), row, std::nullopt, QString(), std::nullopt, record,
                          {u"a"_s}};
    const LockEvent released{QString(events::LockReleased), row, std::nullopt, u"released"_s, std::nullopt, {}, {}};
    const std::optional<LockEventCodec::Message> decoded =
        LockEventCodec::decode(LockEventCodec::encode(u"i"_s, {saved, released}));
    QVERIFY(decoded);
    QCOMPARE(decoded->events.size(), 2);
    QCOMPARE(decoded->events.at(0).record, record);
    QCOMPARE(decoded->events.at(0).changedFields, QStringList{u"a"_s});
    QVERIFY(!decoded->events.at(0).previousHolder);
    QVERIFY(!decoded->events.at(0).lock.held);
    QCOMPARE(decoded->events.at(1).reason, u"released"_s);
    QVERIFY(decoded->events.at(1).record.isEmpty());
}

void TestLockEventCodec::malformedMessagesAreRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("not json") << QByteArray("a\n{nope");
    QTest::newRow("array") << QByteArray("a\n[]");
    QTest::newRow("no sender") << QByteArray(R"({"events":[]})");
    QTest::newRow("empty sender") << QByteArray("\n{\"events\":[]}");
    QTest::newRow("events not a list") << QByteArray("a\n{\"events\":{}}");
    QTest::newRow("event without lock") << QByteArray("a\n{\"events\":[{\"event\":\"lock_acquired\"}]}");
    QTest::newRow("event without name") << QByteArray("a\n{\"events\":[{\"lock\":{\"recordId\":\"X\"}}]}");
    QTest::newRow("lock without record") << QByteArray("a\n{\"events\":[{\"event\":\"e\",\"lock\":{}}]}");
}

void TestLockEventCodec::malformedMessagesAreRefused()
{
    QFETCH(QByteArray, bytes);
    QVERIFY(!LockEventCodec::decode(bytes));
}

void TestLockEventCodec::redisUrlsParse()
{
    QString error;
    std::optional<RedisEndpoint> tcp = RedisEndpoint::parse(u"redis://:s3cret@10.0.0.5:6380/2"_s, &error);
    QVERIFY2(tcp, qPrintable(error));
    QCOMPARE(tcp->host, u"10.0.0.5"_s);
    QCOMPARE(tcp->port, 6380);
    QCOMPARE(tcp->database, 2);
    QCOMPARE(tcp->password, u"s3cret"_s);
    QVERIFY(!tcp->display().contains(u"s3cret"_s));
    std::optional<RedisEndpoint> plain = RedisEndpoint::parse(u"redis://localhost"_s, &error);
    QVERIFY(plain);
    QCOMPARE(plain->port, 6379);
    QCOMPARE(plain->database, 0);
    std::optional<RedisEndpoint> unix = RedisEndpoint::parse(u"unix:///run/redis/redis.sock?db=3"_s, &error);
    QVERIFY(unix);
    QCOMPARE(unix->socketPath, u"/run/redis/redis.sock"_s);
    QCOMPARE(unix->database, 3);
}

void TestLockEventCodec::badRedisUrlsAreRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("other scheme") << u"http://127.0.0.1:6379"_s;
    QTest::newRow("no host") << u"redis:///0"_s;
    QTest::newRow("database not a number") << u"redis://127.0.0.1/abc"_s;
    QTest::newRow("negative database") << u"redis://127.0.0.1/-1"_s;
    QTest::newRow("unix without path") << u"unix://"_s;
}

void TestLockEventCodec::badRedisUrlsAreRefused()
{
    QFETCH(QString, url);
    QString error;
    QVERIFY(!RedisEndpoint::parse(url, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestLockEventCodec)
#include "tst_lockeventcodec.moc"
