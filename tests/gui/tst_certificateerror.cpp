// A wss:// server whose certificate the client does not trust: the sign-in dialog and the status
// bar say so ("The server's certificate is not trusted: ..."), not just "offline"; with the CA given
// by --ca-cert (or RECORDLOCK_CA_CERT) the same window signs in. The certificate is made at test time.
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "client/connection.h"
#include "clientoptions.h"
#include "common/systemclock.h"
#include "serverprocess.h"
#include "ui/clientstack.h"
#include "ui/connectionindicator.h"
#include "ui/mainwindow.h"
#include "ui/signindialog.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

constexpr int WaitMs = 10'000;
const QString Untrusted = u"The server's certificate is not trusted: "_s;

} // namespace

class tst_CertificateError : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void caCertOptionAndVariable();
    void untrustedCertificateIsShownAsSuch();
    void trustedWithTheCaSignsIn();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    SystemClock m_clock;
    QTemporaryDir m_drafts;
};

void tst_CertificateError::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // A self-signed certificate for 127.0.0.1: its own CA, trusted by nobody unless given.
    QProcess openssl;
    openssl.setWorkingDirectory(m_dir.path());
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                 u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, u"server.key"_s,
                                 u"-out"_s, u"server.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=RecordLock Test"_s,
                                 u"-addext"_s, u"subjectAltName=IP:127.0.0.1,DNS:localhost"_s});
    QVERIFY2(openssl.waitForFinished(30'000), "openssl did not finish");
    QVERIFY2(openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0, openssl.readAll().constData());

    ServerOptions options;
    options.tlsCertFile = path(u"server.pem"_s);
    options.tlsKeyFile = path(u"server.key"_s);
    m_server = std::make_unique<ServerProcess>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    QCOMPARE(m_server->wsUrl().scheme(), u"wss"_s);
}

void tst_CertificateError::caCertOptionAndVariable()
{
    const QString pem = path(u"server.pem"_s);
    QCOMPARE(ClientOptions::parse({u"recordlock"_s, u"--ca-cert"_s, pem}).caCertFile, pem);
    QCOMPARE(ClientOptions::parse({u"recordlock"_s}, pem).caCertFile, pem); // RECORDLOCK_CA_CERT
    QCOMPARE(ClientOptions::parse({u"recordlock"_s, u"--ca-cert"_s, pem}, u"/elsewhere.pem"_s).caCertFile, pem);
    QVERIFY(ClientOptions::parse({u"recordlock"_s}).caCertFile.isEmpty());

    QString error;
    QCOMPARE(ClientOptions::loadCaCertificates(pem, &error).size(), 1);
    QVERIFY(ClientOptions::loadCaCertificates(path(u"missing.pem"_s), &error).isEmpty());
    QVERIFY2(error.startsWith(u"--ca-cert: cannot read "_s), qPrintable(error));
    QVERIFY(ClientOptions::loadCaCertificates(path(u"server.key"_s), &error).isEmpty());
    QVERIFY2(error.endsWith(u"holds no PEM certificate"_s), qPrintable(error));
}

void tst_CertificateError::untrustedCertificateIsShownAsSuch()
{
    WindowLeakGuard guard;
    ClientStack stack(m_clock, m_drafts.path());
    MainWindow window(&stack, nullptr);
    window.show();
    window.signIn(m_server->wsUrl(), u"alice"_s);
    SignInDialog *dialog = window.signInDialog();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit *>(u"password"_s)->setText(u"alice"_s);
    dialog->submit();

    QTRY_VERIFY_WITH_TIMEOUT(dialog->message().startsWith(Untrusted), WaitMs);
    QVERIFY2(dialog->message().size() > Untrusted.size(), qPrintable(dialog->message())); // with Qt's reason
    QVERIFY(!stack.connection().isOnline());
    QVERIFY(stack.connection().certificateRefused());
    const QString indicator = window.connectionIndicator()->text();
    QCOMPARE(indicator, stack.connection().connectError());
    QVERIFY2(indicator.startsWith(Untrusted), qPrintable(indicator));
    QCOMPARE(window.connectionIndicator()->accessibleName(), indicator);
}

void tst_CertificateError::trustedWithTheCaSignsIn()
{
    WindowLeakGuard guard;
    QString error;
    const QList<QSslCertificate> ca = ClientOptions::loadCaCertificates(path(u"server.pem"_s), &error);
    QVERIFY2(!ca.isEmpty(), qPrintable(error));
    ClientStack stack(m_clock, m_drafts.path());
    stack.connection().setCaCertificates(ca); // what main() does with --ca-cert
    MainWindow window(&stack, nullptr);
    window.show();
    window.signIn(m_server->wsUrl(), u"alice"_s, u"alice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(stack.connection().isOnline(), WaitMs);
    QCOMPARE(window.connectionIndicator()->text(), u"Connected"_s);
    QVERIFY(!window.signInDialog());
    stack.connection().close();
}

QTEST_MAIN(tst_CertificateError)
#include "tst_certificateerror.moc"
