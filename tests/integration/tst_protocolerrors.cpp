// Malformed and invalid requests, oversized and binary messages, and the HTTP health check.

#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

#include "protocol/names.h"
#include "serverprocess.h"
#include "testbackend.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

constexpr qsizetype MaxMessageBytes = 65'536;

/// A ping request padded with an ignored member to exactly size bytes.
QByteArray paddedPing(qsizetype size)
{
    const QByteArray head = R"({"id":"padded","op":"ping","padding":")";
    const QByteArray tail = R"("})";
    return head + QByteArray(size - head.size() - tail.size(), 'x') + tail;
}

} // namespace

class TestProtocolErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void unreadableRequests_data();
    void unreadableRequests();
    void invalidRequests_data();
    void invalidRequests();
    void stringIdIsEchoed();
    void unknownOp();
    void invalidArgumentsBeforeLogin_data();
    void invalidArgumentsBeforeLogin();
    void invalidArguments_data();
    void invalidArguments();
    void largestMessageIsAccepted();
    void oversizedMessageClosesOnlyThatConnection();
    void binaryFrameCloses();
    void healthz();

private:
    /// The reply to one raw message sent on the shared connection.
    ServerMessage rawExchange(const QByteArray &text);

    ServerProcess m_server;
    TestClient m_client;
};

void TestProtocolErrors::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    QVERIFY(m_client.connectAndLogin(m_server.wsUrl(), u"alice"_s).ok);
}

ServerMessage TestProtocolErrors::rawExchange(const QByteArray &text)
{
    m_client.sendRaw(text);
    return m_client.waitForNextReply();
}

void TestProtocolErrors::unreadableRequests_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("malformed JSON") << QByteArray(R"({"id":1,"op":"ping")");
    QTest::newRow("not JSON") << QByteArray("hello");
    QTest::newRow("array") << QByteArray(R"([{"id":1,"op":"ping"}])");
    QTest::newRow("string") << QByteArray(R"("ping")");
    QTest::newRow("number") << QByteArray("42");
    QTest::newRow("empty") << QByteArray("");
}

void TestProtocolErrors::unreadableRequests()
{
    QFETCH(QByteArray, text);
    const ServerMessage reply = rawExchange(text);
    QCOMPARE(TestClient::outcome(reply), u"bad_request"_s);
    QVERIFY2(reply.id.isNull(), "the reply id must be null");
    QVERIFY(reply.serverTime > 0);
    QVERIFY(m_client.isConnected());
    QVERIFY(m_client.request(ops::Ping).ok);
}

void TestProtocolErrors::invalidRequests_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QJsonValue>("expectedId");
    QTest::newRow("missing id") << QByteArray(R"({"op":"ping"})") << QJsonValue(QJsonValue::Null);
    QTest::newRow("id is bool") << QByteArray(R"({"id":true,"op":"ping"})") << QJsonValue(QJsonValue::Null);
    QTest::newRow("id is object") << QByteArray(R"({"id":{},"op":"ping"})") << QJsonValue(QJsonValue::Null);
    QTest::newRow("id is fraction") << QByteArray(R"({"id":1.5,"op":"ping"})") << QJsonValue(QJsonValue::Null);
    QTest::newRow("id is empty string") << QByteArray(R"({"id":"","op":"ping"})") << QJsonValue(QJsonValue::Null);
    QTest::newRow("id too long") << (R"({"id":")" + QByteArray(65, 'a') + R"(","op":"ping"})")
                                 << QJsonValue(QJsonValue::Null);
    QTest::newRow("missing op") << QByteArray(R"({"id":501})") << QJsonValue(501);
    QTest::newRow("op is number") << QByteArray(R"({"id":502,"op":7})") << QJsonValue(502);
    QTest::newRow("op is empty") << QByteArray(R"({"id":"x-503","op":""})") << QJsonValue(u"x-503"_s);
}

