#include "protocol/argreader.h"

#include <QJsonArray>
#include <QTest>

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

QTEST_GUILESS_MAIN(TestArgReader)
#include "tst_argreader.moc"
