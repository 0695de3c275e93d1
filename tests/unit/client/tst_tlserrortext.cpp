// TlsErrorText: one sentence for a refused server certificate, most fundamental problem first.

#include <QTest>

#include "client/tlserrortext.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

class TestTlsErrorText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nothingForNoErrors();
    void leadNamesTheProblem_data();
    void leadNamesTheProblem();
    void untrustedOutranksTheRest();
    void detailsAreListedOnce();
};

void TestTlsErrorText::nothingForNoErrors()
{
    QVERIFY(TlsErrorText::describe({}).isEmpty());
}

void TestTlsErrorText::leadNamesTheProblem_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("lead");
    QTest::newRow("self-signed") << int(QSslError::SelfSignedCertificate)
                                 << u"The server's certificate is not trusted: "_s;
    QTest::newRow("unknown issuer") << int(QSslError::UnableToGetLocalIssuerCertificate)
                                    << u"The server's certificate is not trusted: "_s;
    QTest::newRow("host name") << int(QSslError::HostNameMismatch)
                               << u"The server's certificate is for another host name: "_s;
    QTest::newRow("expired") << int(QSslError::CertificateExpired) << u"The server's certificate has expired: "_s;
    QTest::newRow("not yet valid") << int(QSslError::CertificateNotYetValid)
                                   << u"The server's certificate is not valid yet: "_s;
    QTest::newRow("revoked") << int(QSslError::CertificateRevoked) << u"The server's certificate has been revoked: "_s;
    QTest::newRow("other") << int(QSslError::CertificateSignatureFailed)
                           << u"The server's certificate was refused: "_s;
}

void TestTlsErrorText::leadNamesTheProblem()
{
    QFETCH(int, error);
    QFETCH(QString, lead);
    const QSslError sslError{QSslError::SslError(error), QSslCertificate()};
    const QString text = TlsErrorText::describe({sslError});
    QVERIFY2(text.startsWith(lead), qPrintable(text));
    QVERIFY2(text.endsWith(sslError.errorString()), qPrintable(text)); // Qt's own words follow
}

void TestTlsErrorText::untrustedOutranksTheRest()
{
    const QString text = TlsErrorText::describe({QSslError(QSslError::HostNameMismatch, QSslCertificate()),
                                                 QSslError(QSslError::CertificateExpired, QSslCertificate()),
                                                 QSslError(QSslError::SelfSignedCertificate, QSslCertificate())});
    QVERIFY2(text.startsWith(u"The server's certificate is not trusted: "_s), qPrintable(text));
    for (QSslError::SslError e :
         {QSslError::HostNameMismatch, QSslError::CertificateExpired, QSslError::SelfSignedCertificate})
        QVERIFY2(text.contains(QSslError(e, QSslCertificate()).errorString()), qPrintable(text));
}

void TestTlsErrorText::detailsAreListedOnce()
{
    const QSslError expired(QSslError::CertificateExpired, QSslCertificate());
    const QString text = TlsErrorText::describe({expired, expired});
    QCOMPARE(text.count(expired.errorString()), 1);
}

QTEST_GUILESS_MAIN(TestTlsErrorText)
#include "tst_tlserrortext.moc"
