#include "ui/signindialog.h"

#include <QAccessible>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QVBoxLayout>

#include "client/connection.h"
#include "client/serverlist.h"
#include "client/sessioninfo.h"
#include "client/tokenvault.h"
#include "ui/connectionindicator.h"
#include "ui/statusicons.h"
#include "ui/uilogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

SignInDialog::SignInDialog(Connection *connection, QSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_settings(settings)
    , m_server(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember me on this computer"), this))
    , m_keychainRow(new QWidget(this))
    , m_keychainNote(new QLabel(m_keychainRow))
    , m_messageIcon(new QLabel(this))
    , m_message(new QLabel(this))
{
    setObjectName(u"signInDialog"_s);
    setWindowTitle(tr("Sign in to RecordLock"));

    m_server->setObjectName(u"serverUrl"_s);
    m_server->setPlaceholderText(u"ws://127.0.0.1:8765/ws"_s);
    m_server->setAccessibleName(tr("Server address"));
    m_server->setToolTip(tr("The lock server's address. Several servers of one installation: separate "
                            "their addresses with commas; RecordLock switches to the next when one fails."));
    m_user->setObjectName(u"userName"_s);
    m_user->setAccessibleName(tr("User name"));
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_remember->setObjectName(u"remember"_s);
    m_remember->setToolTip(tr("Signs you in at the next start without asking: the session is kept in "
                              "the desktop's keychain. The password is never stored."));
    m_keychainNote->setObjectName(u"keychainNote"_s);
    m_keychainNote->setText(tr("No keychain is available on this desktop; RecordLock cannot remember you."));
    m_keychainNote->setAccessibleName(m_keychainNote->text());
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    // Full width below the form, like the message: a wrapped label in a form row would be clipped.
    auto *keychainIcon = new QLabel(m_keychainRow);
    keychainIcon->setFixedSize(iconSize, iconSize);
    keychainIcon->setPixmap(statusIcon(StatusIcon::Warning).pixmap(keychainIcon->size()));
    auto *keychainLayout = new QHBoxLayout(m_keychainRow);
    keychainLayout->setContentsMargins(0, 0, 0, 0);
    keychainLayout->addWidget(keychainIcon, 0, Qt::AlignTop);
    keychainLayout->addWidget(m_keychainNote, 1);
    m_keychainRow->hide();
    m_messageIcon->setFixedSize(iconSize, iconSize);
    m_messageIcon->setAlignment(Qt::AlignTop);
    m_message->setObjectName(u"signInMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_messageIcon, 0, Qt::AlignTop);
    messageRow->addWidget(m_message, 1);
    m_messageIcon->hide();
    m_message->hide();

    // Own button texts rather than standard buttons: Qt's own translations may not be installed.
    auto *buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(u"signInButton"_s);
    m_signIn->setDefault(true);
    m_cancel = buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_keychainRow);
    layout->addLayout(messageRow);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(420);

    connect(m_remember, &QCheckBox::toggled, this, &SignInDialog::updateKeychainNote);
    connect(m_connection, &Connection::signedIn, this, &SignInDialog::onSignedIn);
    connect(m_connection, &Connection::signInFailed, this, &SignInDialog::onSignInFailed);

    loadSettings();
}

void SignInDialog::setServerUrl(const QUrl &url)
{
    setServers(QList<QUrl>{url});
}

void SignInDialog::setServers(const QList<QUrl> &servers)
{
    m_server->setText(ServerList::format(servers));
}

void SignInDialog::setUserName(const QString &user)
{
    m_user->setText(user);
    if (!user.isEmpty())
        m_password->setFocus();
}

void SignInDialog::setMessage(const QString &message)
{
    showMessage(message, false);
}

void SignInDialog::setTokenVault(TokenVault *vault)
{
    if (m_vault)
        disconnect(m_vault, nullptr, this, nullptr);
    m_vault = vault;
    if (m_vault) {
        connect(m_vault, &TokenVault::availabilityChanged, this, &SignInDialog::updateKeychainNote);
        if (m_vault->availability() == TokenVault::Availability::Unknown)
            m_vault->probe();
    }
    updateKeychainNote();
}

QUrl SignInDialog::serverUrl() const
{
    return servers().value(0);
}

QList<QUrl> SignInDialog::servers() const
{
    const ServerList::Parsed parsed = ServerList::parse(m_server->text());
    return parsed.ok() ? parsed.servers : QList<QUrl>();
}

QString SignInDialog::userName() const
{
    return m_user->text().trimmed();
}

QString SignInDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString SignInDialog::keychainNote() const
{
    return m_keychainRow->isHidden() ? QString() : m_keychainNote->text();
}

QString SignInDialog::describeError(const ProtocolError &error, const QUrl &server)
{
    return describeErrorForServers(error, QList<QUrl>{server});
}

QString SignInDialog::describeErrorForServers(const ProtocolError &error, const QList<QUrl> &servers)
{
    switch (error.code) {
    case ErrorCode::InvalidCredentials:
        return tr("Wrong user name or password.");
    case ErrorCode::Unauthenticated:
        if (error.details.value("reason"_L1).toString() == "expired"_L1)
            return tr("Your session has expired. Please sign in again.");
        return tr("Your session is no longer valid. Please sign in again.");
    case ErrorCode::Unavailable:
        // A refused certificate is not a network problem: say what is wrong with it.
        if (error.details.value("reason"_L1).toString() == "certificate"_L1)
            return tr("%1. If your company runs its own certificate authority, start RecordLock with "
                      "--ca-cert and its certificate.").arg(error.message);
        if (servers.size() > 1)
            return tr("None of the servers (%1) can be reached. Check the addresses and your network, "
                      "then try again.").arg(ServerList::hostsAndPorts(servers));
        return tr("The server at %1 cannot be reached. Check the address and your network, "
                  "then try again.").arg(servers.value(0).toDisplayString());
    case ErrorCode::SessionConflict:
        return tr("This window's session belongs to another user. Close the window and open a new one.");
    case ErrorCode::RateLimited:
        return tr("Too many sign-in attempts. Wait a moment, then try again.");
    case ErrorCode::ConnectionLimit:
        return tr("You are signed in from too many windows. Close some of them, then try again.");
    default:
        return tr("Signing in failed because of a problem on the server. Try again later.");
    }
}

QString SignInDialog::serverUrlKey()
{
    return u"signIn/serverUrl"_s;
}

QString SignInDialog::userNameKey()
{
    return u"signIn/userName"_s;
}

QString SignInDialog::rememberKey()
{
    return u"signIn/remember"_s;
}

void SignInDialog::submit()
{
    if (m_busy)
        return;
    const ServerList::Parsed parsed = ServerList::parse(m_server->text());
    if (!parsed.badEntry.isEmpty()) {
        showMessage(tr("“%1” is not a server address. Enter addresses such as ws://127.0.0.1:8765/ws, "
                       "several separated by commas.").arg(parsed.badEntry), true);
        m_server->setFocus();
        return;
    }
    if (!parsed.ok()) {
        showMessage(tr("Enter a server address such as ws://127.0.0.1:8765/ws."), true);
        m_server->setFocus();
        return;
    }
    if (userName().isEmpty()) {
        showMessage(tr("Enter your user name."), true);
        m_user->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showMessage(tr("Enter your password."), true);
        m_password->setFocus();
        return;
    }
    setBusy(true);
    showMessage(tr("Signing in…"), false);
    qCInfo(lcUi) << "signing in to" << ServerList::format(parsed.servers) << "as" << userName();
    m_connection->open(parsed.servers);
    m_connection->login(userName(), m_password->text());
}

void SignInDialog::reject()
{
    if (m_busy) {
        // Not signed in yet: drop the half-open attempt so a late reply cannot sign the window in.
        m_connection->close();
        setBusy(false);
    }
    QDialog::reject();
}

void SignInDialog::loadSettings()
{
    if (!m_settings)
        return;
    const bool remember = m_settings->value(rememberKey(), false).toBool();
    m_remember->setChecked(remember);
    if (!remember)
        return;
    m_server->setText(m_settings->value(serverUrlKey()).toString());
    setUserName(m_settings->value(userNameKey()).toString());
}

void SignInDialog::saveSettings(const SessionInfo &session)
{
    const QList<QUrl> entered = servers();
    // The token is kept under the first server; the others are instances of the same installation.
    const QUrl url = entered.value(0);
    if (m_settings) {
        m_settings->setValue(rememberKey(), m_remember->isChecked());
        if (m_remember->isChecked()) {
            m_settings->setValue(serverUrlKey(), ServerList::format(entered));
            m_settings->setValue(userNameKey(), userName());
        } else {
            m_settings->remove(serverUrlKey());
            m_settings->remove(userNameKey());
        }
    }
    if (m_vault) {
        if (m_remember->isChecked())
            m_vault->storeToken(url, userName(), session.token);
        else
            m_vault->forgetToken(url, userName());
    }
}

void SignInDialog::onSignedIn(const SessionInfo &session)
{
    if (!m_busy)
        return;
    setBusy(false);
    saveSettings(session);
    m_password->clear();
    emit signedIn();
    accept();
}

void SignInDialog::onSignInFailed(const ProtocolError &error)
{
    if (!m_busy)
        return;
    qCInfo(lcUi) << "sign-in failed:" << errorCodeName(error.code) << error.message;
    setBusy(false);
    showMessage(describeErrorForServers(error, servers()), true);
    if (error.code == ErrorCode::InvalidCredentials) {
        m_password->selectAll();
        m_password->setFocus();
    } else if (error.code == ErrorCode::Unavailable) {
        m_server->setFocus();
    }
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_server->setEnabled(!busy);
    m_user->setEnabled(!busy);
    m_password->setEnabled(!busy);
    m_remember->setEnabled(!busy);
    m_signIn->setEnabled(!busy);
}

void SignInDialog::updateKeychainNote()
{
    // Only for someone who wants to be remembered: the others need not hear about a missing keychain.
    const bool missing = m_vault && m_vault->availability() == TokenVault::Availability::Unavailable;
    // setHidden, not setVisible: the dialog may not be shown yet.
    m_keychainRow->setHidden(!missing || !m_remember->isChecked());
    growToFit();
}

void SignInDialog::showMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_messageIcon->setVisible(!text.isEmpty());
    const QIcon icon = statusIcon(isError ? StatusIcon::Error : (m_busy ? StatusIcon::Pending : StatusIcon::Warning));
    m_messageIcon->setPixmap(icon.pixmap(m_messageIcon->size()));
    m_message->setAccessibleName(text);
    if (isError && !text.isEmpty()) {
        QAccessibleEvent event(m_message, QAccessible::Alert);
        QAccessible::updateAccessibility(&event);
    }
    growToFit();
}

void SignInDialog::growToFit()
{
    // The explicit minimum width keeps the layout from growing the window for wrapped text (Qt
    // drops height-for-width from a window's minimum size then), so a longer message would squeeze
    // the form: grow by hand.
    if (!isVisible())
        return;
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

} // namespace recordlock
