// LogLine's key=value text and JsonLogFormatter's JSON lines, without a process: escaping,
// numbers versus strings, levels, and messages with and without fields.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "common/jsonlogformatter.h"
#include "common/logline.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

/// 2026-11-22T08:30:00.123Z
constexpr qint64 SampleTimestampMs = 1'795'336'200'123;

QJsonObject parsedJson(const QByteArray &line, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    *ok = error.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

} // namespace

class TestJsonLogFormatter : public QObject
{
    Q_OBJECT

private slots:
    void logLineText();
    void fixedMembersComeFirst();
    void messageWithoutFields();
    void numbersStayNumbers();
    void numberLikeStringsStayStrings();
    void escaping_data();
    void escaping();
    void levels_data();
    void levels();
    void qdebugQuotedWordsAreNotFields();
    void reservedKeysArePrefixed();
    void emptyCategoryIsDefault();
};

void TestJsonLogFormatter::logLineText()
{
    const LogLine line = LogLine(u"lock granted"_s)
                             .field(u"record"_s, u"CL-1"_s)
                             .field(u"holder"_s, u"u_6f1c"_s)
                             .field(u"token"_s, qint64(42))
                             .field(u"reason"_s, u"needs the \"address\" fixed"_s);
    QCOMPARE(line.text(),
             uR"(lock granted record=CL-1 holder=u_6f1c token=42 reason="needs the \"address\" fixed")"_s);
    QCOMPARE(LogLine::quoted(QString()), u"\"\""_s);
    QCOMPARE(LogLine::quoted(u"a=b"_s), u"\"a=b\""_s);
}

void TestJsonLogFormatter::fixedMembersComeFirst()
{
    const QByteArray json = JsonLogFormatter::format(
        SampleTimestampMs, QtInfoMsg, u"recordlock.server.lock"_s,
        LogLine(u"lock granted"_s).field(u"record"_s, u"CL-1"_s).field(u"token"_s, qint64(42)).text());
    QCOMPARE(json, QByteArray(R"({"ts":"2026-11-22T08:30:00.123Z","level":"info","category":"recordlock.server.lock",)"
                              R"("msg":"lock granted","record":"CL-1","token":42})"));
}

void TestJsonLogFormatter::messageWithoutFields()
{
    bool ok = false;
    const QJsonObject o = parsedJson(
        JsonLogFormatter::format(SampleTimestampMs, QtInfoMsg, u"recordlock.daemon"_s, u"stopped"_s), &ok);
    QVERIFY(ok);
    QCOMPARE(o.size(), 4);
    QCOMPARE(o.value(u"msg"_s).toString(), u"stopped"_s);
    // Words with '=' inside a sentence are not fields unless everything after them is.
    const JsonLogFormatter::Parsed parsed = JsonLogFormatter::parse(u"set x=1 then stopped"_s);
    QCOMPARE(parsed.message, u"set x=1 then stopped"_s);
    QVERIFY(parsed.fields.isEmpty());
    QCOMPARE(JsonLogFormatter::parse(QString()).message, QString());
}

void TestJsonLogFormatter::numbersStayNumbers()
{
    bool ok = false;
    const QJsonObject o = parsedJson(
        JsonLogFormatter::format(SampleTimestampMs, QtInfoMsg, u"c"_s,
                                 LogLine(u"m"_s).field(u"token"_s, qint64(-7)).field(u"big"_s, qint64(1) << 52).text()),
        &ok);
    QVERIFY(ok);
    QVERIFY(o.value(u"token"_s).isDouble());
    QCOMPARE(o.value(u"token"_s).toInteger(), -7);
    QCOMPARE(o.value(u"big"_s).toInteger(), qint64(1) << 52);
}

void TestJsonLogFormatter::numberLikeStringsStayStrings()
{
    bool ok = false;
    const QString text = LogLine(u"m"_s).field(u"record"_s, u"42"_s).field(u"code"_s, u"007"_s).text();
    QCOMPARE(text, uR"(m record="42" code=007)"_s);
    const QJsonObject o = parsedJson(JsonLogFormatter::format(SampleTimestampMs, QtInfoMsg, u"c"_s, text), &ok);
    QVERIFY(ok);
    QVERIFY(o.value(u"record"_s).isString());
    QCOMPARE(o.value(u"record"_s).toString(), u"42"_s);
    QVERIFY(o.value(u"code"_s).isString());
    QCOMPARE(o.value(u"code"_s).toString(), u"007"_s);
}

