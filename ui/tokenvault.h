#pragma once

#include <QString>
#include <QUrl>

namespace recordlock {

/// Where "remember me" keeps a session token between runs (an OS keychain); the seam for QtKeychain.
///
/// Only the server URL and the user name go to QSettings; a token is a credential and must not.
/// Until a keychain-backed implementation exists, SignInDialog works without a vault and the user
/// signs in with a password each run.
class TokenVault
{
public:
    /// Implementations are owned by the app; the dialog never deletes one.
    virtual ~TokenVault();
    /// Keeps token for user on server, replacing an older one.
    virtual void storeToken(const QUrl &server, const QString &user, const QString &token) = 0;
    /// Forgets the token for user on server (sign-out, or "remember me" switched off).
    virtual void forgetToken(const QUrl &server, const QString &user) = 0;
};

} // namespace recordlock
