// ServerList parsing and formatting, and how the recordlock command line's --server uses it.
#include <QTest>

#include "client/serverlist.h"
#include "clientoptions.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

const QUrl A(u"ws://10.0.0.1:8765/ws"_s);
const QUrl B(u"wss://locks.example.com/ws"_s);

} // namespace

class TestServerList : public QObject
{
    Q_OBJECT

private slots:
    void oneUrl()
    {
        const ServerList::Parsed parsed = ServerList::parse(u"ws://10.0.0.1:8765/ws"_s);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.servers, QList<QUrl>{A});
        QVERIFY(parsed.badEntry.isEmpty());
    }

    void commaSeparatedWithBlanks()
    {
        const ServerList::Parsed parsed = ServerList::parse(u"  ws://10.0.0.1:8765/ws ,wss://locks.example.com/ws, "_s);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.servers, (QList<QUrl>{A, B}));
    }

    void severalValuesKeepTheirOrder()
    {
        const ServerList::Parsed parsed
            = ServerList::parse(QStringList{u"wss://locks.example.com/ws"_s, u"ws://10.0.0.1:8765/ws,,"_s});
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.servers, (QList<QUrl>{B, A}));
    }

    void duplicatesAreDropped()
    {
        const ServerList::Parsed parsed = ServerList::parse(u"ws://10.0.0.1:8765/ws, ws://10.0.0.1:8765/ws"_s);
        QCOMPARE(parsed.servers, QList<QUrl>{A});
    }

    void badEntryIsNamed_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("bad");
        QTest::newRow("http") << u"ws://10.0.0.1:8765/ws, http://10.0.0.2/ws"_s << u"http://10.0.0.2/ws"_s;
        QTest::newRow("no scheme") << u"10.0.0.2:8765, ws://10.0.0.1:8765/ws"_s << u"10.0.0.2:8765"_s;
        QTest::newRow("no host") << u"ws:///ws"_s << u"ws:///ws"_s;
        QTest::newRow("word") << u"ws://10.0.0.1:8765/ws,  lockserver  "_s << u"lockserver"_s;
    }

    void badEntryIsNamed()
    {
        QFETCH(QString, value);
        QFETCH(QString, bad);
        const ServerList::Parsed parsed = ServerList::parse(value);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.badEntry, bad);
    }

    void emptyIsNotOk()
    {
        for (const QString &value : {QString(), u" , ,"_s}) {
            const ServerList::Parsed parsed = ServerList::parse(value);
            QVERIFY(!parsed.ok());
            QVERIFY(parsed.badEntry.isEmpty());
            QVERIFY(parsed.servers.isEmpty());
        }
    }

    void formatReadsBack()
    {
        const QString text = ServerList::format({A, B});
        QCOMPARE(text, u"ws://10.0.0.1:8765/ws, wss://locks.example.com/ws"_s);
        QCOMPARE(ServerList::parse(text).servers, (QList<QUrl>{A, B}));
        // One server is stored exactly as before lists existed.
        QCOMPARE(ServerList::format({A}), A.toString());
    }

    void hostAndPort()
    {
        QCOMPARE(ServerList::hostAndPort(A), u"10.0.0.1:8765"_s);
        QCOMPARE(ServerList::hostAndPort(B), u"locks.example.com:443"_s);
        QCOMPARE(ServerList::hostAndPort(QUrl(u"ws://locks.example.com/ws"_s)), u"locks.example.com:80"_s);
        QCOMPARE(ServerList::hostAndPort(QUrl(u"ws://[::1]:9000/ws"_s)), u"[::1]:9000"_s);
        QCOMPARE(ServerList::hostsAndPorts({A, B}), u"10.0.0.1:8765, locks.example.com:443"_s);
    }

    void commandLineTakesRepeatedAndCommaSeparatedServers()
    {
        const ClientOptions options = ClientOptions::parse(
            {u"recordlock"_s, u"--server"_s, u"ws://10.0.0.1:8765/ws,ws://10.0.0.3:8765/ws"_s,
             u"--server=wss://locks.example.com/ws"_s});
        QVERIFY(options.serverGiven);
        QCOMPARE(options.servers,
                 (QList<QUrl>{A, QUrl(u"ws://10.0.0.3:8765/ws"_s), B}));
    }

    void commandLineWithOneServerAsBefore()
    {
        const ClientOptions given = ClientOptions::parse({u"recordlock"_s, u"--server"_s, A.toString()});
        QCOMPARE(given.servers, QList<QUrl>{A});
        const ClientOptions defaults = ClientOptions::parse({u"recordlock"_s});
        QVERIFY(!defaults.serverGiven);
        QCOMPARE(defaults.servers, QList<QUrl>{QUrl(u"ws://127.0.0.1:8765/ws"_s)});
    }
};

QTEST_GUILESS_MAIN(TestServerList)
#include "tst_serverlist.moc"
