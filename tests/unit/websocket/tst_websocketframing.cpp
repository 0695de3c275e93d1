#include <QTest>

#include "websocket/websocketframereader.h"
#include "websocket/websocketframewriter.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

using Opcode = WebSocketFrameReader::Opcode;

namespace {

/// An unmasked frame as a server sends it, with the shortest length form.
QByteArray serverFrame(quint8 opcode, const QByteArray &payload, bool fin = true)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0) | opcode));
    const quint64 length = quint64(payload.size());
    if (length < 126) {
        frame.append(char(length));
    } else if (length <= 0xffff) {
        frame.append(char(126));
        frame.append(char(length >> 8));
        frame.append(char(length & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((length >> shift) & 0xff));
    }
    return frame + payload;
}

constexpr qint64 Limit = 1 << 20;

} // namespace

/// WebSocketFrameReader and WebSocketFrameWriter against RFC 6455's examples (section 5.7)
/// and its rules, fed bytes without sockets.
class TestWebSocketFraming : public QObject
{
    Q_OBJECT

private slots:
    void readsTheRfcUnmaskedText()
    {
        WebSocketFrameReader reader(Limit);
        reader.append(QByteArray::fromHex("810548656c6c6f"));
        const auto message = reader.next();
        QVERIFY(message);
        QCOMPARE(message->opcode, Opcode::Text);
        QCOMPARE(message->payload, "Hello"_ba);
        QVERIFY(!reader.next());
        QVERIFY(!reader.failed());
    }

    void joinsTheRfcFragmentsAroundAPing()
    {
        WebSocketFrameReader reader(Limit);
        // "Hel", a ping (control frames may come between fragments), then "lo".
        const QByteArray bytes = QByteArray::fromHex("010348656c") + QByteArray::fromHex("890548656c6c6f")
            + QByteArray::fromHex("80026c6f");
        reader.append(bytes);
        const auto ping = reader.next();
        QVERIFY(ping);
        QCOMPARE(ping->opcode, Opcode::Ping);
        QCOMPARE(ping->payload, "Hello"_ba);
        const auto text = reader.next();
        QVERIFY(text);
        QCOMPARE(text->opcode, Opcode::Text);
        QCOMPARE(text->payload, "Hello"_ba);
        QVERIFY(!reader.failed());
    }

    void readsByteByByteAndAllLengthForms_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("7-bit") << 125;
        QTest::newRow("16-bit") << 256;
        QTest::newRow("64-bit") << 65536;
    }

    void readsByteByByteAndAllLengthForms()
    {
        QFETCH(int, size);
        QByteArray payload(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            payload[i] = char('a' + i % 26);
        const QByteArray bytes = serverFrame(0x2, payload) + serverFrame(0x1, "next"_ba);
        WebSocketFrameReader reader(Limit);
        QList<WebSocketFrameReader::Message> messages;
        for (const char byte : bytes) {
            reader.append(QByteArrayView(&byte, 1));
            while (auto message = reader.next())
                messages.append(*message);
        }
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].opcode, Opcode::Binary);
        QCOMPARE(messages[0].payload, payload);
        QCOMPARE(messages[1].payload, "next"_ba);
    }

    void refusesViolations_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("masked") << QByteArray::fromHex("818537fa213d7f9f4d5158") << u"masked"_s;
        QTest::newRow("reserved bit") << QByteArray::fromHex("c10548656c6c6f") << u"reserved"_s;
        QTest::newRow("unknown opcode") << QByteArray::fromHex("830100") << u"unknown opcode 3"_s;
        QTest::newRow("fragmented ping") << QByteArray::fromHex("0900") << u"control frame"_s;
        QTest::newRow("long close") << serverFrame(0x8, QByteArray(126, 'x')) << u"control frame"_s;
        QTest::newRow("stray continuation") << QByteArray::fromHex("800100") << u"continuation"_s;
        QTest::newRow("text inside fragments") << QByteArray::fromHex("01016181016282") << u"before the fragmented"_s;
        QTest::newRow("long 16-bit form") << QByteArray::fromHex("817e0005") << u"shortest"_s;
        QTest::newRow("long 64-bit form") << QByteArray::fromHex("817f0000000000000005") << u"shortest"_s;
        QTest::newRow("64-bit top bit") << QByteArray::fromHex("817f8000000000000000") << u"most significant"_s;
        QTest::newRow("over the limit") << QByteArray::fromHex("827f0000000000100001") << u"longer than"_s;
    }

    void refusesViolations()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        WebSocketFrameReader reader(Limit);
        reader.append(bytes);
        QVERIFY(!reader.next());
        QVERIFY(reader.failed());
        QVERIFY2(reader.error().contains(error), qPrintable(reader.error()));
        // Nothing more comes out once failed, whatever follows.
        reader.append(serverFrame(0x1, "after"_ba));
        QVERIFY(!reader.next());
    }

    void fragmentsCountTowardsTheLimit()
    {
        WebSocketFrameReader reader(10);
        reader.append(serverFrame(0x1, "123456"_ba, false));
        QVERIFY(!reader.next());
        QVERIFY(!reader.failed());
        reader.append(serverFrame(0x0, "7890x"_ba));
        QVERIFY(!reader.next());
        QVERIFY(reader.failed());
    }

    void writesTheRfcMaskedText()
    {
        QCOMPARE(WebSocketFrameWriter::encode(Opcode::Text, "Hello"_ba, 0x37fa213d).toHex(),
                 "818537fa213d7f9f4d5158"_ba);
    }

    void writesLongFramesMasked()
    {
        const QByteArray payload(70000, 'z');
        const QByteArray frame = WebSocketFrameWriter::encode(Opcode::Binary, payload, 0x01020304);
        QCOMPARE(quint8(frame[0]), 0x82);
        QCOMPARE(quint8(frame[1]), 0x80 | 127);
        QCOMPARE(frame.mid(2, 8).toHex(), "0000000000011170"_ba);
        QCOMPARE(frame.mid(10, 4).toHex(), "01020304"_ba);
        QCOMPARE(frame.size(), 14 + payload.size());
        const char mask[4] = {1, 2, 3, 4};
        for (int i = 0; i < payload.size(); ++i) {
            if (char(frame[14 + i] ^ mask[i % 4]) != 'z')
                QFAIL(qPrintable(u"byte %1 is not masked correctly"_s.arg(i)));
        }
        const QByteArray medium = WebSocketFrameWriter::encode(Opcode::Text, QByteArray(300, 'm'), 0);
        QCOMPARE(medium.left(4).toHex(), "81fe012c"_ba);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketFraming)
#include "tst_websocketframing.moc"
