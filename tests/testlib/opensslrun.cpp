#include "opensslrun.h"

#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

namespace recordlock::test {

QString runOpenssl(const QString &dir, const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s, args);
    if (!process.waitForStarted(5000))
        return u"cannot run openssl: "_s + process.errorString();
    // Waits with the event loop running, so servers and sockets of the test are still served.
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30'000))
        return u"openssl did not finish: "_s + args.join(u' ');
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return u"openssl %1 failed: %2"_s.arg(args.join(u' '), QString::fromLocal8Bit(process.readAll()));
    return {};
}

QString makeSelfSignedCertificate(const QString &dir, const QString &certFile, const QString &keyFile)
{
    return runOpenssl(dir, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                            u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s, keyFile, u"-out"_s,
                            certFile, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=localhost"_s, u"-addext"_s,
                            u"subjectAltName=IP:127.0.0.1,DNS:localhost"_s});
}

} // namespace recordlock::test
