#include <QByteArrayList>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

#include "fakeclock.h"
#include "server/tokenissuer.h"
#include "server/user.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

constexpr qint64 Ttl = 12LL * 60 * 60 * 1000;
const QByteArray Key(32, 'k');
constexpr auto B64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

User alice()
{
    User user;
    user.id = 7;
    user.name = u"alice"_s;
    user.displayName = u"Alice Archer"_s;
    user.role = u"editor"_s;
    user.handle = u"u_6f1c0a9d2b"_s;
    return user;
}

QByteArray part(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64(B64);
}

QJsonObject decodePart(const QByteArray &encoded)
{
    return QJsonDocument::fromJson(QByteArray::fromBase64(encoded, B64)).object();
}

QJsonObject validClaims(qint64 nowMs)
{
    return {{u"sub"_s, u"7"_s},
            {u"name"_s, u"alice"_s},
            {u"role"_s, u"admin"_s},
            {u"iat"_s, nowMs / 1000},
            {u"exp"_s, (nowMs + Ttl) / 1000},
            {u"exp_ms"_s, nowMs + Ttl}};
}

// A token built by hand, signed with HMAC-SHA256 over key, as any HS256 library would.
QString handMade(const QJsonObject &header, const QJsonObject &claims, const QByteArray &key)
{
    const QByteArray signingInput = part(header) + '.' + part(claims);
    const QByteArray signature = QMessageAuthenticationCode::hash(signingInput, key, QCryptographicHash::Sha256);
    return QString::fromLatin1(signingInput + '.' + signature.toBase64(B64));
}

} // namespace

