#include <QJsonDocument>
#include <QTest>

#include "protocol/codec.h"
#include "protocol/limits.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

class TestCodec : public QObject
{
    Q_OBJECT

private slots:
    void decodesRequestWithArguments();
    void acceptsStringIds();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void rejectsOversizedMessage();
    void roundTripsReply();
    void roundTripsError();
    void roundTripsEvent();
    void rejectsInvalidServerMessages_data();
    void rejectsInvalidServerMessages();
};

void TestCodec::decodesRequestWithArguments()
{
    const auto decoded = Codec::decodeRequest(R"({"id":7,"op":"acquire","recordId":"CL-1","switchSession":true})");
    QVERIFY(std::holds_alternative<Request>(decoded));
    const auto &request = std::get<Request>(decoded);
    QCOMPARE(request.id.toInteger(), 7);
    QCOMPARE(request.op, u"acquire"_s);
    QCOMPARE(request.args.value(u"recordId"_s).toString(), u"CL-1"_s);
    QVERIFY(request.args.value(u"switchSession"_s).toBool());
    QVERIFY(!request.args.contains(u"id"_s));
    QVERIFY(!request.args.contains(u"op"_s));
}

void TestCodec::acceptsStringIds()
{
    const auto decoded = Codec::decodeRequest(R"({"id":"req-1","op":"ping"})");
    QVERIFY(std::holds_alternative<Request>(decoded));
    QCOMPARE(std::get<Request>(decoded).id.toString(), u"req-1"_s);
}

void TestCodec::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("idKept");

    QTest::newRow("not json") << QByteArray("{\"id\":1,") << u"bad_request"_s << false;
    QTest::newRow("empty") << QByteArray("") << u"bad_request"_s << false;
    QTest::newRow("array") << QByteArray("[1,2]") << u"bad_request"_s << false;
    QTest::newRow("string") << QByteArray("\"hello\"") << u"bad_request"_s << false;
    QTest::newRow("no id") << QByteArray(R"({"op":"ping"})") << u"invalid_request"_s << false;
    QTest::newRow("null id") << QByteArray(R"({"id":null,"op":"ping"})") << u"invalid_request"_s << false;
    QTest::newRow("fractional id") << QByteArray(R"({"id":1.5,"op":"ping"})") << u"invalid_request"_s << false;
    QTest::newRow("huge id") << QByteArray(R"({"id":1e300,"op":"ping"})") << u"invalid_request"_s << false;
    // 2^53 + 1 parses exactly but would round to 2^53 as a double: the echoed id would differ.
    QTest::newRow("id past 2^53") << QByteArray(R"({"id":9007199254740993,"op":"ping"})") << u"invalid_request"_s
                                  << false;
    QTest::newRow("id past -2^53") << QByteArray(R"({"id":-9007199254740993,"op":"ping"})") << u"invalid_request"_s
                                   << false;
    QTest::newRow("object id") << QByteArray(R"({"id":{},"op":"ping"})") << u"invalid_request"_s << false;
    QTest::newRow("empty string id") << QByteArray(R"({"id":"","op":"ping"})") << u"invalid_request"_s << false;
    QTest::newRow("long id") << (R"({"id":")" + QByteArray(limits::MaxIdLength + 1, 'x') + R"(","op":"ping"})")
                             << u"invalid_request"_s << false;
    QTest::newRow("no op") << QByteArray(R"({"id":3})") << u"invalid_request"_s << true;
    QTest::newRow("number op") << QByteArray(R"({"id":3,"op":5})") << u"invalid_request"_s << true;
    QTest::newRow("empty op") << QByteArray(R"({"id":3,"op":""})") << u"invalid_request"_s << true;
}

void TestCodec::rejectsMalformed()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, code);
    QFETCH(bool, idKept);

    const auto decoded = Codec::decodeRequest(text);
    QVERIFY(std::holds_alternative<RequestDecodeFailure>(decoded));
    const auto &failure = std::get<RequestDecodeFailure>(decoded);
    QCOMPARE(errorCodeName(failure.error.code), code);
    QVERIFY(!failure.error.message.isEmpty());
    QCOMPARE(failure.id.isNull(), !idKept);
}

