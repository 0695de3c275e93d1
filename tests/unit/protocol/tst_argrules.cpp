#include <QTest>

#include "protocol/argrules.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

/// The id and field name formats of docs/protocol.md, at their edges.
class TestArgRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordIds_data();
    void recordIds();
    void sessionIds_data();
    void sessionIds();
    void fieldNames_data();
    void fieldNames();
};

void TestArgRules::recordIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("claim") << u"CL-2026-0042"_s << true;
    QTest::newRow("dots and underscores") << u"a.b_c"_s << true;
    QTest::newRow("one character") << u"x"_s << true;
    QTest::newRow("128 characters") << QString(128, u'r') << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("129 characters") << QString(129, u'r') << false;
    QTest::newRow("space") << u"CL 1"_s << false;
    QTest::newRow("slash") << u"CL/1"_s << false;
    QTest::newRow("non-ASCII letter") << u"Kunde-\u00e4"_s << false;
}

void TestArgRules::recordIds()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(ArgRules::isValidRecordId(id), valid);
}

void TestArgRules::sessionIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("uuid without braces") << u"5b0e6f1c-93de-458f-91c5-03e04652b29e"_s << true;
    QTest::newRow("8 characters") << u"win_4f2a"_s << true;
    QTest::newRow("128 characters") << QString(128, u's') << true;
    QTest::newRow("7 characters") << u"win4f2a"_s << false;
    QTest::newRow("129 characters") << QString(129, u's') << false;
    QTest::newRow("uuid with braces") << u"{5b0e6f1c-93de-458f-91c5-03e04652b29e}"_s << false;
    QTest::newRow("dot") << u"window.0001"_s << false;
}

void TestArgRules::sessionIds()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(ArgRules::isValidSessionId(id), valid);
}

void TestArgRules::fieldNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("camel case") << u"claimNumber"_s << true;
    QTest::newRow("underscore and digit") << u"a_1"_s << true;
    QTest::newRow("64 characters") << QString(64, u'f') << true;
    QTest::newRow("65 characters") << QString(65, u'f') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("digit first") << u"1st"_s << false;
    QTest::newRow("underscore first") << u"_x"_s << false;
    QTest::newRow("dash") << u"claim-number"_s << false;
}

void TestArgRules::fieldNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(ArgRules::isValidFieldName(name), valid);
}

QTEST_GUILESS_MAIN(TestArgRules)
#include "tst_argrules.moc"
