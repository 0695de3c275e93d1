#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

namespace recordlock {

/// Keeps session tokens in the desktop's keychain (QtKeychain: Secret Service, KWallet, ...).
///
/// "Remember me" stores the token of a password sign-in here; the next start signs in with it.
/// Only tokens are kept, never passwords, and never anywhere else: where no keychain service
/// answers (no D-Bus session, no Secret Service) every job finishes with Status::Unavailable and
/// nothing is remembered (QtKeychain's plain-file fallback stays off). Jobs are asynchronous and
/// run one after another in the order they were started; each finishes with exactly one signal.
/// Entries: service "RecordLock", account "user@server URL".
class TokenVault : public QObject
{
    Q_OBJECT

public:
    /// How a keychain job ended.
    enum class Status {
        Ok,          ///< done (also deleting an entry that did not exist)
        NotFound,    ///< read: no token kept for that account
        Unavailable, ///< no keychain service answers on this desktop
        Failed,      ///< the keychain refused (e.g. access denied); errorText says why
    };
    Q_ENUM(Status)

    /// Whether a keychain service answers; known after the first job finished.
    enum class Availability { Unknown, Available, Unavailable };
    Q_ENUM(Availability)

    /// The outcome of one job.
    struct Result
    {
        Status status = Status::Failed;
        /// The entry's account name (see account()).
        QString account;
        /// The token read; empty for other jobs and on failure.
        QString token;
        /// The keychain's own error text, for logs; empty on success.
        QString errorText;
    };

    /// No job runs until one is asked for.
    explicit TokenVault(QObject *parent = nullptr);
    /// Pending jobs are abandoned; their signals never come.
    ~TokenVault() override;

    /// The keychain service name of every entry.
    static QString serviceName();
    /// The entry name for user on server: "user@" plus the URL as typed (scheme, host, port, path).
    static QString account(const QUrl &server, const QString &user);

    /// Keeps token for user on server, replacing an older one; tokenStored() follows.
    void storeToken(const QUrl &server, const QString &user, const QString &token);
    /// Looks up the token kept for user on server; tokenRead() follows.
    void readToken(const QUrl &server, const QString &user);
    /// Forgets the token for user on server (sign-out, refused token, "remember me" off); tokenForgotten() follows.
    void forgetToken(const QUrl &server, const QString &user);
    /// Asks the keychain whether it is there at all (a read of an entry that never exists);
    /// availabilityChanged() follows unless the answer was already known.
    void probe();

    /// What the jobs so far said about the keychain service.
    Availability availability() const { return m_availability; }

signals:
    /// A storeToken() job finished.
    void tokenStored(const recordlock::TokenVault::Result &result);
    /// A readToken() job finished; result.token holds the token when status is Ok.
    void tokenRead(const recordlock::TokenVault::Result &result);
    /// A forgetToken() job finished.
    void tokenForgotten(const recordlock::TokenVault::Result &result);
    /// availability() changed (from Unknown, or because the service came or went).
    void availabilityChanged(recordlock::TokenVault::Availability availability);

private:
    enum class JobKind { Store, Read, Forget, Probe };
    void start(JobKind kind, const QString &account, const QString &token);
    void noteAvailability(Status status);

    Availability m_availability = Availability::Unknown;
};

} // namespace recordlock
