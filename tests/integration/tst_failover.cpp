// The desktop client's Connection given several servers: two real recordlockd instances that
// share users and signing secret (B starts on a copy of A's data directory) on 127.0.0.1 port 0.
// Killing the server in use moves the client to the other one, where it resumes its session with
// the same token and session id, without a password.

#include <memory>
#include <optional>
#include <vector>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "client/connection.h"
#include "common/systemclock.h"
#include "protocol/names.h"
#include "opensslrun.h"
#include "serverprocess.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

using State = Connection::State;

namespace {

constexpr int FailoverTimeoutMs = 10'000;

/// Copies every file under from into to (which exists), keeping subdirectories.
bool copyTree(const QString &from, const QString &to)
{
    const QDir source(from);
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = QDir(to).filePath(source.relativeFilePath(file));
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(file, target))
            return false;
    }
    return true;
}

/// count distinct ws:// URLs on which nothing listens (ports that were free a moment ago).
QList<QUrl> deadUrls(int count)
{
    // All probes listen at once, so the ports differ.
    std::vector<std::unique_ptr<QTcpServer>> probes;
    QList<QUrl> urls;
    for (int i = 0; i < count; ++i) {
        probes.push_back(std::make_unique<QTcpServer>());
        if (!probes.back()->listen(QHostAddress::LocalHost, 0))
            return {};
        urls.append(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(probes.back()->serverPort())));
    }
    return urls;
}

} // namespace

class TestFailover : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void dropMovesToTheNextServerAndResumes();
    void unreachableFirstServerIsSkippedAtSignIn();
    void signInFailsAfterOnePassOverDeadServers();
    void backoffOnlyOnceEveryServerFailed();
    void refusedCertificateIsReportedWhileTheNextServerIsUsed();

private:
    /// A new data directory holding a copy of the prepared one (same users, same secret).
    QString copyOfData();
    /// A connection with short, predictable reconnect delays.
    std::unique_ptr<Connection> makeConnection();
    /// Opens servers and signs in as alice; true once Online.
    bool signIn(Connection &connection, const QList<QUrl> &servers);

    SystemClock m_clock;
    QTemporaryDir m_scratch;
    QString m_template;
    int m_copies = 0;
    std::unique_ptr<ServerProcess> m_a;
    std::unique_ptr<ServerProcess> m_b;
};

void TestFailover::initTestCase()
{
    QVERIFY(m_scratch.isValid());
    // One server run creates the users and the signing secret; every server of a test then starts
    // on its own copy, as instances of one installation would.
    m_template = m_scratch.filePath(u"template"_s);
    QVERIFY(QDir().mkpath(m_template));
    ServerOptions options;
    options.dataDir = m_template;
    ServerProcess seed(options);
    QVERIFY2(seed.start(), qPrintable(seed.output()));
    seed.stop(); // a clean stop: the database is complete on disk before it is copied
    QVERIFY2(seed.exitedCleanly(), qPrintable(seed.output()));
    QVERIFY(QFile::exists(QDir(m_template).filePath(u"secret.key"_s)));
}

void TestFailover::init()
{
    ServerOptions a;
    a.dataDir = copyOfData();
    ServerOptions b;
    b.dataDir = copyOfData();
    m_a = std::make_unique<ServerProcess>(a);
    m_b = std::make_unique<ServerProcess>(b);
    QVERIFY2(m_a->start(), qPrintable(m_a->output()));
    QVERIFY2(m_b->start(), qPrintable(m_b->output()));
}

void TestFailover::cleanup()
{
    m_a.reset();
    m_b.reset();
}

QString TestFailover::copyOfData()
{
    const QString dir = m_scratch.filePath(u"data-%1"_s.arg(++m_copies));
    if (!QDir().mkpath(dir) || !copyTree(m_template, dir))
        return {};
    return dir;
}

std::unique_ptr<Connection> TestFailover::makeConnection()
{
    auto connection = std::make_unique<Connection>(m_clock);
    connection->setBackoff(Backoff(200, 400, Backoff::Jitter::Equal, [] { return 0.5; }));
    return connection;
}

bool TestFailover::signIn(Connection &connection, const QList<QUrl> &servers)
{
    connection.open(servers);
    connection.login(u"alice"_s, u"alice"_s);
    return QTest::qWaitFor([&connection] { return connection.isOnline(); }, FailoverTimeoutMs);
}

