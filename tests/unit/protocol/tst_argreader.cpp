#include <QJsonArray>
#include <QTest>

#include "protocol/argreader.h"
#include "protocol/limits.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

class TestArgReader : public QObject
{
    Q_OBJECT

private slots:
    void readsValidArguments();
    void reportsFirstFailureWithField();
    void rejectsWrongTypes();
    void rejectsOutOfRange();
    void optionalsFallBack();
    void stringMapRejectsNonStrings();
    void formatsAreChecked_data();
    void formatsAreChecked();
    void validFormatsAreRead();
    void trimmedStringCountsAfterTrimming_data();
    void trimmedStringCountsAfterTrimming();
};

void TestArgReader::readsValidArguments()
{
    ArgReader reader(QJsonObject{{u"recordId"_s, u"C-1"_s},
                                 {u"token"_s, 12},
                                 {u"fields"_s, QJsonObject{{u"title"_s, u"Acme"_s}}},
                                 {u"switchSession"_s, true}});
    QCOMPARE(reader.string(u"recordId", 128), u"C-1"_s);
    QCOMPARE(reader.integer(u"token", 1, 1000), 12);
    QCOMPARE(reader.stringMap(u"fields", 100).value(u"title"_s), u"Acme"_s);
    QCOMPARE(reader.optionalBool(u"switchSession", false), true);
    QVERIFY(reader.ok());
}