void TestCodec::rejectsOversizedMessage()
{
    const QByteArray text = R"({"id":1,"op":"ping","pad":")" + QByteArray(limits::MaxMessageBytes, 'a') + R"("})";
    const auto decoded = Codec::decodeRequest(text);
    QVERIFY(std::holds_alternative<RequestDecodeFailure>(decoded));
    QCOMPARE(std::get<RequestDecodeFailure>(decoded).error.code, ErrorCode::MessageTooLarge);
}

void TestCodec::roundTripsReply()
{
    const QByteArray bytes = Codec::encodeReply(42, 1000, QJsonObject{{u"pong"_s, true}});
    const QJsonObject raw = QJsonDocument::fromJson(bytes).object();
    QCOMPARE(raw.value(u"type"_s).toString(), u"reply"_s);
    QCOMPARE(raw.value(u"ok"_s).toBool(), true);

    ServerMessage message;
    QString error;
    QVERIFY2(Codec::decodeServerMessage(bytes, &message, &error), qPrintable(error));
    QCOMPARE(message.kind, ServerMessage::Kind::Reply);
    QCOMPARE(message.id.toInteger(), 42);
    QVERIFY(message.ok);
    QCOMPARE(message.serverTime, 1000);
    QCOMPARE(message.result.value(u"pong"_s).toBool(), true);
}

void TestCodec::roundTripsError()
{
    ProtocolError sent{ErrorCode::StaleVersion, u"record changed"_s, QJsonObject{{u"currentVersion"_s, 5}}};
    const QByteArray bytes = Codec::encodeError(u"x"_s, 2000, sent);
    ServerMessage message;
    QVERIFY(Codec::decodeServerMessage(bytes, &message, nullptr));
    QVERIFY(!message.ok);
    QCOMPARE(message.id.toString(), u"x"_s);
    QCOMPARE(message.error.code, ErrorCode::StaleVersion);
    QCOMPARE(message.error.message, u"record changed"_s);
    QCOMPARE(message.error.details.value(u"currentVersion"_s).toInt(), 5);
    QCOMPARE(QJsonDocument::fromJson(bytes).object().value(u"error"_s).toObject().value(u"code"_s).toString(),
             u"stale_version"_s);
}

void TestCodec::roundTripsEvent()
{
    const QJsonObject lock{{u"recordId"_s, u"C-1"_s}, {u"state"_s, u"free"_s}, {u"seq"_s, 9}};
    const QByteArray bytes = Codec::encodeEvent(u"lock_released", u"C-1", 9, 3000,
                                                QJsonObject{{u"lock"_s, lock}, {u"reason"_s, u"released"_s}});
    ServerMessage message;
    QVERIFY(Codec::decodeServerMessage(bytes, &message, nullptr));
    QCOMPARE(message.kind, ServerMessage::Kind::Event);
    QCOMPARE(message.event, u"lock_released"_s);
    QCOMPARE(message.recordId, u"C-1"_s);
    QCOMPARE(message.seq, 9);
    QCOMPARE(message.serverTime, 3000);
    QCOMPARE(message.body.value(u"reason"_s).toString(), u"released"_s);
    QCOMPARE(message.body.value(u"lock"_s).toObject(), lock);
}

void TestCodec::rejectsInvalidServerMessages_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("garbage") << QByteArray("nope");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("no type") << QByteArray(R"({"id":1,"ok":true})");
    QTest::newRow("unknown type") << QByteArray(R"({"type":"gossip"})");
    QTest::newRow("error without object") << QByteArray(R"({"type":"reply","id":1,"ok":false,"error":"x"})");
    QTest::newRow("event without name") << QByteArray(R"({"type":"event","recordId":"C-1","seq":1})");
}

void TestCodec::rejectsInvalidServerMessages()
{
    QFETCH(QByteArray, text);
    ServerMessage message;
    QString error;
    QVERIFY(!Codec::decodeServerMessage(text, &message, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestCodec)
#include "tst_codec.moc"
