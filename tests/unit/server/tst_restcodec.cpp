// RestCodec alone: REST request bodies and queries to typed values or the protocol's errors, and
// errors to HTTP statuses and {"error":{...}} bodies, without any socket.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

#include "protocol/errorcode.h"
#include "server/restcodec.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

class TestRestCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusOfEveryErrorCode_data();
    void statusOfEveryErrorCode();
    void errorBodyIsTheProtocolErrorObject();
    void emptyBodyIsAnEmptyObject();
    void bodyThatIsNotAJsonObjectIsBadRequest_data();
    void bodyThatIsNotAJsonObjectIsBadRequest();
    void oversizedBodyIsMessageTooLarge();
    void bearerTokenIsTakenFromTheHeader();
    void missingOrOtherSchemeIsUnauthenticated_data();
    void missingOrOtherSchemeIsUnauthenticated();
    void loginNeedsUserAndPassword();
    void acquireMembersAreOptional();
    void acquireRefusesAMalformedSessionId();
    void holderNeedsSessionAndPositiveToken_data();
    void holderNeedsSessionAndPositiveToken();
    void overrideTrimsTheReasonAndChecksItsLength();
    void lockQueryReadsSessionAndToken();
    void lockQueryRefusesABadToken_data();
    void lockQueryRefusesABadToken();
    void recordIdFromThePathIsChecked();
    void loginResultCarriesTokenAndPublicIdentityOnly();
};

void TestRestCodec::statusOfEveryErrorCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("status");
    QTest::newRow("bad_request") << u"bad_request"_s << 400;
    QTest::newRow("invalid_argument") << u"invalid_argument"_s << 400;
    QTest::newRow("unauthenticated") << u"unauthenticated"_s << 401;
    QTest::newRow("invalid_credentials") << u"invalid_credentials"_s << 401;
    QTest::newRow("forbidden") << u"forbidden"_s << 403;
    QTest::newRow("not_found") << u"not_found"_s << 404;
    QTest::newRow("unknown_op") << u"unknown_op"_s << 404;
    QTest::newRow("lock_held") << u"lock_held"_s << 409;
    QTest::newRow("not_holder") << u"not_holder"_s << 409;
    QTest::newRow("stale_token") << u"stale_token"_s << 409;
    QTest::newRow("session_conflict") << u"session_conflict"_s << 409;
    QTest::newRow("lock_changed") << u"lock_changed"_s << 409;
    QTest::newRow("message_too_large") << u"message_too_large"_s << 413;
    QTest::newRow("rate_limited") << u"rate_limited"_s << 429;
    QTest::newRow("unavailable") << u"unavailable"_s << 503;
    QTest::newRow("internal") << u"internal"_s << 500;
}

void TestRestCodec::statusOfEveryErrorCode()
{
    QFETCH(QString, code);
    QFETCH(int, status);
    const std::optional<ErrorCode> parsed = errorCodeFromName(code);
    QVERIFY(parsed);
    QCOMPARE(RestCodec::httpStatus(*parsed), status);
}

void TestRestCodec::errorBodyIsTheProtocolErrorObject()
{
    const ProtocolError error{ErrorCode::Unauthenticated, u"the session token has expired"_s,
                              QJsonObject{{u"reason"_s, u"expired"_s}}};
    const QJsonObject body = RestCodec::errorBody(error);
    QCOMPARE(body.keys(), QStringList{u"error"_s});
    const QJsonObject inner = body.value(u"error"_s).toObject();
    QCOMPARE(inner.value(u"code"_s).toString(), u"unauthenticated"_s);
    QCOMPARE(inner.value(u"message"_s).toString(), u"the session token has expired"_s);
    QCOMPARE(inner.value(u"reason"_s).toString(), u"expired"_s);
    // A WebSocket client's error parser reads it unchanged.
    const ProtocolError back = ProtocolError::fromJson(inner);
    QCOMPARE(back.code, ErrorCode::Unauthenticated);
    QCOMPARE(back.details.value(u"reason"_s).toString(), u"expired"_s);
}

void TestRestCodec::emptyBodyIsAnEmptyObject()
{
    ProtocolError error;
    const std::optional<QJsonObject> empty = RestCodec::parseBody(QByteArray(), &error);
    QVERIFY(empty);
    QVERIFY(empty->isEmpty());
    const std::optional<QJsonObject> blank = RestCodec::parseBody(" \r\n", &error);
    QVERIFY(blank);
    QVERIFY(blank->isEmpty());
    const std::optional<QJsonObject> object = RestCodec::parseBody(R"({"token": 41})", &error);
    QVERIFY(object);
    QCOMPARE(object->value(u"token"_s).toInteger(), 41);
}

void TestRestCodec::bodyThatIsNotAJsonObjectIsBadRequest_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << QByteArray("token=41");
    QTest::newRow("truncated") << QByteArray(R"({"token": 4)");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("number") << QByteArray("41");
}

void TestRestCodec::bodyThatIsNotAJsonObjectIsBadRequest()
{
    QFETCH(QByteArray, body);
    ProtocolError error;
    QVERIFY(!RestCodec::parseBody(body, &error));
    QCOMPARE(error.code, ErrorCode::BadRequest);
    QCOMPARE(RestCodec::httpStatus(error.code), 400);
}