void TestFailover::dropMovesToTheNextServerAndResumes()
{
    const std::unique_ptr<Connection> connection = makeConnection();
    QVERIFY(signIn(*connection, {m_a->wsUrl(), m_b->wsUrl()}));
    QCOMPARE(connection->url(), m_a->wsUrl());
    const SessionInfo first = connection->session();
    QVERIFY(!first.token.isEmpty());

    QSignalSpy reconnected(connection.get(), &Connection::reconnected);
    QSignalSpy failed(connection.get(), &Connection::signInFailed);
    QSignalSpy states(connection.get(), &Connection::stateChanged);
    QSignalSpy servers(connection.get(), &Connection::serverChanged);
    m_a->kill9();

    QTRY_COMPARE_WITH_TIMEOUT(reconnected.count(), 1, FailoverTimeoutMs);
    QVERIFY(connection->isOnline());
    QCOMPARE(connection->url(), m_b->wsUrl());
    QCOMPARE(servers.count(), 1);
    QCOMPARE(servers.at(0).at(0).toUrl(), m_b->wsUrl());
    QCOMPARE(failed.count(), 0);
    // Resumed, not signed in anew: the same session and token, which B accepts as A's.
    QCOMPARE(connection->sessionId(), first.sessionId);
    QCOMPARE(connection->session().sessionId, first.sessionId);
    QCOMPARE(connection->session().token, first.token);
    QCOMPARE(connection->session().userHandle, first.userHandle);
    // A was retried once after the first backoff step (a blip must not move the client); its
    // refusal sent the client on to B at once, without a second wait.
    int waits = 0;
    for (const QList<QVariant> &change : std::as_const(states))
        waits += change.at(0).value<State>() == State::WaitingToReconnect ? 1 : 0;
    QCOMPARE(waits, 1);
    QCOMPARE(connection->reconnectAttempt(), 0);

    // B serves requests of the resumed session.
    std::optional<ServerMessage> reply;
    connection->request(ops::ListRecords, {}, this, [&reply](const ServerMessage &message) { reply = message; });
    QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), FailoverTimeoutMs);
    QVERIFY2(reply->ok, qPrintable(reply->error.message));
}

void TestFailover::unreachableFirstServerIsSkippedAtSignIn()
{
    const QList<QUrl> dead = deadUrls(1);
    QCOMPARE(dead.size(), 1);
    const std::unique_ptr<Connection> connection = makeConnection();
    QSignalSpy failed(connection.get(), &Connection::signInFailed);
    QVERIFY(signIn(*connection, {dead.at(0), m_b->wsUrl()}));
    QCOMPARE(connection->url(), m_b->wsUrl());
    QCOMPARE(failed.count(), 0);
    QVERIFY(connection->connectError().isEmpty());
    QCOMPARE(connection->session().displayName, u"Alice Archer"_s);
}

void TestFailover::signInFailsAfterOnePassOverDeadServers()
{
    m_a.reset();
    m_b.reset();
    const QList<QUrl> dead = deadUrls(2);
    QCOMPARE(dead.size(), 2);
    const QUrl first = dead.at(0);
    const QUrl second = dead.at(1);
    const std::unique_ptr<Connection> connection = makeConnection();
    QSignalSpy failed(connection.get(), &Connection::signInFailed);
    connection->open({first, second});
    QSignalSpy servers(connection.get(), &Connection::serverChanged);
    connection->login(u"alice"_s, u"alice"_s);

    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, FailoverTimeoutMs);
    const auto error = failed.at(0).at(0).value<ProtocolError>();
    QCOMPARE(error.code, ErrorCode::Unavailable);
    QCOMPARE(connection->state(), State::Offline);
    // Both were tried: to the second, then back to the first for whatever comes next.
    QCOMPARE(servers.count(), 2);
    QCOMPARE(servers.at(0).at(0).toUrl(), second);
    QCOMPARE(servers.at(1).at(0).toUrl(), first);
    // A sign-in is answered after one pass; it does not keep retrying in the background.
    QVERIFY(!QTest::qWaitFor([&connection] { return connection->state() != State::Offline; }, 500));
}

