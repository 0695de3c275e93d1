#include <memory>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "fakeclock.h"
#include "server/clientconnection.h"
#include "server/database.h"
#include "server/groupcommit.h"
#include "server/messagetransport.h"
#include "server/sqllockstore.h"
#include "seqrows.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::storagetest;

namespace {

/// What a peer would have received: messages, in order, and the close code (0: still open).
struct PeerLog
{
    QStringList messages;
    int closeCode = 0;
};

/// A MessageTransport that records what the server sends into a PeerLog.
class GroupCommitTestTransport final : public MessageTransport
{
public:
    explicit GroupCommitTestTransport(PeerLog &log)
        : m_log(log)
    {
    }
    void sendTextMessage(const QString &message) override { m_log.messages.append(message); }
    qint64 bytesToWrite() const override { return 0; }
    void close(QWebSocketProtocol::CloseCode code, const QString &) override { m_log.closeCode = int(code); }
    void abort() override { m_log.closeCode = -1; }
    void ping() override {}
    QHostAddress peerAddress() const override { return QHostAddress(QHostAddress::LocalHost); }
    quint16 peerPort() const override { return 1; }

private:
    PeerLog &m_log;
};

} // namespace

/// GroupCommit with real SQLite files and ClientConnections over a recording transport: one
/// transaction per event-loop pass, and no output before its commit.
class TestGroupCommit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void writesOfOnePassShareOneCommit();
    void outputWaitsForTheCommit();
    void closeFollowsTheHeldReplies();
    void withoutAnOpenPassOutputLeavesAtOnce();
    void failedCommitDiscardsOutputAndCloses1011();
    void relaxedCommitWaitsForCompany();
    void promptRequestCommitsRelaxedWritesWithIt();

private:
    std::unique_ptr<ClientConnection> connectPeer(PeerLog &log);

    QTemporaryDir m_dir;
    test::FakeClock m_clock;
    std::unique_ptr<Database> m_writer;
    std::unique_ptr<Database> m_reader;
    std::unique_ptr<SqlLockStore> m_store;
    std::unique_ptr<GroupCommit> m_commit;
};

void TestGroupCommit::init()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(u"groupcommit.db"_s);
    QFile::remove(path);
    m_writer = std::make_unique<Database>(path);
    QVERIFY2(m_writer->open(), qPrintable(m_writer->lastError()));
    m_reader = std::make_unique<Database>(path);
    QVERIFY2(m_reader->open(), qPrintable(m_reader->lastError()));
    m_store = std::make_unique<SqlLockStore>(*m_writer);
    m_commit = std::make_unique<GroupCommit>(m_writer->db());
}

void TestGroupCommit::cleanup()
{
    m_commit.reset();
    m_store.reset();
    m_reader.reset();
    m_writer.reset();
}

std::unique_ptr<ClientConnection> TestGroupCommit::connectPeer(PeerLog &log)
{
    auto connection = std::make_unique<ClientConnection>(std::make_unique<GroupCommitTestTransport>(log), m_clock,
                                                         ConnectionSettings{});
    connection->setOutputGate(m_commit.get());
    return connection;
}

void TestGroupCommit::writesOfOnePassShareOneCommit()
{
    m_commit->begin();
    QVERIFY(m_commit->isOpen());
    QVERIFY(m_store->write(seqRow(u"CL-1"_s, 1)));
    m_commit->begin(); // a second request of the same pass joins the open transaction
    QVERIFY(m_store->write(seqRow(u"CL-2"_s, 1)));
    // Another connection sees neither row until the pass ends.
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), -1);
    QCOMPARE(storedSeq(*m_reader, u"CL-2"_s), -1);

    QTRY_VERIFY(!m_commit->isOpen()); // committed by the next pass of the event loop
    QCOMPARE(m_commit->commitCount(), 1);
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), 1);
    QCOMPARE(storedSeq(*m_reader, u"CL-2"_s), 1);
}

void TestGroupCommit::outputWaitsForTheCommit()
{
    PeerLog first;
    PeerLog second;
    const auto a = connectPeer(first);
    const auto b = connectPeer(second);
    m_commit->begin();
    QVERIFY(m_store->write(seqRow(u"CL-1"_s, 7)));
    a->sendEncoded(u"reply-a"_s);
    b->sendEncoded(u"event-b"_s);
    a->sendEncoded(u"event-a"_s);
    QVERIFY(first.messages.isEmpty());
    QVERIFY(second.messages.isEmpty());

    QVERIFY(m_commit->commit());
    QCOMPARE(first.messages, (QStringList{u"reply-a"_s, u"event-a"_s}));
    QCOMPARE(second.messages, QStringList{u"event-b"_s});
    // Whatever a peer was told is already durable.
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), 7);
}

