#include <memory>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "fakeclock.h"
#include "memorytransport.h"
#include "server/recordlockserver.h"
#include "server/serverconfig.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using recordlock::fuzz::MemoryTransport;

namespace {

const QString Record = u"CL-2026-0001"_s;
const QString OtherRecord = u"CL-2026-0002"_s;

/// One client over a MemoryTransport: what it was sent, and whether the server closed it.
struct MemoryPeer
{
    QList<QJsonObject> received;
    int closeCode = -1;
    QPointer<MemoryTransport> transport;
};

} // namespace

/// ClientHub when a group commit fails (SQLite rolled the transaction back, as it does on a full
/// disk or an I/O error): a session whose connection dropped during that pass must still get its
/// orphan grace, although the rollback undid the grace written in the pass.
class TestClientHubCommitFailure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void sessionDroppedInAFailedPassStillGetsItsGrace();

private:
    std::unique_ptr<MemoryPeer> connectPeer();
    QJsonObject request(MemoryPeer &peer, QJsonObject message);
    QSqlDatabase serverDatabase() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::FakeClock> m_clock;
    std::unique_ptr<RecordLockServer> m_server;
    int m_nextId = 1;
};

void TestClientHubCommitFailure::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<test::FakeClock>();
    ServerConfig config;
    config.dataDir = m_dir->path();
    config.demo = true;
    // libsodium's cheapest argon2id: a login costs microseconds.
    config.passwordHashPasses = 1;
    config.passwordHashMemoryKiB = 8;
    config.connection.keepAliveIntervalMs = 0;
    m_server = std::make_unique<RecordLockServer>(config, *m_clock);
    QString error;
    QVERIFY2(m_server->open(&error), qPrintable(error));
}

void TestClientHubCommitFailure::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<MemoryPeer> TestClientHubCommitFailure::connectPeer()
{
    auto peer = std::make_unique<MemoryPeer>();
    MemoryPeer *raw = peer.get();
    auto transport = std::make_unique<MemoryTransport>(
        [raw](const QString &m) { raw->received.append(QJsonDocument::fromJson(m.toUtf8()).object()); },
        [raw](int code) { raw->closeCode = code; });
    peer->transport = transport.get();
    m_server->connectClient(std::move(transport));
    return peer;
}

QJsonObject TestClientHubCommitFailure::request(MemoryPeer &peer, QJsonObject message)
{
    const int id = m_nextId++;
    message.insert(u"id"_s, id);
    peer.transport->deliver(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    const QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired()) {
        for (const QJsonObject &received : std::as_const(peer.received)) {
            if (received.value(u"type"_s).toString() == u"reply" && received.value(u"id"_s).toInt() == id)
                return received;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return {};
}

QSqlDatabase TestClientHubCommitFailure::serverDatabase() const
{
    // The server's one connection; a probe connection only exists while a health check runs.
    for (const QString &name : QSqlDatabase::connectionNames()) {
        if (!name.endsWith(u"-probe"_s))
            return QSqlDatabase::database(name, false);
    }
    return {};
}

void TestClientHubCommitFailure::sessionDroppedInAFailedPassStillGetsItsGrace()
{
    const auto alice = connectPeer();
    const auto bob = connectPeer();
    QVERIFY(request(*alice, {{u"op"_s, u"login"_s}, {u"user"_s, u"alice"_s}, {u"password"_s, u"alice"_s},
                             {u"sessionId"_s, u"alice-window-1"_s}})
                .value(u"ok"_s)
                .toBool());
    QVERIFY(request(*bob, {{u"op"_s, u"login"_s}, {u"user"_s, u"bob"_s}, {u"password"_s, u"bob"_s},
                           {u"sessionId"_s, u"bob-window-1"_s}})
                .value(u"ok"_s)
                .toBool());
    QVERIFY(request(*alice, {{u"op"_s, u"acquire"_s}, {u"recordId"_s, Record}}).value(u"ok"_s).toBool());

    // Alice's connection drops; the server hears of it from the event loop. Before that, Bob's
    // request opens a group commit, so the drop (and the grace it writes) joins Bob's pass.
    alice->transport->dropFromPeer();
    bob->transport->deliver(QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"id"_s, 999}, {u"op"_s, u"acquire"_s}, {u"recordId"_s, OtherRecord}})
            .toJson(QJsonDocument::Compact)));
    QCoreApplication::sendPostedEvents(alice->transport, QEvent::MetaCall);

    // SQLite rolls the pass back by itself (full disk, I/O error); its COMMIT then fails.
    QSqlDatabase db = serverDatabase();
    QVERIFY(db.isOpen());
    QSqlQuery rollback(db);
    QVERIFY2(rollback.exec(u"ROLLBACK"_s), qPrintable(rollback.lastError().text()));
    rollback.finish();

    // The commit fails: Bob's reply is discarded and his connection closed...
    QTRY_COMPARE_WITH_TIMEOUT(bob->closeCode, int(QWebSocketProtocol::CloseCodeBadOperation), 5'000);

    // ...and Alice's lock, read back from the database, waits out the orphan grace again.
    const auto carol = connectPeer();
    QVERIFY(request(*carol, {{u"op"_s, u"login"_s}, {u"user"_s, u"carol"_s}, {u"password"_s, u"carol"_s},
                             {u"sessionId"_s, u"carol-window-1"_s}})
                .value(u"ok"_s)
                .toBool());
    const QJsonObject lock =
        request(*carol, {{u"op"_s, u"get_lock"_s}, {u"recordId"_s, Record}}).value(u"result"_s).toObject().value(
            u"lock"_s).toObject();
    QCOMPARE(lock.value(u"state"_s).toString(), u"held"_s);
    QCOMPARE(lock.value(u"connected"_s).toBool(true), false);
    QVERIFY(lock.value(u"orphanDeadline"_s).toInteger() > m_clock->nowMs());
    // Bob's acquire was rolled back with the pass.
    const QJsonObject other =
        request(*carol, {{u"op"_s, u"get_lock"_s}, {u"recordId"_s, OtherRecord}}).value(u"result"_s).toObject().value(
            u"lock"_s).toObject();
    QCOMPARE(other.value(u"state"_s).toString(), u"free"_s);
}

QTEST_GUILESS_MAIN(TestClientHubCommitFailure)
#include "tst_clienthubcommitfailure.moc"
