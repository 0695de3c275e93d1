#pragma once

#include <QString>
#include <QStringList>

namespace recordlock::test {

/// Runs `openssl args` in dir (certificates made at test time); empty on success, else what
/// went wrong.
QString runOpenssl(const QString &dir, const QStringList &args);
/// A self-signed P-256 certificate for 127.0.0.1 and localhost, written to dir as certFile and
/// keyFile; empty on success, else what went wrong.
QString makeSelfSignedCertificate(const QString &dir, const QString &certFile, const QString &keyFile);

} // namespace recordlock::test
