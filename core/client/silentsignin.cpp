#include "client/silentsignin.h"

#include "client/clientlogging.h"
#include "client/connection.h"

namespace recordlock {

SilentSignIn::SilentSignIn(Connection *connection, TokenVault *vault, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_vault(vault)
{
    connect(m_vault, &TokenVault::tokenRead, this, &SilentSignIn::onTokenRead);
    connect(m_connection, &Connection::signInFailed, this, &SilentSignIn::onSignInFailed);
}

void SilentSignIn::start(const QUrl &server, const QString &user)
{
    start(QList<QUrl>{server}, user);
}

void SilentSignIn::start(const QList<QUrl> &servers, const QString &user)
{
    setAccount(servers, user);
    m_lookingUp = true;
    m_vault->readToken(server(), user);
}

void SilentSignIn::setAccount(const QUrl &server, const QString &user)
{
    setAccount(QList<QUrl>{server}, user);
}

void SilentSignIn::setAccount(const QList<QUrl> &servers, const QString &user)
{
    m_servers = servers;
    m_user = user;
}

void SilentSignIn::signOut()
{
    m_lookingUp = false;
    forget();
    m_connection->logout();
}

void SilentSignIn::onTokenRead(const TokenVault::Result &result)
{
    if (!m_lookingUp || result.account != TokenVault::account(server(), m_user))
        return; // someone else's lookup, or one abandoned by signOut()
    m_lookingUp = false;
    if (result.status != TokenVault::Status::Ok || result.token.isEmpty()) {
        qCInfo(lcClientConnection) << "no remembered session for" << result.account << result.status;
        emit passwordNeeded(result.status == TokenVault::Status::Ok ? TokenVault::Status::NotFound : result.status);
        return;
    }
    qCInfo(lcClientConnection) << "signing in with the remembered session of" << result.account;
    m_connection->open(m_servers);
    m_connection->authenticate(result.token);
}

void SilentSignIn::onSignInFailed(const ProtocolError &error)
{
    // Only a refused token: an unreachable server says nothing about the token, which stays.
    if (error.code == ErrorCode::Unauthenticated)
        forget();
}

void SilentSignIn::forget()
{
    if (!m_user.isEmpty() && server().isValid())
        m_vault->forgetToken(server(), m_user);
}

} // namespace recordlock
