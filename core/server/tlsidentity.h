#pragma once

#include <optional>

#include <QSslConfiguration>
#include <QString>

namespace recordlock {

/// The server's TLS certificate chain and private key, read from PEM files at start-up so that a
/// bad file stops recordlockd before it listens instead of failing every handshake later.
class TlsIdentity
{
public:
    /// Reads certFile (leaf first, then intermediates) and keyFile (an unencrypted RSA, EC or DSA
    /// key) and checks that the key belongs to the certificate. Returns a server configuration
    /// (TLS 1.2 or later, no client certificates), or nullopt with *error set to one line.
    static std::optional<QSslConfiguration> load(const QString &certFile, const QString &keyFile, QString *error);
};

} // namespace recordlock