/// TokenIssuer: libjwt HS256 tokens checked against a FakeClock.
class TestTokenIssuer : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        const IssuedToken issued = issuer.issue(alice());
        QVERIFY(!issued.token.isEmpty());
        QCOMPARE(issued.expiresAt, clock.nowMs() + Ttl);
        QCOMPARE(issued.token.count(u'.'), 2);

        const TokenCheck check = issuer.verify(issued.token);
        QCOMPARE(check.status, TokenCheck::Status::Valid);
        QCOMPARE(check.userId, 7);
        QCOMPARE(check.name, u"alice"_s);
        QCOMPARE(check.role, u"editor"_s);
        QCOMPARE(check.expiresAt, issued.expiresAt);

        const QJsonObject header = decodePart(issued.token.section(u'.', 0, 0).toLatin1());
        QCOMPARE(header.value(u"alg"_s).toString(), u"HS256"_s);
        const QJsonObject claims = decodePart(issued.token.section(u'.', 1, 1).toLatin1());
        QCOMPARE(claims.value(u"sub"_s).toString(), u"7"_s);
        QCOMPARE(qint64(claims.value(u"exp_ms"_s).toDouble()), issued.expiresAt);
        QCOMPARE(qint64(claims.value(u"exp"_s).toDouble()), issued.expiresAt / 1000);
        QCOMPARE(qint64(claims.value(u"iat"_s).toDouble()), clock.nowMs() / 1000);
    }

    void issueTimeIsExactToTheMillisecond()
    {
        // Revocation by password change compares it with a millisecond time.
        test::FakeClock clock(1'763'776'800'123);
        const TokenIssuer issuer(Key, clock, Ttl);
        const IssuedToken issued = issuer.issue(alice());
        const QJsonObject claims = decodePart(issued.token.section(u'.', 1, 1).toLatin1());
        QCOMPARE(qint64(claims.value(u"iat_ms"_s).toDouble()), 1'763'776'800'123);
        QCOMPARE(issuer.verify(issued.token).issuedAt, 1'763'776'800'123);
    }

    void tokenWithoutIatMsUsesIatSeconds()
    {
        // Tokens issued before iat_ms existed: their second, rounded down, never revokes too little.
        test::FakeClock clock(1'763'776'800'999);
        const TokenIssuer issuer(Key, clock, Ttl);
        const TokenCheck check = issuer.verify(handMade({{u"alg"_s, u"HS256"_s}}, validClaims(clock.nowMs()), Key));
        QCOMPARE(check.status, TokenCheck::Status::Valid);
        QCOMPARE(check.issuedAt, 1'763'776'800'000);
    }

    void rejectsIatMsThatDisagrees_data()
    {
        QTest::addColumn<QJsonValue>("iatMs");
        QTest::newRow("another second") << QJsonValue(1'763'776'801'000.0);
        QTest::newRow("zero") << QJsonValue(0);
        QTest::newRow("string") << QJsonValue(u"1763776800000"_s);
    }

    void rejectsIatMsThatDisagrees()
    {
        QFETCH(QJsonValue, iatMs);
        test::FakeClock clock(1'763'776'800'000);
        const TokenIssuer issuer(Key, clock, Ttl);
        QJsonObject claims = validClaims(clock.nowMs());
        claims.insert(u"iat_ms"_s, iatMs);
        QCOMPARE(issuer.verify(handMade({{u"alg"_s, u"HS256"_s}}, claims, Key)).status, TokenCheck::Status::Invalid);
    }

    void acceptsAnyConformingHs256Token()
    {
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        const QString token = handMade({{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}}, validClaims(clock.nowMs()), Key);
        const TokenCheck check = issuer.verify(token);
        QCOMPARE(check.status, TokenCheck::Status::Valid);
        QCOMPARE(check.role, u"admin"_s);
    }

    void expiresPerInjectedClock()
    {
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        const IssuedToken issued = issuer.issue(alice());
        clock.advance(Ttl - 1);
        QCOMPARE(issuer.verify(issued.token).status, TokenCheck::Status::Valid);
        clock.advance(1);
        const TokenCheck check = issuer.verify(issued.token);
        QCOMPARE(check.status, TokenCheck::Status::Expired);
        QCOMPARE(check.userId, 7); // still identifies who it was for
    }

    void rejectsTamperedPayload()
    {
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        const QStringList parts = issuer.issue(alice()).token.split(u'.');
        QJsonObject claims = decodePart(parts.at(1).toLatin1());
        claims.insert(u"role"_s, u"admin"_s);
        const QString forged = parts.at(0) + u'.' + QString::fromLatin1(part(claims)) + u'.' + parts.at(2);
        QCOMPARE(issuer.verify(forged).status, TokenCheck::Status::Invalid);
    }

    void rejectsTamperedSignature()
    {
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        const QString token = issuer.issue(alice()).token;
        QString flipped = token;
        const qsizetype at = token.lastIndexOf(u'.') + 3;
        flipped[at] = token.at(at) == u'A' ? u'B' : u'A';
        QCOMPARE(issuer.verify(flipped).status, TokenCheck::Status::Invalid);
        QCOMPARE(issuer.verify(token.left(token.lastIndexOf(u'.') + 1)).status, TokenCheck::Status::Invalid);
    }

    void rejectsOtherKey()
    {
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        const TokenIssuer other(QByteArray(32, 'o'), clock, Ttl);
        QCOMPARE(issuer.verify(other.issue(alice()).token).status, TokenCheck::Status::Invalid);
        const QString handSigned = handMade({{u"alg"_s, u"HS256"_s}}, validClaims(clock.nowMs()), QByteArray(32, 'o'));
        QCOMPARE(issuer.verify(handSigned).status, TokenCheck::Status::Invalid);
    }

    void rejectsAlgNone()
    {
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        const QByteArray body = part({{u"alg"_s, u"none"_s}, {u"typ"_s, u"JWT"_s}}) + '.' + part(validClaims(clock.nowMs()));
        QCOMPARE(issuer.verify(QString::fromLatin1(body + '.')).status, TokenCheck::Status::Invalid);
        QCOMPARE(issuer.verify(QString::fromLatin1(body)).status, TokenCheck::Status::Invalid);
        const QByteArray noneCaps = part({{u"alg"_s, u"None"_s}}) + '.' + part(validClaims(clock.nowMs())) + '.';
        QCOMPARE(issuer.verify(QString::fromLatin1(noneCaps)).status, TokenCheck::Status::Invalid);
    }

    void rejectsOtherAlgorithms()
    {
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        // HS512 signed with the right key is still not what this server issues.
        const QByteArray input = part({{u"alg"_s, u"HS512"_s}}) + '.' + part(validClaims(clock.nowMs()));
        const QByteArray sig = QMessageAuthenticationCode::hash(input, Key, QCryptographicHash::Sha512);
        QCOMPARE(issuer.verify(QString::fromLatin1(input + '.' + sig.toBase64(B64))).status, TokenCheck::Status::Invalid);
        const QString rs = handMade({{u"alg"_s, u"RS256"_s}}, validClaims(clock.nowMs()), Key);
        QCOMPARE(issuer.verify(rs).status, TokenCheck::Status::Invalid);
    }

    void rejectsMissingOrWrongClaims_data()
    {
        QTest::addColumn<QString>("claim");
        QTest::addColumn<QJsonValue>("value"); // undefined: remove the claim
        QTest::newRow("no sub") << u"sub"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("no name") << u"name"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("no role") << u"role"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("no exp") << u"exp"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("no exp_ms") << u"exp_ms"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("no iat") << u"iat"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("sub not a number") << u"sub"_s << QJsonValue(u"alice"_s);
        QTest::newRow("sub integer") << u"sub"_s << QJsonValue(7);
        QTest::newRow("exp_ms string") << u"exp_ms"_s << QJsonValue(u"99999999999999"_s);
        QTest::newRow("iat string") << u"iat"_s << QJsonValue(u"1763776800"_s);
        QTest::newRow("exp disagrees") << u"exp"_s << QJsonValue(4'000'000'000.0);
    }

    void rejectsMissingOrWrongClaims()
    {
        QFETCH(QString, claim);
        QFETCH(QJsonValue, value);
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        QJsonObject claims = validClaims(clock.nowMs());
        if (value.isUndefined())
            claims.remove(claim);
        else
            claims.insert(claim, value);
        QCOMPARE(issuer.verify(handMade({{u"alg"_s, u"HS256"_s}}, claims, Key)).status, TokenCheck::Status::Invalid);
    }

    void rejectsNonIntegerTimes()
    {
        // libjwt reads a string as integer 0 without an error; both times as strings must not pass.
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        QJsonObject claims = validClaims(clock.nowMs());
        claims.insert(u"exp"_s, u"x"_s);
        claims.insert(u"exp_ms"_s, u"y"_s);
        QCOMPARE(issuer.verify(handMade({{u"alg"_s, u"HS256"_s}}, claims, Key)).status, TokenCheck::Status::Invalid);
    }

    void rejectsGarbage_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("empty") << QString();
        QTest::newRow("word") << u"hello"_s;
        QTest::newRow("dots") << u".."_s;
        QTest::newRow("four parts") << u"a.b.c.d"_s;
        QTest::newRow("bad base64") << u"!!!.@@@.###"_s;
        QTest::newRow("not json") << (QString::fromLatin1(QByteArray("nope").toBase64(B64)) + u".e30.x"_s);
        QTest::newRow("json array header") << (QString::fromLatin1(QByteArray("[1]").toBase64(B64)) + u".e30.x"_s);
        QTest::newRow("non-latin") << u"ключ.ключ.ключ"_s;
        QTest::newRow("huge") << QString(100'000, u'a');
    }

    void rejectsGarbage()
    {
        QFETCH(QString, token);
        test::FakeClock clock;
        const TokenIssuer issuer(Key, clock, Ttl);
        QCOMPARE(issuer.verify(token).status, TokenCheck::Status::Invalid);
    }
};

QTEST_GUILESS_MAIN(TestTokenIssuer)
#include "tst_tokenissuer.moc"
