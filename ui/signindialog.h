#pragma once

#include <QDialog>
#include <QList>
#include <QString>
#include <QUrl>

#include "protocol/protocolerror.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;

namespace recordlock {

class Connection;
class TokenVault;
struct SessionInfo;

/// Asks for server URL, user name and password and signs the window's Connection in.
///
/// The server field takes one URL or several of one installation, comma-separated; the connection
/// fails over between them. A malformed entry is named in the error message.
///
/// Failures are explained in words (server unreachable, wrong password, expired session), never as
/// a raw error code. With "remember me" the server URL and user name are kept in QSettings; a
/// TokenVault, when set, keeps the session token (never the password). Where the desktop has no
/// keychain the dialog says so under the ticked checkbox, and only the server URL and user name are kept.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    /// connection and settings must outlive the dialog; settings may be null (nothing remembered).
    SignInDialog(Connection *connection, QSettings *settings, QWidget *parent = nullptr);

    /// Prefills the server URL (overrides the remembered one).
    void setServerUrl(const QUrl &url);
    /// Prefills several server URLs (overrides the remembered ones).
    void setServers(const QList<QUrl> &servers);
    /// Prefills the user name (overrides the remembered one) and moves the focus to the password.
    void setUserName(const QString &user);
    /// Shows why the dialog is open, e.g. the reason the previous session ended.
    void setMessage(const QString &message);
    /// Lets "remember me" keep the session token; vault must outlive the dialog. Asks the vault
    /// whether a keychain exists, if that is not known yet.
    void setTokenVault(TokenVault *vault);
    /// The (first) server URL as entered.
    QUrl serverUrl() const;
    /// The server URLs as entered; empty when an entry is not a ws:// or wss:// URL.
    QList<QUrl> servers() const;
    /// The user name as entered.
    QString userName() const;
    /// The message shown above the buttons (an error or a hint); empty when none.
    QString message() const;
    /// The line under "remember me" saying that no keychain is available; empty when not shown.
    QString keychainNote() const;

    /// A user-facing explanation of a failed sign-in.
    static QString describeError(const ProtocolError &error, const QUrl &server);
    /// describeError() for a sign-in that tried several servers.
    static QString describeErrorForServers(const ProtocolError &error, const QList<QUrl> &servers);

    /// QSettings key of the remembered server URL (several: comma-separated).
    static QString serverUrlKey();
    /// QSettings key of the remembered user name.
    static QString userNameKey();
    /// QSettings key of the "remember me" choice.
    static QString rememberKey();

signals:
    /// The connection signed in; the dialog is accepted right after.
    void signedIn();

public slots:
    /// Signs in with what was entered (the Sign in button).
    void submit();
    /// Cancel: stops a sign-in in progress and closes the dialog.
    void reject() override;

private:
    void loadSettings();
    void saveSettings(const SessionInfo &session);
    void onSignedIn(const SessionInfo &session);
    void onSignInFailed(const ProtocolError &error);
    void setBusy(bool busy);
    void showMessage(const QString &text, bool isError);
    void updateKeychainNote();
    void growToFit();

    Connection *m_connection;
    QSettings *m_settings;
    TokenVault *m_vault = nullptr;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    /// The keychain note with its icon, under "remember me".
    QWidget *m_keychainRow;
    QLabel *m_keychainNote;
    QLabel *m_messageIcon;
    QLabel *m_message;
    QPushButton *m_signIn;
    QPushButton *m_cancel;
    bool m_busy = false;
};

} // namespace recordlock