void TestRestCodec::oversizedBodyIsMessageTooLarge()
{
    ProtocolError error;
    QByteArray body = R"({"reason":")";
    body.append(QByteArray(65'536, 'x'));
    body.append(R"("})");
    QVERIFY(!RestCodec::parseBody(body, &error));
    QCOMPARE(error.code, ErrorCode::MessageTooLarge);
    QCOMPARE(error.details.value(u"maxBytes"_s).toInteger(), 65'536);
    // Exactly at the limit is still read.
    QVERIFY(RestCodec::parseBody(QByteArray(65'536, ' '), &error));
}

void TestRestCodec::bearerTokenIsTakenFromTheHeader()
{
    ProtocolError error;
    QCOMPARE(RestCodec::bearerToken("Bearer eyJ.abc.def", &error), std::optional<QString>(u"eyJ.abc.def"_s));
    // The scheme is case-insensitive (RFC 9110) and surrounding blanks do not count.
    QCOMPARE(RestCodec::bearerToken("  bearer   eyJ.abc.def ", &error), std::optional<QString>(u"eyJ.abc.def"_s));
}

void TestRestCodec::missingOrOtherSchemeIsUnauthenticated_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("reason");
    QTest::newRow("absent") << QByteArray() << u"missing"_s;
    QTest::newRow("scheme only") << QByteArray("Bearer") << u"missing"_s;
    QTest::newRow("basic") << QByteArray("Basic YWxpY2U6YWxpY2U=") << u"missing"_s;
    QTest::newRow("too long") << (QByteArray("Bearer ") + QByteArray(4097, 'a')) << u"invalid"_s;
}

void TestRestCodec::missingOrOtherSchemeIsUnauthenticated()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, reason);
    ProtocolError error;
    QVERIFY(!RestCodec::bearerToken(header, &error));
    QCOMPARE(error.code, ErrorCode::Unauthenticated);
    QCOMPARE(error.details.value(u"reason"_s).toString(), reason);
}

void TestRestCodec::loginNeedsUserAndPassword()
{
    ProtocolError error;
    const std::optional<RestCodec::LoginBody> login =
        RestCodec::decodeLogin(QJsonObject{{u"user"_s, u"alice"_s}, {u"password"_s, u"secret"_s}}, &error);
    QVERIFY(login);
    QCOMPARE(login->user, u"alice"_s);
    QCOMPARE(login->password, u"secret"_s);

    QVERIFY(!RestCodec::decodeLogin(QJsonObject{{u"user"_s, u"alice"_s}}, &error));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(error.details.value(u"field"_s).toString(), u"password"_s);
    QVERIFY(!RestCodec::decodeLogin(QJsonObject{{u"user"_s, 7}, {u"password"_s, u"x"_s}}, &error));
    QCOMPARE(error.details.value(u"field"_s).toString(), u"user"_s);
}

void TestRestCodec::acquireMembersAreOptional()
{
    ProtocolError error;
    const std::optional<RestCodec::AcquireBody> none = RestCodec::decodeAcquire(QJsonObject(), &error);
    QVERIFY(none);
    QVERIFY(none->sessionId.isEmpty());
    QVERIFY(!none->switchSession);
    const std::optional<RestCodec::AcquireBody> named = RestCodec::decodeAcquire(
        QJsonObject{{u"sessionId"_s, u"crm-sync-1"_s}, {u"switchSession"_s, true}}, &error);
    QVERIFY(named);
    QCOMPARE(named->sessionId, u"crm-sync-1"_s);
    QVERIFY(named->switchSession);
    QVERIFY(RestCodec::decodeAcquire(QJsonObject{{u"sessionId"_s, QJsonValue::Null}}, &error));
}

void TestRestCodec::acquireRefusesAMalformedSessionId()
{
    ProtocolError error;
    QVERIFY(!RestCodec::decodeAcquire(QJsonObject{{u"sessionId"_s, u"short"_s}}, &error));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(error.details.value(u"field"_s).toString(), u"sessionId"_s);
    QVERIFY(!RestCodec::decodeAcquire(QJsonObject{{u"sessionId"_s, u"has spaces in it"_s}}, &error));
    QVERIFY(!RestCodec::decodeAcquire(QJsonObject{{u"switchSession"_s, u"yes"_s}}, &error));
    QCOMPARE(error.details.value(u"field"_s).toString(), u"switchSession"_s);
}

void TestRestCodec::holderNeedsSessionAndPositiveToken_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("no session") << QJsonObject{{u"token"_s, 41}} << u"sessionId"_s;
    QTest::newRow("no token") << QJsonObject{{u"sessionId"_s, u"crm-sync-1"_s}} << u"token"_s;
    QTest::newRow("zero token") << QJsonObject{{u"sessionId"_s, u"crm-sync-1"_s}, {u"token"_s, 0}} << u"token"_s;
    QTest::newRow("string token") << QJsonObject{{u"sessionId"_s, u"crm-sync-1"_s}, {u"token"_s, u"41"_s}}
                                  << u"token"_s;
}