void TestJsonLogFormatter::escaping_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("quotes") << u"say \"hi\""_s;
    QTest::newRow("backslash") << u"C:\\data\\"_s;
    QTest::newRow("newline") << u"line one\nline two\r\n"_s;
    QTest::newRow("tab and control") << u"a\tb\u0001c\u007f"_s;
    QTest::newRow("non-ASCII") << u"Straße Ærø 東京 😀"_s;
    QTest::newRow("equals and blanks") << u"a=b c=d"_s;
    QTest::newRow("empty") << QString();
}

void TestJsonLogFormatter::escaping()
{
    QFETCH(QString, value);
    const LogLine line = LogLine(u"override reason"_s).field(u"reason"_s, value).field(u"token"_s, qint64(3));
    // The plain-text line stays one line whatever the value holds.
    QVERIFY(!line.text().contains(u'\n'));
    const QByteArray json = JsonLogFormatter::format(SampleTimestampMs, QtWarningMsg, u"c"_s, line.text());
    QVERIFY(!json.contains('\n'));
    bool ok = false;
    const QJsonObject o = parsedJson(json, &ok);
    QVERIFY2(ok, json.constData());
    QCOMPARE(o.value(u"msg"_s).toString(), u"override reason"_s);
    QCOMPARE(o.value(u"reason"_s).toString(), value);
    QCOMPARE(o.value(u"token"_s).toInteger(), 3);
    // Also a bare message (no LogLine, not ending in fields) with the same characters survives the trip.
    const QString raw = u"raw: "_s + value + u" (end)"_s;
    const QJsonObject bare = parsedJson(JsonLogFormatter::format(SampleTimestampMs, QtInfoMsg, u"c"_s, raw), &ok);
    QVERIFY(ok);
    QCOMPARE(bare.value(u"msg"_s).toString(), raw);
}

void TestJsonLogFormatter::levels_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("level");
    QTest::newRow("debug") << int(QtDebugMsg) << u"debug"_s;
    QTest::newRow("info") << int(QtInfoMsg) << u"info"_s;
    QTest::newRow("warning") << int(QtWarningMsg) << u"warning"_s;
    QTest::newRow("critical") << int(QtCriticalMsg) << u"critical"_s;
    QTest::newRow("fatal") << int(QtFatalMsg) << u"fatal"_s;
}

void TestJsonLogFormatter::levels()
{
    QFETCH(int, type);
    QFETCH(QString, level);
    bool ok = false;
    const QJsonObject o =
        parsedJson(JsonLogFormatter::format(SampleTimestampMs, QtMsgType(type), u"c"_s, u"x"_s), &ok);
    QVERIFY(ok);
    QCOMPARE(o.value(u"level"_s).toString(), level);
}

void TestJsonLogFormatter::qdebugQuotedWordsAreNotFields()
{
    // What qCWarning() << "..." << QString produces: the quoted word is part of the message.
    const JsonLogFormatter::Parsed parsed =
        JsonLogFormatter::parse(u"lock store refused the write for \"CL-1\" ; nothing changed"_s);
    QVERIFY(parsed.fields.isEmpty());
    const JsonLogFormatter::Parsed mixed = JsonLogFormatter::parse(u"loaded 3 lock rows, held=1 rows=3"_s);
    QCOMPARE(mixed.message, u"loaded 3 lock rows,"_s);
    QCOMPARE(mixed.fields.size(), 2);
    QCOMPARE(mixed.fields.at(1).key, u"rows"_s);
    QVERIFY(mixed.fields.at(1).isNumber);
}

void TestJsonLogFormatter::reservedKeysArePrefixed()
{
    bool ok = false;
    const QJsonObject o = parsedJson(
        JsonLogFormatter::format(SampleTimestampMs, QtInfoMsg, u"c"_s,
                                 LogLine(u"real"_s).field(u"msg"_s, u"fake"_s).field(u"level"_s, u"x"_s).text()),
        &ok);
    QVERIFY(ok);
    QCOMPARE(o.value(u"msg"_s).toString(), u"real"_s);
    QCOMPARE(o.value(u"level"_s).toString(), u"info"_s);
    QCOMPARE(o.value(u"_msg"_s).toString(), u"fake"_s);
}

void TestJsonLogFormatter::emptyCategoryIsDefault()
{
    bool ok = false;
    const QJsonObject o = parsedJson(JsonLogFormatter::format(0, QtInfoMsg, QString(), u"x"_s), &ok);
    QVERIFY(ok);
    QCOMPARE(o.value(u"category"_s).toString(), u"default"_s);
    QCOMPARE(o.value(u"ts"_s).toString(), u"1970-01-01T00:00:00.000Z"_s);
}

QTEST_GUILESS_MAIN(TestJsonLogFormatter)
#include "tst_jsonlogformatter.moc"