void TestProtocolErrors::invalidRequests()
{
    QFETCH(QByteArray, text);
    QFETCH(QJsonValue, expectedId);
    const ServerMessage reply = rawExchange(text);
    QCOMPARE(TestClient::outcome(reply), u"invalid_request"_s);
    // A readable id is echoed; an unreadable one is null.
    QCOMPARE(reply.id, expectedId);
    QVERIFY(m_client.request(ops::Ping).ok);
}

void TestProtocolErrors::stringIdIsEchoed()
{
    const ServerMessage reply = rawExchange(R"({"id":"req-\u00e9-1","op":"ping"})");
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(reply.id.toString(), u"req-\u00e9-1"_s);
    const ServerMessage big = rawExchange(R"({"id":9007199254740992,"op":"ping"})");
    QVERIFY2(big.ok, qPrintable(TestClient::describe(big)));
    QCOMPARE(big.id.toInteger(), 9007199254740992LL);
}

void TestProtocolErrors::unknownOp()
{
    const ServerMessage reply = m_client.request(u"teleport");
    QCOMPARE(TestClient::outcome(reply), u"unknown_op"_s);
    QCOMPARE(reply.error.details.value(u"op"_s).toString(), u"teleport"_s);
    QVERIFY(m_client.request(ops::Ping).ok);
}

void TestProtocolErrors::invalidArgumentsBeforeLogin_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<QString>("field");
    QTest::newRow("login without user")
        << u"login"_s << QJsonObject{{u"password"_s, u"alice"_s}, {u"sessionId"_s, u"session-12345"_s}} << u"user"_s;
    QTest::newRow("login with numeric password")
        << u"login"_s << QJsonObject{{u"user"_s, u"alice"_s}, {u"password"_s, 5}, {u"sessionId"_s, u"session-12345"_s}}
        << u"password"_s;
    QTest::newRow("login without session")
        << u"login"_s << QJsonObject{{u"user"_s, u"alice"_s}, {u"password"_s, u"alice"_s}} << u"sessionId"_s;
    QTest::newRow("login with short session")
        << u"login"_s << QJsonObject{{u"user"_s, u"alice"_s}, {u"password"_s, u"alice"_s}, {u"sessionId"_s, u"abc"_s}}
        << u"sessionId"_s;
    QTest::newRow("login with bad session characters")
        << u"login"_s
        << QJsonObject{{u"user"_s, u"alice"_s}, {u"password"_s, u"alice"_s}, {u"sessionId"_s, u"session id with spaces"_s}}
        << u"sessionId"_s;
    QTest::newRow("auth without token") << u"auth"_s << QJsonObject{{u"sessionId"_s, u"session-12345"_s}} << u"token"_s;
}

void TestProtocolErrors::invalidArgumentsBeforeLogin()
{
    QFETCH(QString, op);
    QFETCH(QJsonObject, args);
    QFETCH(QString, field);
    TestClient fresh;
    QVERIFY(fresh.connectTo(m_server.wsUrl()));
    const ServerMessage reply = fresh.request(op, args);
    QCOMPARE(TestClient::outcome(reply), u"invalid_argument"_s);
    QCOMPARE(reply.error.details.value(u"field"_s).toString(), field);
    QVERIFY(fresh.isConnected());
    QVERIFY(fresh.login(u"alice"_s).ok);
}