void TestRestCodec::holderNeedsSessionAndPositiveToken()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    ProtocolError error;
    QVERIFY(!RestCodec::decodeHolder(body, &error));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(error.details.value(u"field"_s).toString(), field);

    const std::optional<RestCodec::HolderBody> holder =
        RestCodec::decodeHolder(QJsonObject{{u"sessionId"_s, u"crm-sync-1"_s}, {u"token"_s, 41}}, &error);
    QVERIFY(holder);
    QCOMPARE(holder->sessionId, u"crm-sync-1"_s);
    QCOMPARE(holder->token, 41);
}

void TestRestCodec::overrideTrimsTheReasonAndChecksItsLength()
{
    ProtocolError error;
    const std::optional<RestCodec::OverrideBody> body = RestCodec::decodeOverride(
        QJsonObject{{u"reason"_s, u"  customer on the phone "_s}, {u"expectHolder"_s, u"u_6f1c0a9d2b"_s}}, &error);
    QVERIFY(body);
    QCOMPARE(body->reason, u"customer on the phone"_s);
    QCOMPARE(body->expectHolder, std::optional<QString>(u"u_6f1c0a9d2b"_s));
    QVERIFY(body->sessionId.isEmpty());
    QVERIFY(!RestCodec::decodeOverride(QJsonObject{{u"reason"_s, u" a "_s}}, &error));
    QCOMPARE(error.details.value(u"field"_s).toString(), u"reason"_s);
}

void TestRestCodec::lockQueryReadsSessionAndToken()
{
    ProtocolError error;
    const std::optional<RestCodec::LockQuery> none = RestCodec::decodeLockQuery(QUrlQuery(), &error);
    QVERIFY(none);
    QVERIFY(none->sessionId.isEmpty());
    QCOMPARE(none->token, 0);
    const std::optional<RestCodec::LockQuery> both =
        RestCodec::decodeLockQuery(QUrlQuery(u"sessionId=crm-sync-1&token=41"_s), &error);
    QVERIFY(both);
    QCOMPARE(both->sessionId, u"crm-sync-1"_s);
    QCOMPARE(both->token, 41);
}

void TestRestCodec::lockQueryRefusesABadToken_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::newRow("word") << u"token=abc"_s << u"token"_s;
    QTest::newRow("zero") << u"token=0"_s << u"token"_s;
    QTest::newRow("negative") << u"token=-3"_s << u"token"_s;
    QTest::newRow("beyond 2^53") << u"token=9007199254740993"_s << u"token"_s;
    QTest::newRow("empty") << u"token="_s << u"token"_s;
    QTest::newRow("short session") << u"sessionId=abc"_s << u"sessionId"_s;
}

void TestRestCodec::lockQueryRefusesABadToken()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    ProtocolError error;
    QVERIFY(!RestCodec::decodeLockQuery(QUrlQuery(query), &error));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(error.details.value(u"field"_s).toString(), field);
}

void TestRestCodec::recordIdFromThePathIsChecked()
{
    ProtocolError error;
    QVERIFY(RestCodec::checkRecordId(u"CL-2026-0042"_s, &error));
    QVERIFY(!RestCodec::checkRecordId(u"CL 2026"_s, &error));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(error.details.value(u"field"_s).toString(), u"recordId"_s);
    QVERIFY(!RestCodec::checkRecordId(QString(129, u'a'), &error));
}

void TestRestCodec::loginResultCarriesTokenAndPublicIdentityOnly()
{
    User user;
    user.id = 7;
    user.name = u"alice"_s;
    user.displayName = u"Alice Archer"_s;
    user.role = u"editor"_s;
    user.handle = u"u_6f1c0a9d2b"_s;
    user.passwordHash = u"$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA"_s;
    const QJsonObject result =
        RestCodec::loginResult(IssuedToken{u"eyJ.abc.def"_s, 1763820000000}, user, 120000, 30000);
    QCOMPARE(result.value(u"token"_s).toString(), u"eyJ.abc.def"_s);
    QCOMPARE(result.value(u"tokenExpiresAt"_s).toInteger(), 1763820000000);
    QCOMPARE(result.value(u"lockTtlMs"_s).toInteger(), 120000);
    QCOMPARE(result.value(u"orphanGraceMs"_s).toInteger(), 30000);
    const QJsonObject who = result.value(u"user"_s).toObject();
    QCOMPARE(who.value(u"handle"_s).toString(), u"u_6f1c0a9d2b"_s);
    QCOMPARE(who.value(u"displayName"_s).toString(), u"Alice Archer"_s);
    QCOMPARE(who.value(u"role"_s).toString(), u"editor"_s);
    // Neither the internal id, the login name nor the hash leaves the server.
    const QByteArray text = QJsonDocument(result).toJson(QJsonDocument::Compact);
    QVERIFY(!text.contains("argon2"));
    QVERIFY(!text.contains("\"id\""));
    QVERIFY(!text.contains("alice\""));
}

QTEST_GUILESS_MAIN(TestRestCodec)
#include "tst_restcodec.moc"
