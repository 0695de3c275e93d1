#pragma once

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include "common/systemclock.h"
#include "editor/editorsettings.h"
#include "ui/clientstack.h"
#include "ui/mainwindow.h"

namespace recordlock {
class LockBanner;
class RecordEditor;
} // namespace recordlock

namespace recordlock::test {

/// One complete client as the app builds it: a ClientStack and a MainWindow, signed in as a demo
/// user (password = user name) on a real recordlockd, drafts in a temporary directory.
class GuiClient
{
public:
    /// A window for user; call signIn() to connect. Reconnects fast (100 ms .. 1 s) for tests.
    GuiClient(const QString &user, const EditorSettings &settings = {});
    /// The window goes before the stack it shows.
    ~GuiClient();

    /// Signs in to url and waits until online and the record list is loaded; false on timeout.
    bool signIn(const QUrl &url, int timeoutMs = 5000);
    /// Opens recordId in the editor (as a click on the list would) and waits until it is shown.
    bool open(const QString &recordId, int timeoutMs = 5000);

    /// The user name.
    QString user() const { return m_user; }
    /// The core objects.
    ClientStack &stack() { return m_stack; }
    /// The window.
    MainWindow &window() { return m_window; }
    /// The window's editor pane.
    RecordEditor *editor() const;
    /// The editor's lock banner.
    LockBanner *banner() const;

private:
    QString m_user;
    SystemClock m_clock;
    QTemporaryDir m_drafts;
    ClientStack m_stack;
    MainWindow m_window;
};

} // namespace recordlock::test
