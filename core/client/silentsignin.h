#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include "client/tokenvault.h"
#include "protocol/protocolerror.h"

namespace recordlock {

class Connection;

/// "Remember me" for one window: signs in with the token the TokenVault kept (no dialog), and keeps
/// the vault in step with the session.
///
/// With several servers (one installation) the token is kept under the first server of the list.
///
/// A token the server refuses (`unauthenticated`: expired, tampered, revoked; at start or on a
/// resume after a reconnect) is forgotten at once, so the next start asks for the password instead
/// of failing again; signing out forgets it too. Storing a token is the sign-in dialog's part, as
/// only it knows whether the user ticked "remember me".
class SilentSignIn : public QObject
{
    Q_OBJECT

public:
    /// connection and vault must outlive this object.
    SilentSignIn(Connection *connection, TokenVault *vault, QObject *parent = nullptr);

    /// Looks up the token kept for user on server and signs in with it; Connection::signedIn() or
    /// Connection::signInFailed() follow, or passwordNeeded() when no token can be had.
    void start(const QUrl &server, const QString &user);
    /// start() with the servers of one installation, which the connection fails over between.
    void start(const QList<QUrl> &servers, const QString &user);
    /// The account the window is signed in as (after a password sign-in): whose token is forgotten
    /// when refused or on signOut().
    void setAccount(const QUrl &server, const QString &user);
    /// setAccount() with the servers of one installation.
    void setAccount(const QList<QUrl> &servers, const QString &user);
    /// Logs the connection out (Connection::signedOut() follows) and forgets the kept token.
    void signOut();
    /// True from start() until the token lookup has answered.
    bool isLookingUp() const { return m_lookingUp; }
    /// The server of the account (start() or setAccount()); the first one of several.
    QUrl server() const { return m_servers.value(0); }
    /// The servers of the account.
    const QList<QUrl> &servers() const { return m_servers; }
    /// The user name of the account.
    QString user() const { return m_user; }

signals:
    /// No kept token could be used: status is NotFound (none kept), Unavailable (no keychain on
    /// this desktop) or Failed (the keychain refused).
    void passwordNeeded(recordlock::TokenVault::Status status);

private:
    void onTokenRead(const TokenVault::Result &result);
    void onSignInFailed(const ProtocolError &error);
    void forget();

    Connection *m_connection;
    TokenVault *m_vault;
    QList<QUrl> m_servers;
    QString m_user;
    bool m_lookingUp = false;
};

} // namespace recordlock
