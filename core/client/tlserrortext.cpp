#include "client/tlserrortext.h"

#include <algorithm>

#include <QStringList>

using namespace Qt::StringLiterals;

namespace recordlock {

// Problem: what the user (or an administrator) has to fix, most fundamental first.
TlsErrorText::Problem TlsErrorText::classify(QSslError::SslError error)
{
    switch (error) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateRejected:
    case QSslError::InvalidCaCertificate:
        return Problem::Untrusted;
    case QSslError::HostNameMismatch:
        return Problem::WrongHost;
    case QSslError::CertificateExpired:
        return Problem::Expired;
    case QSslError::CertificateNotYetValid:
        return Problem::NotYetValid;
    case QSslError::CertificateRevoked:
        return Problem::Revoked;
    default:
        return Problem::Other;
    }
}

QString TlsErrorText::lead(Problem problem)
{
    switch (problem) {
    case Problem::Untrusted:
        return tr("The server's certificate is not trusted");
    case Problem::WrongHost:
        return tr("The server's certificate is for another host name");
    case Problem::Expired:
        return tr("The server's certificate has expired");
    case Problem::NotYetValid:
        return tr("The server's certificate is not valid yet");
    case Problem::Revoked:
        return tr("The server's certificate has been revoked");
    case Problem::Other:
        break;
    }
    return tr("The server's certificate was refused");
}

QString TlsErrorText::describe(const QList<QSslError> &errors)
{
    if (errors.isEmpty())
        return {};
    Problem worst = Problem::Other;
    QStringList details;
    for (const QSslError &error : errors) {
        worst = std::min(worst, classify(error.error()));
        const QString text = error.errorString();
        if (!details.contains(text))
            details.append(text);
    }
    return tr("%1: %2").arg(lead(worst), details.join(u"; "_s));
}

} // namespace recordlock
