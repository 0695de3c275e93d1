#include "ui/mainwindow.h"

#include <utility>

#include <QAction>
#include <QCloseEvent>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>

#include "client/serverlist.h"
#include "ui/adminmenu.h"
#include "ui/clientstack.h"
#include "ui/connectionindicator.h"
#include "ui/editoradminactions.h"
#include "ui/recordeditor.h"
#include "ui/recordform.h"
#include "ui/recordlistview.h"
#include "ui/signindialog.h"
#include "ui/statusicons.h"
#include "ui/uilogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

const QString GeometryKey = u"mainWindow/geometry"_s;
const QString SplitterKey = u"mainWindow/splitter"_s;

} // namespace

MainWindow::MainWindow(ClientStack *stack, QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_stack(stack)
    , m_settings(settings)
    , m_list(new RecordListView(&stack->listModel(), this))
    , m_editor(new RecordEditor(&stack->controller(), stack->connection().serverClock(), this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_indicator(new ConnectionIndicator(&stack->connection(), this))
    , m_userLabel(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(QIcon(u":/recordlock.svg"_s));
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_editor);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setContentsMargins(6, 6, 6, 0);
    setCentralWidget(m_splitter);
    statusBar()->addWidget(m_userLabel, 1);
    statusBar()->addPermanentWidget(m_indicator);

    m_openTimer.setSingleShot(true);
    m_openTimer.setInterval(150);
    connect(&m_openTimer, &QTimer::timeout, this, &MainWindow::openSelected);
    m_shutdownTimer.setSingleShot(true);
    connect(&m_shutdownTimer, &QTimer::timeout, this, &MainWindow::finishShutdown);

    connect(m_list, &RecordListView::recordSelected, this, &MainWindow::onRecordSelected);
    connect(m_list, &RecordListView::recordActivated, this, [this](const QString &recordId) {
        if (recordId.isEmpty())
            return;
        m_openTimer.stop();
        if (m_stack->controller().recordId() != recordId) {
            m_focusFormOnLoad = true;
            m_stack->controller().open(recordId);
        } else {
            m_editor->form()->focusFirstField();
        }
    });
    connect(&m_stack->controller(), &EditorController::recordLoaded, this, [this] {
        if (std::exchange(m_focusFormOnLoad, false))
            m_editor->form()->focusFirstField();
    });
    connect(m_editor, &RecordEditor::titleChanged, this, &MainWindow::updateTitle);
    connect(&m_stack->controller(), &EditorController::dirtyChanged, this, &MainWindow::updateTitle);

    Connection &connection = m_stack->connection();
    connect(&connection, &Connection::signedIn, this, &MainWindow::onSignedIn);
    connect(&connection, &Connection::signInFailed, this, &MainWindow::onSignInFailed);
    connect(&connection, &Connection::signedOut, this, &MainWindow::finishShutdown);
    connect(&connection, &Connection::signedOut, this, &MainWindow::onSignedOut);
    connect(&connection, &Connection::stateChanged, this, &MainWindow::updateSessionActions);
    connect(&stack->silentSignIn(), &SilentSignIn::passwordNeeded, this, [this] { showSignInDialog(); });
    connect(&stack->listModel(), &RecordListModel::refreshed, this, [this] {
        // The rows were replaced: keep the open record selected.
        const QString open = m_stack->controller().recordId();
        if (!open.isEmpty() && m_list->currentRecordId() != open) {
            const QSignalBlocker blocker(m_list);
            m_list->selectRecord(open);
        }
    });

    createMenus();
    retranslate();
    restoreLayout();
}

void MainWindow::signIn(const QUrl &url, const QString &user, const QString &password)
{
    signIn(QList<QUrl>{url}, user, password);
}

void MainWindow::signIn(const QList<QUrl> &servers, const QString &user, const QString &password)
{
    m_servers = servers;
    m_userName = user;
    if (password.isEmpty()) {
        // "Remember me" was ticked for this server (and this user, if one was named): no dialog.
        const QString remembered = m_settings ? m_settings->value(SignInDialog::userNameKey()).toString() : QString();
        if (m_settings && m_settings->value(SignInDialog::rememberKey()).toBool() && !remembered.isEmpty()
            && (user.isEmpty() || user == remembered)
            && ServerList::parse(m_settings->value(SignInDialog::serverUrlKey()).toString()).servers == servers)
            signInRemembered(servers, remembered);
        else
            showSignInDialog();
        return;
    }
    if (user.isEmpty()) {
        showSignInDialog();
        return;
    }
    qCInfo(lcUi) << "signing in to" << ServerList::format(servers) << "as" << user;
    m_stack->silentSignIn().setAccount(servers, user);
    m_stack->connection().open(servers);
    m_stack->connection().login(user, password);
}

void MainWindow::signInRemembered(const QUrl &url, const QString &user)
{
    signInRemembered(QList<QUrl>{url}, user);
}

void MainWindow::signInRemembered(const QList<QUrl> &servers, const QString &user)
{
    m_servers = servers;
    m_userName = user;
    m_stack->silentSignIn().start(servers, user);
}

void MainWindow::signOut()
{
    if (m_signingOut || m_shuttingDown || !m_everSignedIn)
        return;
    m_signingOut = true;
    updateSessionActions();
    // As when closing: the open record's edits become a draft and its lock is released.
    m_stack->controller().close();
    statusBar()->showMessage(tr("Signing out…"));
    m_stack->silentSignIn().signOut();
}

void MainWindow::onSignedOut()
{
    if (!std::exchange(m_signingOut, false) || m_shuttingDown)
        return;
    qCInfo(lcUi) << "signed out";
    m_everSignedIn = false;
    // Nothing of the records stays on screen for whoever signs in next.
    m_stack->listModel().setRecords(RecordList{});
    m_userLabel->clear();
    statusBar()->clearMessage();
    updateTitle();
    updateSessionActions();
    showSignInDialog();
}

void MainWindow::updateSessionActions()
{
    m_signInAction->setEnabled(m_stack->connection().state() == Connection::State::Offline && !m_signingOut);
    m_signOutAction->setEnabled(m_everSignedIn && !m_signingOut);
}

void MainWindow::showSignInDialog(const QString &message)
{
    if (m_signInDialog) {
        m_signInDialog->setMessage(message);
        return;
    }
    m_signInDialog = new SignInDialog(&m_stack->connection(), m_settings, this);
    m_signInDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_signInDialog->setTokenVault(&m_stack->tokenVault());
    if (!m_servers.isEmpty())
        m_signInDialog->setServers(m_servers);
    if (!m_userName.isEmpty())
        m_signInDialog->setUserName(m_userName);
    if (!message.isEmpty())
        m_signInDialog->setMessage(message);
    connect(m_signInDialog, &SignInDialog::signedIn, this, [this, dialog = m_signInDialog.data()] {
        m_servers = dialog->servers();
        m_userName = dialog->userName();
        m_stack->silentSignIn().setAccount(m_servers, m_userName);
    });
    connect(m_signInDialog, &QDialog::rejected, this, [this] {
        // Nothing to show without a session: cancelling the first sign-in closes the window.
        if (!m_everSignedIn)
            close();
    });
    m_signInDialog->open();
}

SignInDialog *MainWindow::signInDialog() const
{
    return m_signInDialog;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_readyToClose || !m_everSignedIn) {
        saveLayout();
        event->accept();
        return;
    }
    event->ignore();
    if (m_shuttingDown) {
        finishShutdown(); // asked twice: stop waiting
        return;
    }
    m_shuttingDown = true;
    // Keeps unsaved changes as a draft and releases the record's lock; logout then frees anything
    // else this window holds (e.g. a lock resumed after a reconnect) in one request.
    m_stack->controller().close();
    if (!m_stack->connection().isOnline()) {
        finishShutdown(); // the server frees the locks after its orphan grace
        return;
    }
    statusBar()->showMessage(tr("Releasing locks…"));
    m_stack->connection().logout();
    m_shutdownTimer.start(m_shutdownTimeoutMs);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_signInAction = m_fileMenu->addAction(QString(), this, [this] { showSignInDialog(); });
    m_signOutAction = m_fileMenu->addAction(QString(), this, &MainWindow::signOut);
    m_signOutAction->setObjectName(u"signOutAction"_s);
    m_signOutAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    updateSessionActions();
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    m_recordMenu = menuBar()->addMenu(QString());
    m_recordMenu->addAction(m_editor->editAction());
    m_recordMenu->addAction(m_editor->saveAction());
    m_recordMenu->addAction(m_editor->cancelAction());
    m_recordMenu->addAction(m_editor->admin()->takeOverAction());
    m_recordMenu->addSeparator();
    m_nextAction = m_recordMenu->addAction(QString(), this, [this] { m_list->selectNext(); });
    m_nextAction->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Down), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    m_previousAction = m_recordMenu->addAction(QString(), this, [this] { m_list->selectPrevious(); });
    m_previousAction->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Up), QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    m_recordMenu->addSeparator();
    m_findAction = m_recordMenu->addAction(QString(), this, [this] { m_list->focusSearch(); });
    m_findAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    m_listAction = m_recordMenu->addAction(QString(), this, [this] { m_list->focusList(); });
    m_listAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_recordMenu->addSeparator();
    m_recordMenu->addAction(m_indicator->retryAction());
    // The window, not the menu bar, owns the shortcuts, so they work with the menu bar hidden too.
    addActions({m_signOutAction, m_quitAction, m_nextAction, m_previousAction, m_findAction, m_listAction});
    // Administrators only: it shows itself when the signed-in user's role is admin.
    menuBar()->addMenu(new AdminMenu(m_stack, m_list, m_editor, this));
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_signInAction->setText(tr("Sign &in…"));
    m_signOutAction->setText(tr("Sign &out"));
    m_quitAction->setText(tr("&Quit"));
    m_recordMenu->setTitle(tr("&Record"));
    m_nextAction->setText(tr("&Next record"));
    m_previousAction->setText(tr("&Previous record"));
    m_findAction->setText(tr("&Find…"));
    m_listAction->setText(tr("Go to the &list"));
    updateTitle();
}