void TestGroupCommit::closeFollowsTheHeldReplies()
{
    PeerLog log;
    const auto connection = connectPeer(log);
    m_commit->begin();
    connection->sendEncoded(u"logout-reply"_s);
    connection->closeWith(QWebSocketProtocol::CloseCodeNormal, u"logged out"_s);
    QCOMPARE(log.closeCode, 0);
    QVERIFY(log.messages.isEmpty());

    QVERIFY(m_commit->commit());
    QCOMPARE(log.messages, QStringList{u"logout-reply"_s});
    QCOMPARE(log.closeCode, int(QWebSocketProtocol::CloseCodeNormal));
}

void TestGroupCommit::withoutAnOpenPassOutputLeavesAtOnce()
{
    PeerLog log;
    const auto connection = connectPeer(log);
    QVERIFY(!m_commit->isOpen());
    connection->sendEncoded(u"pong"_s);
    QCOMPARE(log.messages, QStringList{u"pong"_s});
}

void TestGroupCommit::failedCommitDiscardsOutputAndCloses1011()
{
    PeerLog log;
    const auto connection = connectPeer(log);
    QSignalSpy failed(m_commit.get(), &GroupCommit::commitFailed);
    m_commit->begin();
    QVERIFY(m_store->write(seqRow(u"CL-1"_s, 3)));
    connection->sendEncoded(u"reply-about-CL-1"_s);
    // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, I/O errors); the
    // COMMIT then fails. Do the same here.
    QSqlQuery query(m_writer->db());
    QVERIFY(query.exec(u"ROLLBACK"_s));

    QVERIFY(!m_commit->commit());
    QCOMPARE(failed.size(), 1);
    QVERIFY(log.messages.isEmpty());
    QCOMPARE(log.closeCode, int(QWebSocketProtocol::CloseCodeBadOperation));
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), -1);
    QVERIFY(!m_commit->isOpen());
    // The next pass works again.
    QSignalSpy committed(m_commit.get(), &GroupCommit::committed);
    m_commit->begin();
    QVERIFY(m_store->write(seqRow(u"CL-1"_s, 4)));
    QVERIFY(m_commit->commit());
    QCOMPARE(committed.size(), 1);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), 4);
}

void TestGroupCommit::relaxedCommitWaitsForCompany()
{
    // Long enough that the two passes below cannot outlast it even on a loaded machine.
    constexpr int DelayMs = 1'000;
    m_commit->setRelaxedCommitMs(DelayMs);
    PeerLog log;
    const auto connection = connectPeer(log);
    QElapsedTimer elapsed;
    elapsed.start();
    m_commit->open();
    QVERIFY(m_store->write(seqRow(u"CL-1"_s, 1)));
    connection->sendEncoded(u"renewed-1"_s);
    m_commit->schedule(CommitUrgency::Relaxed);
    // Passes go by without a commit: a later relaxed write joins the same transaction.
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QVERIFY(m_commit->isOpen());
    QVERIFY(log.messages.isEmpty());
    m_commit->open();
    QVERIFY(m_store->write(seqRow(u"CL-2"_s, 1)));
    connection->sendEncoded(u"renewed-2"_s);
    m_commit->schedule(CommitUrgency::Relaxed);
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), -1);

    QTRY_VERIFY_WITH_TIMEOUT(!m_commit->isOpen(), 5 * DelayMs);
    QVERIFY(elapsed.elapsed() >= DelayMs * 9 / 10); // a coarse timer may fire 5% early
    QCOMPARE(m_commit->commitCount(), 1);
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), 1);
    QCOMPARE(storedSeq(*m_reader, u"CL-2"_s), 1);
    QCOMPARE(log.messages, (QStringList{u"renewed-1"_s, u"renewed-2"_s}));
}

void TestGroupCommit::promptRequestCommitsRelaxedWritesWithIt()
{
    PeerLog log;
    const auto connection = connectPeer(log);
    m_commit->open();
    QVERIFY(m_store->write(seqRow(u"CL-1"_s, 1)));
    connection->sendEncoded(u"renewed"_s);
    m_commit->schedule(CommitUrgency::Relaxed);
    m_commit->open(); // another request of the same pass, one that must not wait
    QVERIFY(m_store->write(seqRow(u"CL-2"_s, 1)));
    connection->sendEncoded(u"acquired"_s);
    m_commit->schedule(CommitUrgency::Prompt);
    // One pass: the posted commit runs, far sooner than the relaxed delay.
    QCoreApplication::sendPostedEvents();
    QVERIFY(!m_commit->isOpen());
    QCOMPARE(m_commit->commitCount(), 1);
    QCOMPARE(log.messages, (QStringList{u"renewed"_s, u"acquired"_s}));
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), 1);
    QCOMPARE(storedSeq(*m_reader, u"CL-2"_s), 1);
    // The relaxed timer died with that commit: nothing commits twice.
    QTest::qWait(GroupCommit::RelaxedCommitMs * 2);
    QCOMPARE(m_commit->commitCount(), 1);
}

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "tst_groupcommit.moc"
