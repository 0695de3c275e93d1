#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QWidget>

#include "editor/fieldconflict.h"
#include "protocol/protocolerror.h"

class QAction;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace recordlock {

class ConflictDialog;
class EditorAdminActions;
class EditorController;
class LockBanner;
class MessageBar;
class RecordHeader;
class RecordForm;
class ServerClock;

/// The editor pane: lock banner, messages, the record's form and Edit / Save / Cancel.
///
/// Everything it does goes through its EditorController: the form is read-only until this window
/// holds the lock (the first keystroke asks for it), Save follows canSave(), failed saves keep the
/// edits and say why, other people's saves appear in place. Shortcuts: Edit Ctrl+E (or F2),
/// Save Ctrl+S, Cancel Esc (a second Esc confirms discarding unsaved changes).
class RecordEditor : public QWidget
{
    Q_OBJECT

public:
    /// controller and clock must outlive the editor.
    RecordEditor(EditorController *controller, const ServerClock &clock, QWidget *parent = nullptr);

    /// The controller the editor shows.
    EditorController *controller() const { return m_controller; }
    /// The lock banner above the form.
    LockBanner *banner() const { return m_banner; }
    /// The message line under the banner.
    MessageBar *messageBar() const { return m_messages; }
    /// The form with the record's fields.
    RecordForm *form() const { return m_form; }
    /// Edit (Ctrl+E, F2).
    QAction *editAction() const { return m_editAction; }
    /// Save (Ctrl+S).
    QAction *saveAction() const { return m_saveAction; }
    /// Cancel (Esc): releases the lock; unsaved changes are discarded after a confirmation.
    QAction *cancelAction() const { return m_cancelAction; }
    /// The Save button.
    QPushButton *saveButton() const { return m_saveButton; }
    /// The administrators' actions (take over, lock history) and their dialogs.
    EditorAdminActions *admin() const { return m_admin; }
    /// "CL-2026-0042 Water damage, 12 Elm Street", or empty when no record is open.
    QString recordTitle() const;

signals:
    /// recordTitle() changed.
    void titleChanged(const QString &title);

protected:
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void retranslate();
    void onModeChanged();
    void onRecordLoaded();
    void onFieldsChanged(const QStringList &fields);
    void onSaveFailed(const ProtocolError &error);
    void onEditRequestFailed(const ProtocolError &error);
    void onConflictsFound(const QList<FieldConflict> &conflicts);
    void onMessageAction(const QString &id);
    void edit();
    void requestCancel();
    void showConflictDialog();
    void updateState();
    void updateHeader();
    void updateDirtyMarks();
    QString saveUnavailableReason() const;

    EditorController *m_controller;
    QStackedWidget *m_pages;
    QLabel *m_placeholder;
    QPushButton *m_retryButton;
    RecordHeader *m_header;
    LockBanner *m_banner;
    MessageBar *m_messages;
    RecordForm *m_form;
    QPushButton *m_editButton;
    QPushButton *m_saveButton;
    QPushButton *m_cancelButton;
    QAction *m_editAction;
    QAction *m_saveAction;
    QAction *m_cancelAction;
    EditorAdminActions *m_admin;
    QPointer<ConflictDialog> m_conflictDialog;
    /// Shows the placeholder only when no record follows within a moment.
    QTimer m_placeholderDelay;
    /// The version the form last showed, to tell others' saves from a reload.
    qint64 m_shownVersion = 0;
    /// The first Esc with unsaved changes asks; the second (or "Discard") discards.
    bool m_confirmingDiscard = false;
    /// The "lock could not be requested" message shown last; cleared once editing starts after all.
    QString m_editRequestFailure;
};

} // namespace recordlock