void TestProtocolErrors::invalidArguments_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<QString>("field");
    const QString r = u"recordId"_s;
    QTest::newRow("acquire without recordId") << u"acquire"_s << QJsonObject{} << r;
    QTest::newRow("acquire recordId number") << u"acquire"_s << QJsonObject{{r, 42}} << r;
    QTest::newRow("acquire recordId empty") << u"acquire"_s << QJsonObject{{r, u""_s}} << r;
    QTest::newRow("acquire recordId too long") << u"acquire"_s << QJsonObject{{r, QString(129, u'a')}} << r;
    QTest::newRow("acquire recordId bad characters") << u"acquire"_s << QJsonObject{{r, u"C 1001/x"_s}} << r;
    QTest::newRow("acquire switchSession string")
        << u"acquire"_s << QJsonObject{{r, u"C-1001"_s}, {u"switchSession"_s, u"yes"_s}} << u"switchSession"_s;
    QTest::newRow("renew without token") << u"renew"_s << QJsonObject{{r, u"C-1001"_s}} << u"token"_s;
    QTest::newRow("renew token string") << u"renew"_s << QJsonObject{{r, u"C-1001"_s}, {u"token"_s, u"7"_s}}
                                        << u"token"_s;
    QTest::newRow("release token fraction") << u"release"_s << QJsonObject{{r, u"C-1001"_s}, {u"token"_s, 1.5}}
                                            << u"token"_s;
    QTest::newRow("get_lock without recordId") << u"get_lock"_s << QJsonObject{} << r;
    QTest::newRow("get_record recordId bool") << u"get_record"_s << QJsonObject{{r, true}} << r;
    QTest::newRow("subscribe without recordId") << u"subscribe"_s << QJsonObject{} << r;
    QTest::newRow("list type unknown") << u"list_records"_s << QJsonObject{{u"type"_s, u"vehicle"_s}} << u"type"_s;
    QTest::newRow("list type empty") << u"list_records"_s << QJsonObject{{u"type"_s, u""_s}} << u"type"_s;
    QTest::newRow("list limit zero") << u"list_records"_s << QJsonObject{{u"limit"_s, 0}} << u"limit"_s;
    QTest::newRow("list limit too big") << u"list_records"_s << QJsonObject{{u"limit"_s, 10001}} << u"limit"_s;
    QTest::newRow("list offset negative") << u"list_records"_s << QJsonObject{{u"offset"_s, -1}} << u"offset"_s;
    QTest::newRow("list offset string") << u"list_records"_s << QJsonObject{{u"offset"_s, u"3"_s}} << u"offset"_s;
    QTest::newRow("list query too long") << u"list_records"_s << QJsonObject{{u"query"_s, QString(201, u'q')}}
                                         << u"query"_s;
    const QJsonObject fields{{u"notes"_s, u"x"_s}};
    QTest::newRow("save without version")
        << u"save_record"_s << QJsonObject{{r, u"C-1001"_s}, {u"token"_s, 1}, {u"fields"_s, fields}} << u"version"_s;
    QTest::newRow("save version string")
        << u"save_record"_s
        << QJsonObject{{r, u"C-1001"_s}, {u"token"_s, 1}, {u"version"_s, u"1"_s}, {u"fields"_s, fields}}
        << u"version"_s;
    QTest::newRow("save without token")
        << u"save_record"_s << QJsonObject{{r, u"C-1001"_s}, {u"version"_s, 1}, {u"fields"_s, fields}} << u"token"_s;
    QTest::newRow("save fields array")
        << u"save_record"_s
        << QJsonObject{{r, u"C-1001"_s}, {u"token"_s, 1}, {u"version"_s, 1}, {u"fields"_s, QJsonArray{u"x"_s}}}
        << u"fields"_s;
    QTest::newRow("save field value number")
        << u"save_record"_s
        << QJsonObject{{r, u"C-1001"_s}, {u"token"_s, 1}, {u"version"_s, 1},
                       {u"fields"_s, QJsonObject{{u"notes"_s, 5}}}}
        << u"fields"_s;
    QTest::newRow("save field name invalid")
        << u"save_record"_s
        << QJsonObject{{r, u"C-1001"_s}, {u"token"_s, 1}, {u"version"_s, 1},
                       {u"fields"_s, QJsonObject{{u"1notes"_s, u"x"_s}}}}
        << u"fields"_s;
    QTest::newRow("renew token zero") << u"renew"_s << QJsonObject{{r, u"C-1001"_s}, {u"token"_s, 0}} << u"token"_s;
    QTest::newRow("save field value too long")
        << u"save_record"_s
        << QJsonObject{{r, u"C-1001"_s}, {u"token"_s, 1}, {u"version"_s, 1},
                       {u"fields"_s, QJsonObject{{u"notes"_s, QString(16'385, u'n')}}}}
        << u"fields"_s;
}

void TestProtocolErrors::invalidArguments()
{
    QFETCH(QString, op);
    QFETCH(QJsonObject, args);
    QFETCH(QString, field);
    const ServerMessage reply = m_client.request(op, args);
    QCOMPARE(TestClient::outcome(reply), u"invalid_argument"_s);
    // Errors about a member of "fields" may name it more precisely, e.g. "fields.notes".
    const QString named = reply.error.details.value(u"field"_s).toString();
    QVERIFY2(named == field || named.startsWith(field + u'.'), qPrintable(named));
    QVERIFY(m_client.isConnected());
    QVERIFY(m_client.request(ops::Ping).ok);
}

void TestProtocolErrors::largestMessageIsAccepted()
{
    const QByteArray text = paddedPing(MaxMessageBytes);
    QCOMPARE(text.size(), MaxMessageBytes);
    m_client.sendRaw(text);
    const ServerMessage reply = m_client.waitForNextReply();
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    QCOMPARE(reply.id.toString(), u"padded"_s);
    QVERIFY(m_client.isConnected());
}

void TestProtocolErrors::oversizedMessageClosesOnlyThatConnection()
{
    TestClient bystander;
    QVERIFY(bystander.connectAndLogin(m_server.wsUrl(), u"bob"_s).ok);
    TestClient offender;
    QVERIFY(offender.connectAndLogin(m_server.wsUrl(), u"carol"_s).ok);

    offender.sendRaw(paddedPing(MaxMessageBytes + 1));
    QVERIFY(offender.waitForDisconnected());
    QCOMPARE(offender.closeCode(), 1009);

    const ServerMessage pong = bystander.request(ops::Ping);
    QVERIFY2(pong.ok, qPrintable(TestClient::describe(pong)));
    QVERIFY(m_client.request(ops::Ping).ok);

    TestClient huge;
    QVERIFY(huge.connectAndLogin(m_server.wsUrl(), u"carol"_s).ok);
    huge.sendRaw(paddedPing(1024 * 1024));
    QVERIFY(huge.waitForDisconnected());
    QCOMPARE(huge.closeCode(), 1009);
    QVERIFY(bystander.request(ops::Ping).ok);
}

void TestProtocolErrors::binaryFrameCloses()
{
    TestClient bystander;
    QVERIFY(bystander.connectAndLogin(m_server.wsUrl(), u"bob"_s).ok);
    TestClient offender;
    QVERIFY(offender.connectAndLogin(m_server.wsUrl(), u"carol"_s).ok);
    offender.sendBinary(R"({"id":1,"op":"ping"})");
    QVERIFY(offender.waitForDisconnected());
    QCOMPARE(offender.closeCode(), 1003);
    QVERIFY(bystander.request(ops::Ping).ok);
}

void TestProtocolErrors::healthz()
{
    QNetworkAccessManager network;
    const std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(m_server.httpUrl(u"/healthz"_s))));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY2(reply->header(QNetworkRequest::ContentTypeHeader).toString().contains(u"json"_s),
             qPrintable(reply->header(QNetworkRequest::ContentTypeHeader).toString()));
    QJsonParseError error;
    const QJsonDocument body = QJsonDocument::fromJson(reply->readAll(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject object = body.object();
    QCOMPARE(object.value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(object.value(u"version"_s).toString(), u"0.1.0"_s);
    const bool redis = TestBackend::usesRedis();
    QCOMPARE(object.value(u"store"_s).toString(), redis ? u"redis"_s : u"sqlite"_s);
    const QJsonObject dependencies = object.value(u"dependencies"_s).toObject();
    QCOMPARE(dependencies.value(u"database"_s).toObject().value(u"status"_s).toString(), u"ok"_s);
    if (redis)
        QCOMPARE(dependencies.value(u"redis"_s).toObject().value(u"status"_s).toString(), u"ok"_s);
    else
        QVERIFY2(!dependencies.contains(u"redis"_s), QJsonDocument(dependencies).toJson().constData());
    QCOMPARE(dependencies.size(), redis ? 2 : 1);
    QVERIFY(object.value(u"serverTime"_s).toInteger() > 1'600'000'000'000LL);
}

QTEST_GUILESS_MAIN(TestProtocolErrors)
#include "tst_protocolerrors.moc"
