// recordlockd with --tls-cert/--tls-key serves wss:// and https:// only (docs/protocol.md,
// "Transport"). The test makes its own CA and a server certificate for 127.0.0.1 and localhost
// with the openssl command, so nothing depends on the machine's trust store.

#include <memory>
#include <optional>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

#include "client/connection.h"
#include "common/systemclock.h"
#include "protocol/names.h"
#include "protocol/protocolerror.h"
#include "opensslrun.h"
#include "protocolargs.h"
#include "rawconnection.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

constexpr int UpgradeTimeoutMs = 1500;
const QString RecordId = u"CL-2026-0001"_s;

QByteArray paddedPing(qsizetype size)
{
    const QByteArray head = R"({"id":"padded","op":"ping","padding":")";
    const QByteArray tail = R"("})";
    return head + QByteArray(size - head.size() - tail.size(), 'x') + tail;
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void loginAndAcquireOverWss();
    void untrustedCertificateIsReportedAndNotRetried();
    void plainClientsGetNothing();
    void healthzOverHttps();
    void oversizedMessageClosesOnlyThatConnection();
    void stalledHandshakeIsClosedAtTheDeadline();
    void badIdentityStopsTheServer_data();
    void badIdentityStopsTheServer();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QList<QSslCertificate> m_ca;
    std::unique_ptr<ServerProcess> m_server;
    SystemClock m_clock;
};

void TestTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString ec = u"ec_paramgen_curve:prime256v1"_s;
    QString failure = runOpenssl(m_dir.path(), {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, ec,
                                                u"-nodes"_s, u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.pem"_s,
                                                u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=RecordLock Test CA"_s,
                                                u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s,
                                                u"-addext"_s, u"keyUsage=critical,keyCertSign,cRLSign"_s});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    failure = runOpenssl(m_dir.path(), {u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, ec, u"-nodes"_s,
                                        u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s, u"-subj"_s,
                                        u"/CN=localhost"_s});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QFile extensions(path(u"server.ext"_s));
    QVERIFY(extensions.open(QIODevice::WriteOnly));
    extensions.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                     "basicConstraints=CA:FALSE\n"
                     "keyUsage=critical,digitalSignature\n"
                     "extendedKeyUsage=serverAuth\n");
    extensions.close();
    failure = runOpenssl(m_dir.path(), {u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s,
                                        u"-CAkey"_s, u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"server.pem"_s,
                                        u"-days"_s, u"2"_s, u"-extfile"_s, u"server.ext"_s});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    failure = runOpenssl(m_dir.path(), {u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s, ec, u"-out"_s,
                                        u"other.key"_s});
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    m_ca = QSslCertificate::fromPath(path(u"ca.pem"_s));
    QCOMPARE(m_ca.size(), 1);

    ServerOptions options;
    options.tlsCertFile = path(u"server.pem"_s);
    options.tlsKeyFile = path(u"server.key"_s);
    options.extraArgs = QStringList{u"--upgrade-timeout-ms"_s, QString::number(UpgradeTimeoutMs)};
    m_server = std::make_unique<ServerProcess>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    QCOMPARE(m_server->wsUrl().scheme(), u"wss"_s);
}

void TestTls::cleanupTestCase()
{
    m_server.reset();
}

void TestTls::loginAndAcquireOverWss()
{
    Connection alice(m_clock);
    alice.setCaCertificates(m_ca);
    alice.open(m_server->wsUrl());
    alice.login(u"alice"_s, u"alice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(alice.isOnline(), 5000);
    QVERIFY(alice.connectError().isEmpty());

    std::optional<ServerMessage> acquired;
    alice.request(ops::Acquire, recordArg(RecordId), this, [&](const ServerMessage &reply) { acquired = reply; });
    QTRY_VERIFY(acquired.has_value());
    QVERIFY2(acquired->ok, qPrintable(TestClient::describe(*acquired)));
    QCOMPARE(acquired->result.value(u"outcome"_s).toString(), u"granted"_s);

    // The certificate also names localhost; another user there sees Alice's lock.
    TestClient bob;
    bob.setCaCertificates(m_ca);
    QUrl localhost = m_server->wsUrl();
    localhost.setHost(u"localhost"_s);
    const ServerMessage login = bob.connectAndLogin(localhost, u"bob"_s);
    QVERIFY2(login.ok, qPrintable(TestClient::describe(login)));
    QCOMPARE(TestClient::outcome(bob.request(ops::Acquire, recordArg(RecordId))), u"lock_held"_s);
}

void TestTls::untrustedCertificateIsReportedAndNotRetried()
{
    Connection connection(m_clock);
    QList<ProtocolError> failures;
    int signIns = 0;
    connect(&connection, &Connection::signInFailed, this,
            [&](const ProtocolError &error) { failures.append(error); });
    connect(&connection, &Connection::signedIn, this, [&] { ++signIns; });
    connection.open(m_server->wsUrl());
    connection.login(u"alice"_s, u"alice"_s);
    QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 1, 5000);

    const QString reason = failures.constFirst().message;
    QVERIFY2(reason.startsWith(u"The server's certificate is not trusted: "_s), qPrintable(reason));
    QCOMPARE(failures.constFirst().code, ErrorCode::Unavailable);
    QCOMPARE(connection.connectError(), reason);
    QCOMPARE(signIns, 0);
    // A first sign-in that cannot connect is not retried on its own: no loop against the server.
    QCOMPARE(connection.state(), Connection::State::Offline);
    QCOMPARE(connection.reconnectInMs(), 0);

    // The raw client sees why: the issuer (our CA) is unknown.
    TestClient raw;
    QVERIFY(!raw.connectTo(m_server->wsUrl()));
    QVERIFY(!raw.sslErrors().isEmpty());
}

