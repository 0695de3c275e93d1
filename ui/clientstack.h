#pragma once

#include <QString>

#include "client/connection.h"
#include "client/lockevents.h"
#include "client/lockrenewer.h"
#include "client/lockservice.h"
#include "client/recordservice.h"
#include "client/silentsignin.h"
#include "client/tokenvault.h"
#include "editor/draftstore.h"
#include "editor/editorcontroller.h"
#include "editor/editorsettings.h"
#include "editor/recordlistmodel.h"

namespace recordlock {

class Clock;

/// The core objects of one client window, wired together: Connection, LockEvents, LockService,
/// LockRenewer, RecordService, DraftStore, EditorController, the record list model, and the
/// TokenVault with the SilentSignIn that uses it.
///
/// All are by-value members, so ownership and destruction order are plain to see: the controller
/// goes first (it keeps a draft and releases its lock while the connection still exists), the
/// connection last. The app, the GUI tests and the screenshot tool build the same stack.
class ClientStack
{
public:
    /// clock must outlive the stack; drafts are kept under draftDirectory.
    ClientStack(const Clock &clock, const QString &draftDirectory, const EditorSettings &settings = {});
    /// Members go in reverse order: the controller (keeps a draft, releases its lock) before the connection.
    ~ClientStack();

    ClientStack(const ClientStack &) = delete;
    ClientStack &operator=(const ClientStack &) = delete;

    /// The window's connection.
    Connection &connection() { return m_connection; }
    /// Lock states and lock requests.
    LockService &locks() { return m_locks; }
    /// Renews every lock the window holds.
    LockRenewer &renewer() { return m_renewer; }
    /// Record reads and saves.
    RecordService &records() { return m_records; }
    /// Drafts on disk.
    DraftStore &drafts() { return m_drafts; }
    /// The editor's state machine.
    EditorController &controller() { return m_controller; }
    /// The record list.
    RecordListModel &listModel() { return m_listModel; }
    /// The keychain that "remember me" keeps the session token in.
    TokenVault &tokenVault() { return m_tokenVault; }
    /// Signs in with the kept token; forgets it when refused or on sign-out.
    SilentSignIn &silentSignIn() { return m_silentSignIn; }

private:
    Connection m_connection;
    LockEvents m_events;
    LockService m_locks;
    LockRenewer m_renewer;
    RecordService m_records;
    DraftStore m_drafts;
    EditorController m_controller;
    RecordListModel m_listModel;
    TokenVault m_tokenVault;
    SilentSignIn m_silentSignIn;
};

} // namespace recordlock