void TestArgReader::reportsFirstFailureWithField()
{
    ArgReader reader(QJsonObject{});
    reader.string(u"recordId", 128);
    reader.integer(u"token", 0, 10);
    QVERIFY(!reader.ok());
    QCOMPARE(reader.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(reader.error().details.value(u"field"_s).toString(), u"recordId"_s);
}

void TestArgReader::rejectsWrongTypes()
{
    {
        ArgReader reader(QJsonObject{{u"recordId"_s, 5}});
        reader.string(u"recordId", 128);
        QCOMPARE(reader.error().details.value(u"field"_s).toString(), u"recordId"_s);
    }
    {
        ArgReader reader(QJsonObject{{u"token"_s, u"5"_s}});
        reader.integer(u"token", 0, 10);
        QVERIFY(!reader.ok());
    }
    {
        ArgReader reader(QJsonObject{{u"token"_s, 2.5}});
        reader.integer(u"token", 0, 10);
        QVERIFY(!reader.ok());
    }
    {
        ArgReader reader(QJsonObject{{u"flag"_s, 1}});
        reader.optionalBool(u"flag", false);
        QVERIFY(!reader.ok());
    }
    {
        ArgReader reader(QJsonObject{{u"fields"_s, QJsonArray{}}});
        reader.stringMap(u"fields", 10);
        QVERIFY(!reader.ok());
    }
}

void TestArgReader::rejectsOutOfRange()
{
    ArgReader tooLong(QJsonObject{{u"recordId"_s, QString(129, u'x')}});
    tooLong.string(u"recordId", 128);
    QVERIFY(!tooLong.ok());

    ArgReader empty(QJsonObject{{u"recordId"_s, u""_s}});
    empty.string(u"recordId", 128);
    QVERIFY(!empty.ok());

    ArgReader big(QJsonObject{{u"limit"_s, 10001}});
    big.integer(u"limit", 1, 10000);
    QVERIFY(!big.ok());
    QVERIFY(big.error().message.contains(u"10000"_s));

    // One past the protocol's integers: as a double it would round down to 2^53 and pass.
    ArgReader pastSafe(QJsonObject{{u"token"_s, qint64(limits::MaxSafeInteger) + 1}});
    pastSafe.integer(u"token", 1, limits::MaxSafeInteger);
    QVERIFY(!pastSafe.ok());
    ArgReader atSafe(QJsonObject{{u"token"_s, qint64(limits::MaxSafeInteger)}});
    QCOMPARE(atSafe.integer(u"token", 1, limits::MaxSafeInteger), limits::MaxSafeInteger);
    QVERIFY(atSafe.ok());
}

void TestArgReader::optionalsFallBack()
{
    ArgReader reader(QJsonObject{{u"query"_s, QJsonValue::Null}});
    QCOMPARE(reader.optionalString(u"query", 10), std::nullopt);
    QCOMPARE(reader.optionalInteger(u"limit", 1, 100, 50), 50);
    QCOMPARE(reader.optionalBool(u"switchSession", false), false);
    QVERIFY(reader.ok());
}

void TestArgReader::stringMapRejectsNonStrings()
{
    ArgReader reader(QJsonObject{{u"fields"_s, QJsonObject{{u"title"_s, u"ok"_s}, {u"amount"_s, 5}}}});
    QVERIFY(reader.stringMap(u"fields", 100).isEmpty());
    QVERIFY(!reader.ok());
    QVERIFY(reader.error().message.contains(u"fields.amount"_s));

    ArgReader tooLong(QJsonObject{{u"fields"_s, QJsonObject{{u"notes"_s, QString(11, u'n')}}}});
    tooLong.stringMap(u"fields", 10);
    QVERIFY(!tooLong.ok());
}

void TestArgReader::formatsAreChecked_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<QString>("field");
    QTest::newRow("record id with a space") << u"recordId"_s << QJsonObject{{u"recordId"_s, u"C 1"_s}} << u"recordId"_s;
    QTest::newRow("record id too long") << u"recordId"_s << QJsonObject{{u"recordId"_s, QString(129, u'a')}}
                                        << u"recordId"_s;
    QTest::newRow("record id missing") << u"recordId"_s << QJsonObject{} << u"recordId"_s;
    QTest::newRow("session id too short") << u"sessionId"_s << QJsonObject{{u"sessionId"_s, u"abc"_s}}
                                          << u"sessionId"_s;
    QTest::newRow("session id with a dot") << u"sessionId"_s << QJsonObject{{u"sessionId"_s, u"window.0001"_s}}
                                           << u"sessionId"_s;
    QTest::newRow("field name with a digit first")
        << u"fields"_s << QJsonObject{{u"fields"_s, QJsonObject{{u"1st"_s, u"x"_s}}}} << u"fields"_s;
    QTest::newRow("field name too long")
        << u"fields"_s << QJsonObject{{u"fields"_s, QJsonObject{{QString(65, u'f'), u"x"_s}}}} << u"fields"_s;
    QTest::newRow("field value too long")
        << u"fields"_s << QJsonObject{{u"fields"_s, QJsonObject{{u"notes"_s, QString(16'385, u'n')}}}}
        << u"fields"_s;
}

void TestArgReader::formatsAreChecked()
{
    QFETCH(QString, what);
    QFETCH(QJsonObject, args);
    QFETCH(QString, field);
    ArgReader reader(args);
    if (what == u"recordId")
        QVERIFY(reader.recordId().isEmpty());
    else if (what == u"sessionId")
        QVERIFY(reader.sessionId().isEmpty());
    else
        QVERIFY(reader.fields().isEmpty());
    QVERIFY(!reader.ok());
    QCOMPARE(reader.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(reader.error().details.value(u"field"_s).toString(), field);
}

void TestArgReader::validFormatsAreRead()
{
    ArgReader reader(QJsonObject{{u"recordId"_s, u"CL-2026_0042.v2"_s},
                                 {u"sessionId"_s, u"5b0e6f1c-93de-458f-91c5-03e04652b29e"_s},
                                 {u"fields"_s, QJsonObject{{u"claimNumber"_s, u"CL-1"_s}, {u"a_1"_s, QString(16'384, u'x')}}}});
    QCOMPARE(reader.recordId(), u"CL-2026_0042.v2"_s);
    QCOMPARE(reader.sessionId(), u"5b0e6f1c-93de-458f-91c5-03e04652b29e"_s);
    QCOMPARE(reader.fields().size(), 2);
    QVERIFY(reader.ok());
}

void TestArgReader::trimmedStringCountsAfterTrimming_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("expected");
    QTest::newRow("shortest") << QJsonValue(u"abc"_s) << true << u"abc"_s;
    QTest::newRow("padded") << QJsonValue(u" \t abc \n"_s) << true << u"abc"_s;
    QTest::newRow("inner blanks kept") << QJsonValue(u"  a  b  "_s) << true << u"a  b"_s;
    const QString longest(500, u'x');
    QTest::newRow("longest padded") << QJsonValue(QString(u"  "_s + longest + u"  "_s)) << true << longest;
    QTest::newRow("too short once trimmed") << QJsonValue(u"   ab   "_s) << false << QString();
    QTest::newRow("blanks only") << QJsonValue(u"          "_s) << false << QString();
    QTest::newRow("too long") << QJsonValue(QString(501, u'x')) << false << QString();
    QTest::newRow("not a string") << QJsonValue(123) << false << QString();
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << false << QString();
}

void TestArgReader::trimmedStringCountsAfterTrimming()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, valid);
    QFETCH(QString, expected);
    ArgReader reader(QJsonObject{{u"reason"_s, value}});
    const QString read = reader.trimmedString(u"reason", 3, 500);
    QCOMPARE(reader.ok(), valid);
    if (valid) {
        QCOMPARE(read, expected);
    } else {
        QCOMPARE(reader.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(reader.error().details.value(u"field"_s).toString(), u"reason"_s);
    }
}

QTEST_GUILESS_MAIN(TestArgReader)
#include "tst_argreader.moc"
