#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include "protocol/jsonwriter.h"
#include "protocol/lockinfo.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

QByteArray viaQt(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// {"s": text} written by JsonWriter.
QByteArray writtenString(const QString &text)
{
    JsonWriter out;
    out.beginObject();
    out.key("s"_L1);
    out.string(text);
    out.endObject();
    return out.take();
}

QByteArray written(const LockInfo &info)
{
    JsonWriter out;
    info.writeJson(out);
    return out.take();
}

/// Strings that JSON escaping must get right: quotes, backslashes, every control character,
/// DEL, non-ASCII (two-, three- and four-byte UTF-8), U+2028, an unpaired surrogate.
QStringList awkwardStrings()
{
    QStringList strings{u""_s, u"Alice Archer"_s, u"say \"hi\"\\now"_s, u"tab\there\r\nnext"_s,
                        u"\u007f del"_s, u"Zoë Ørsted 張偉"_s, u"emoji \U0001F600"_s, u"line\u2028sep"_s};
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls += QChar(c);
    strings << controls;
    strings << QString(QChar(0xd800)) + u"lone"_s;
    return strings;
}

} // namespace

/// JsonWriter must write what QJsonDocument writes: the oracle is Qt's own encoder.
class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nestedObjectsMatchQt();
    void stringsAreEscapedLikeQt();
    void lockInfoMatchesToJson_data();
    void lockInfoMatchesToJson();
    void randomStringsMatchQt();
};

void TestJsonWriter::nestedObjectsMatchQt()
{
    JsonWriter out;
    out.beginObject();
    out.key("a"_L1);
    out.number(-9'007'199'254'740'992);
    out.key("b"_L1);
    out.beginObject();
    out.endObject();
    out.key("c"_L1);
    out.beginObject();
    out.key("x"_L1);
    out.boolean(false);
    out.key("y"_L1);
    out.string(u"nested"_s);
    out.endObject();
    out.key("d"_L1);
    out.boolean(true);
    out.endObject();
    const QJsonObject expected{{u"a"_s, qint64(-9'007'199'254'740'992)},
                               {u"b"_s, QJsonObject{}},
                               {u"c"_s, QJsonObject{{u"x"_s, false}, {u"y"_s, u"nested"_s}}},
                               {u"d"_s, true}};
    QCOMPARE(out.take(), viaQt(expected));
}

void TestJsonWriter::stringsAreEscapedLikeQt()
{
    for (const QString &text : awkwardStrings())
        QCOMPARE(writtenString(text), viaQt(QJsonObject{{u"s"_s, text}}));
}

void TestJsonWriter::lockInfoMatchesToJson_data()
{
    QTest::addColumn<LockInfo>("info");
    LockInfo free;
    free.recordId = u"CL-2026-0001"_s;
    free.seq = 7;
    QTest::newRow("free") << free;
    LockInfo held = free;
    held.held = true;
    held.holderHandle = u"u_alice"_s;
    held.holderName = u"Alice \"Al\" Archer"_s;
    held.since = 1'763'776'800'000;
    held.expiresAt = 1'763'776'830'000;
    held.seq = 9'007'199'254'740'991;
    QTest::newRow("held by another user") << held;
    LockInfo mine = held;
    mine.sameUser = true;
    mine.sameSession = true;
    mine.token = 42;
    QTest::newRow("held by this session") << mine;
    LockInfo sameUserOtherWindow = mine;
    sameUserOtherWindow.sameSession = false;
    sameUserOtherWindow.token = 0;
    QTest::newRow("held by this user elsewhere") << sameUserOtherWindow;
    LockInfo orphaned = mine;
    orphaned.connected = false;
    orphaned.orphanDeadline = 1'763'776'815'000;
    QTest::newRow("holder disconnected") << orphaned;
    for (const QString &name : awkwardStrings()) {
        LockInfo named = held;
        named.holderName = name;
        named.holderHandle = name;
        QTest::newRow(QByteArray("name " + name.toUtf8().toHex()).constData()) << named;
    }
}

void TestJsonWriter::lockInfoMatchesToJson()
{
    QFETCH(LockInfo, info);
    QCOMPARE(written(info), viaQt(info.toJson()));
}

void TestJsonWriter::randomStringsMatchQt()
{
    // A bounded sweep over random UTF-16 text (surrogates and controls included).
    QRandomGenerator random(20261206);
    for (int round = 0; round < 2'000; ++round) {
        QString text;
        const int length = int(random.bounded(12));
        for (int i = 0; i < length; ++i) {
            const quint32 pick = random.bounded(4);
            const char16_t c = pick == 0   ? char16_t(random.bounded(0x20))
                               : pick == 1 ? char16_t(0x20 + random.bounded(0x60))
                                           : char16_t(random.bounded(0x10000));
            text += QChar(c);
        }
        QCOMPARE(writtenString(text), viaQt(QJsonObject{{u"s"_s, text}}));
    }
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