void MainWindow::onSignedIn(const SessionInfo &session)
{
    m_everSignedIn = true;
    updateSessionActions();
    m_userLabel->setText(tr("Signed in as %1").arg(session.displayName));
    qCInfo(lcUi) << "signed in as" << session.displayName;
    // Also after a reconnect: saves and lock changes made meanwhile show up in the list.
    m_stack->listModel().refresh();
    updateTitle();
}

void MainWindow::onSignInFailed(const ProtocolError &error)
{
    if (m_signInDialog)
        return; // the dialog explains it
    qCInfo(lcUi) << "sign-in failed:" << errorCodeName(error.code) << error.message;
    showSignInDialog(SignInDialog::describeErrorForServers(error, m_servers));
}

void MainWindow::onRecordSelected(const QString &recordId)
{
    // A list reset clears the selection for a moment; that does not close the open record.
    if (recordId.isEmpty() || recordId == m_stack->controller().recordId()) {
        m_openTimer.stop();
        return;
    }
    m_openTimer.start();
}

void MainWindow::openSelected()
{
    const QString recordId = m_list->currentRecordId();
    if (!recordId.isEmpty() && recordId != m_stack->controller().recordId())
        m_stack->controller().open(recordId);
}

void MainWindow::updateTitle()
{
    const QString user = m_stack->connection().session().displayName;
    const QString record = m_editor->recordTitle();
    QString title = u"RecordLock"_s;
    if (!user.isEmpty())
        title = tr("RecordLock — %1").arg(user);
    if (!record.isEmpty())
        title = record + u"[*] — "_s + title;
    setWindowTitle(title);
    setWindowModified(m_stack->controller().isDirty());
}

void MainWindow::finishShutdown()
{
    if (!m_shuttingDown)
        return;
    m_shutdownTimer.stop();
    m_readyToClose = true;
    close();
}

void MainWindow::restoreLayout()
{
    resize(1240, 760);
    m_splitter->setSizes({620, 620});
    if (!m_settings)
        return;
    restoreGeometry(m_settings->value(GeometryKey).toByteArray());
    m_splitter->restoreState(m_settings->value(SplitterKey).toByteArray());
}

void MainWindow::saveLayout()
{
    if (!m_settings)
        return;
    m_settings->setValue(GeometryKey, saveGeometry());
    m_settings->setValue(SplitterKey, m_splitter->saveState());
}

} // namespace recordlock
