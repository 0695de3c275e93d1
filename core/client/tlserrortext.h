#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSslError>
#include <QString>

namespace recordlock {

/// Turns the certificate errors of a failed wss:// connection into one sentence a user can act
/// on: what is wrong with the server's certificate, then Qt's own words for each error.
class TlsErrorText
{
    Q_DECLARE_TR_FUNCTIONS(TlsErrorText)

public:
    /// E.g. "The server's certificate is not trusted: The issuer certificate of a locally looked up
    /// certificate could not be found"; empty for an empty list.
    static QString describe(const QList<QSslError> &errors);

private:
    enum class Problem { Untrusted, WrongHost, Expired, NotYetValid, Revoked, Other };
    static Problem classify(QSslError::SslError error);
    static QString lead(Problem problem);
};

} // namespace recordlock