void TestFailover::backoffOnlyOnceEveryServerFailed()
{
    const std::unique_ptr<Connection> connection = makeConnection();
    // Long enough to be seen waiting: 1.5 s after the first failed pass.
    connection->setBackoff(Backoff(2000, 4000, Backoff::Jitter::Equal, [] { return 0.5; }));
    QVERIFY(signIn(*connection, {m_a->wsUrl(), m_b->wsUrl()}));
    QSignalSpy reconnected(connection.get(), &Connection::reconnected);
    QSignalSpy states(connection.get(), &Connection::stateChanged);
    m_b->stop();
    m_a->kill9();

    // The drop: A is retried first, after the first backoff step (1.5 s).
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), State::WaitingToReconnect, FailoverTimeoutMs);
    QCOMPARE(connection->reconnectAttempt(), 1);
    QCOMPARE(connection->url(), m_a->wsUrl());
    QVERIFY(connection->reconnectInMs() > 0 && connection->reconnectInMs() <= 1500);
    // A's and B's refusals make a failed pass (B tried straight after A): the next step, 3 s.
    QTRY_VERIFY_WITH_TIMEOUT(connection->reconnectAttempt() == 3 && connection->state() == State::WaitingToReconnect,
                             FailoverTimeoutMs);
    QCOMPARE(connection->url(), m_a->wsUrl());
    QVERIFY(connection->reconnectInMs() > 0 && connection->reconnectInMs() <= 3000);
    bool triedB = false;
    for (const QList<QVariant> &change : std::as_const(states))
        triedB = triedB || change.at(0).value<State>() == State::Connecting;
    QVERIFY(triedB);

    QVERIFY2(m_a->restart(true), qPrintable(m_a->output()));
    QTRY_COMPARE_WITH_TIMEOUT(reconnected.count(), 1, FailoverTimeoutMs);
    QVERIFY(connection->isOnline());
    QCOMPARE(connection->url(), m_a->wsUrl());
    QCOMPARE(connection->reconnectAttempt(), 0);
}

void TestFailover::refusedCertificateIsReportedWhileTheNextServerIsUsed()
{
    // A TLS instance with a self-signed certificate the client does not trust.
    const QString tlsDir = m_scratch.filePath(u"tls"_s);
    if (!QFile::exists(QDir(tlsDir).filePath(u"server.pem"_s))) {
        QVERIFY(QDir().mkpath(tlsDir));
        const QString failure = runOpenssl(
            tlsDir, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                     u"-nodes"_s, u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.pem"_s, u"-days"_s, u"2"_s,
                     u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s});
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }
    ServerOptions options;
    options.dataDir = copyOfData();
    options.tlsCertFile = QDir(tlsDir).filePath(u"server.pem"_s);
    options.tlsKeyFile = QDir(tlsDir).filePath(u"server.key"_s);
    ServerProcess untrusted(options);
    QVERIFY2(untrusted.start(), qPrintable(untrusted.output()));
    QCOMPARE(untrusted.wsUrl().scheme(), u"wss"_s);

    // Signed in on B, the refusal stays visible.
    const std::unique_ptr<Connection> connection = makeConnection();
    QVERIFY(signIn(*connection, {untrusted.wsUrl(), m_b->wsUrl()}));
    QCOMPARE(connection->url(), m_b->wsUrl());
    QCOMPARE(connection->certificateRefusal().server, untrusted.wsUrl());
    QVERIFY2(connection->certificateRefusal().reason.contains(u"certificate"_s),
             qPrintable(connection->certificateRefusal().reason));

    // With no other server to fall back to, the sign-in fails as a certificate problem (which
    // retrying will not fix), naming the server, even though the last attempt was a plain refusal.
    m_b->stop();
    const std::unique_ptr<Connection> second = makeConnection();
    QSignalSpy failed(second.get(), &Connection::signInFailed);
    second->open({untrusted.wsUrl(), m_b->wsUrl()});
    second->login(u"alice"_s, u"alice"_s);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, FailoverTimeoutMs);
    const auto error = failed.at(0).at(0).value<ProtocolError>();
    QCOMPARE(error.code, ErrorCode::Unavailable);
    QCOMPARE(error.details.value(u"reason"_s).toString(), u"certificate"_s);
    QVERIFY2(error.message.startsWith(u"127.0.0.1:%1: "_s.arg(untrusted.port())), qPrintable(error.message));
    QVERIFY(second->certificateRefused());
}

QTEST_GUILESS_MAIN(TestFailover)
#include "tst_failover.moc"