void TestTls::plainClientsGetNothing()
{
    QUrl plain = m_server->wsUrl();
    plain.setScheme(u"ws"_s);
    TestClient client;
    QVERIFY(!client.connectTo(plain));

    RawConnection http(m_server->port());
    QVERIFY(http.waitForConnected());
    http.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QVERIFY(http.waitForClosed());
    QVERIFY2(!http.received().contains("HTTP/1.1"), http.received().constData());
}

void TestTls::healthzOverHttps()
{
    QNetworkAccessManager network;
    QNetworkRequest request(m_server->httpUrl(u"/healthz"_s));
    QCOMPARE(request.url().scheme(), u"https"_s);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(m_ca);
    request.setSslConfiguration(tls);
    const std::unique_ptr<QNetworkReply> reply(network.get(request));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(body.value(u"status"_s).toString(), u"ok"_s);

    // A fresh manager: the first one would reuse its verified connection.
    QNetworkAccessManager withoutCa;
    const std::unique_ptr<QNetworkReply> untrusted(withoutCa.get(QNetworkRequest(m_server->httpUrl(u"/healthz"_s))));
    QTRY_VERIFY_WITH_TIMEOUT(untrusted->isFinished(), 5000);
    QCOMPARE(untrusted->error(), QNetworkReply::SslHandshakeFailedError);
}

void TestTls::oversizedMessageClosesOnlyThatConnection()
{
    TestClient bystander;
    TestClient offender;
    bystander.setCaCertificates(m_ca);
    offender.setCaCertificates(m_ca);
    QVERIFY(bystander.connectAndLogin(m_server->wsUrl(), u"bob"_s).ok);
    QVERIFY(offender.connectAndLogin(m_server->wsUrl(), u"carol"_s).ok);

    offender.sendRaw(paddedPing(70'000));
    QVERIFY(offender.waitForDisconnected());
    QCOMPARE(offender.closeCode(), 1009);
    QVERIFY(bystander.request(ops::Ping).ok);
}

void TestTls::stalledHandshakeIsClosedAtTheDeadline()
{
    RawConnection silent(m_server->port());
    QVERIFY(silent.waitForConnected());
    QVERIFY2(silent.waitForClosed(UpgradeTimeoutMs + 4000), "a connection without a TLS handshake stayed open");
    QVERIFY2(silent.closedAfterMs() >= UpgradeTimeoutMs - 50, qPrintable(QString::number(silent.closedAfterMs())));
    QVERIFY(silent.received().isEmpty());
}

void TestTls::badIdentityStopsTheServer_data()
{
    QTest::addColumn<QStringList>("tlsArgs");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("key of another certificate")
        << QStringList{u"--tls-cert"_s, u"server.pem"_s, u"--tls-key"_s, u"other.key"_s} << 1
        << u"does not belong to the certificate"_s;
    QTest::newRow("missing certificate")
        << QStringList{u"--tls-cert"_s, u"missing.pem"_s, u"--tls-key"_s, u"server.key"_s} << 1
        << u"cannot read the TLS certificate"_s;
    QTest::newRow("certificate as key")
        << QStringList{u"--tls-cert"_s, u"server.pem"_s, u"--tls-key"_s, u"server.pem"_s} << 1
        << u"holds no unencrypted PEM private key"_s;
    QTest::newRow("key as certificate")
        << QStringList{u"--tls-cert"_s, u"server.key"_s, u"--tls-key"_s, u"server.key"_s} << 1
        << u"holds no PEM certificate"_s;
    QTest::newRow("certificate without key") << QStringList{u"--tls-cert"_s, u"server.pem"_s} << 2
                                             << u"go together"_s;
}

void TestTls::badIdentityStopsTheServer()
{
    QFETCH(QStringList, tlsArgs);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    QTemporaryDir data;
    QVERIFY(data.isValid());
    const QString portFile = data.filePath(u"port"_s);
    QProcess server;
    server.setWorkingDirectory(m_dir.path());
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(qEnvironmentVariable("RECORDLOCKD"), QStringList{u"--listen"_s, u"127.0.0.1:0"_s, u"--data-dir"_s,
                                                                  data.filePath(u"db"_s), u"--port-file"_s, portFile}
                                                          + tlsArgs);
    QVERIFY2(server.waitForStarted(5000), qPrintable(server.errorString()));
    QVERIFY(QTest::qWaitFor([&] { return server.state() == QProcess::NotRunning; }, 15'000));
    const QString output = QString::fromLocal8Bit(server.readAll());
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QVERIFY2(server.exitCode() == exitCode, qPrintable(output));
    QVERIFY2(output.contains(u"recordlockd: "_s) && output.contains(message), qPrintable(output));
    QVERIFY2(!QFile::exists(portFile), "the server listened before checking its TLS files");
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
