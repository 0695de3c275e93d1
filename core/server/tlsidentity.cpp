#include "server/tlsidentity.h"

#include <memory>

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// PEM files larger than this are certainly not a certificate chain or a key.
constexpr qint64 MaxPemBytes = 1024 * 1024;

std::optional<QByteArray> readPem(const QString &path, const QString &what, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the TLS %1 %2: %3"_s.arg(what, path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > MaxPemBytes) {
        *error = u"the TLS %1 %2 is larger than %3 bytes"_s.arg(what, path).arg(MaxPemBytes);
        return std::nullopt;
    }
    return file.readAll();
}

/// QSslKey needs the algorithm up front; a PEM key file does not always say it.
QSslKey parsePrivateKey(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        const QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

/// Qt has no API that pairs a private key with a certificate, so ask OpenSSL (the library Qt's
/// TLS backend uses here) the same question the handshake would.
bool keyMatchesCertificate(const QSslCertificate &certificate, const QByteArray &keyPem)
{
    const QByteArray der = certificate.toDer();
    const auto *derData = reinterpret_cast<const unsigned char *>(der.constData());
    const std::unique_ptr<X509, decltype(&X509_free)> x509(d2i_X509(nullptr, &derData, long(der.size())), X509_free);
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())),
                                                        BIO_free);
    // A callback that supplies no passphrase: the default one would prompt on the terminal.
    const auto noPassphrase = [](char *, int, int, void *) { return 0; };
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr, EVP_PKEY_free);
    const bool matches = x509 && key && X509_check_private_key(x509.get(), key.get()) == 1;
    // Leave no stale error in this thread's queue for Qt's own OpenSSL calls to trip over.
    ERR_clear_error();
    return matches;
}

} // namespace

std::optional<QSslConfiguration> TlsIdentity::load(const QString &certFile, const QString &keyFile, QString *error)
{
    if (certFile.isEmpty() || keyFile.isEmpty()) {
        *error = u"TLS needs both a certificate and a private key"_s;
        return std::nullopt;
    }
    if (!QSslSocket::supportsSsl()) {
        *error = u"TLS is not available: no TLS library was found (Qt was built against %1)"_s.arg(
            QSslSocket::sslLibraryBuildVersionString());
        return std::nullopt;
    }
    const std::optional<QByteArray> certPem = readPem(certFile, u"certificate"_s, error);
    if (!certPem)
        return std::nullopt;
    const std::optional<QByteArray> keyPem = readPem(keyFile, u"key"_s, error);
    if (!keyPem)
        return std::nullopt;

    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.constFirst().isNull()) {
        *error = u"the TLS certificate %1 holds no PEM certificate"_s.arg(certFile);
        return std::nullopt;
    }
    const QSslKey key = parsePrivateKey(*keyPem);
    if (key.isNull()) {
        *error = u"the TLS key %1 holds no unencrypted PEM private key (RSA, EC or DSA)"_s.arg(keyFile);
        return std::nullopt;
    }
    if (!keyMatchesCertificate(chain.constFirst(), *keyPem)) {
        *error = u"the TLS key %1 does not belong to the certificate %2"_s.arg(keyFile, certFile);
        return std::nullopt;
    }

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    // Clients authenticate with login/auth, not with certificates.
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace recordlock
