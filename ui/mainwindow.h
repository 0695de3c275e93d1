#pragma once

#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

#include "protocol/protocolerror.h"

class QAction;
class QLabel;
class QMenu;
class QSettings;
class QSplitter;

namespace recordlock {

class ClientStack;
class ConnectionIndicator;
class RecordEditor;
class RecordListView;
class SignInDialog;
struct SessionInfo;

/// The client window: the record list on the left, the editor of the selected record on the right,
/// the connection state in the status bar.
///
/// One editor per window: selecting another record closes the open one (its lock is released, its
/// unsaved changes stay as a draft). Closing the window releases held locks first, waiting briefly
/// (at most shutdownTimeoutMs()) for the server to confirm.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// stack must outlive the window; settings may be null (nothing remembered).
    MainWindow(ClientStack *stack, QSettings *settings, QWidget *parent = nullptr);

    /// Signs in: with a password directly; else, if settings remember a session for url (and user,
    /// when given), silently with it (signInRemembered()); else through the sign-in dialog
    /// (prefilled with url and user).
    void signIn(const QUrl &url, const QString &user, const QString &password = QString());
    /// signIn() with the servers of one installation; the connection fails over between them.
    void signIn(const QList<QUrl> &servers, const QString &user, const QString &password = QString());
    /// Signs in with the session "remember me" kept for user on url, without a dialog; the dialog
    /// (prefilled, with the reason) when none is kept or the server refuses it.
    void signInRemembered(const QUrl &url, const QString &user);
    /// signInRemembered() with the servers of one installation.
    void signInRemembered(const QList<QUrl> &servers, const QString &user);
    /// File > Sign out: keeps unsaved edits as a draft, logs out (releasing the locks), forgets the
    /// remembered session and shows the sign-in dialog.
    void signOut();
    /// Opens the sign-in dialog over the window; message says why (may be empty).
    void showSignInDialog(const QString &message = QString());
    /// The sign-in dialog while it is open, else nullptr.
    SignInDialog *signInDialog() const;

    /// The record list.
    RecordListView *recordList() const { return m_list; }
    /// The editor pane.
    RecordEditor *editor() const { return m_editor; }
    /// The status bar's connection indicator.
    ConnectionIndicator *connectionIndicator() const { return m_indicator; }
    /// File > Sign out.
    QAction *signOutAction() const { return m_signOutAction; }
    /// Upper bound for waiting on lock releases when the window closes.
    int shutdownTimeoutMs() const { return m_shutdownTimeoutMs; }
    /// Sets the bound (default 2000 ms).
    void setShutdownTimeoutMs(int ms) { m_shutdownTimeoutMs = ms; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createMenus();
    void retranslate();
    void onSignedIn(const SessionInfo &session);
    void onSignInFailed(const ProtocolError &error);
    void onSignedOut();
    void updateSessionActions();
    void onRecordSelected(const QString &recordId);
    void openSelected();
    void updateTitle();
    void finishShutdown();
    void restoreLayout();
    void saveLayout();

    ClientStack *m_stack;
    QSettings *m_settings;
    RecordListView *m_list;
    RecordEditor *m_editor;
    QSplitter *m_splitter;
    ConnectionIndicator *m_indicator;
    QLabel *m_userLabel;
    QPointer<SignInDialog> m_signInDialog;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_recordMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_signInAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_previousAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_listAction = nullptr;
    /// Debounces opening while the selection moves quickly (arrow key repeat).
    QTimer m_openTimer;
    QTimer m_shutdownTimer;
    QList<QUrl> m_servers;
    QString m_userName;
    int m_shutdownTimeoutMs = 2000;
    bool m_everSignedIn = false;
    /// Enter on a record: move into the form once it has loaded.
    bool m_focusFormOnLoad = false;
    bool m_shuttingDown = false;
    /// signOut() is waiting for the logout to finish.
    bool m_signingOut = false;
    bool m_readyToClose = false;
};

} // namespace recordlock
