#pragma once

#include "client/connection.h"
#include "client/lockoverride.h"
#include "client/lockstate.h"
#include "client/recordsnapshot.h"
#include "editor/draftkeeper.h"
#include "editor/editbuffer.h"
#include "editor/editlock.h"
#include "editor/editorsettings.h"
#include "editor/fieldconflict.h"
#include "editor/idleguard.h"
#include "protocol/protocolerror.h"
#include "protocol/recorddata.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace recordlock {

class Clock;
class DraftStore;
class LockRenewer;
class LockService;
class RecordService;

/// The editing state machine of one editor window for one open record; no widgets.
///
/// The form shows value(field) for each field and is editable while mode() is Editing. The first
/// keystroke (setFieldValue()) or beginEdit() asks for the lock; typed text is never thrown away
/// without cancelEdit(): when the lock is refused or lost it stays as dirty edits and as a draft
/// in the DraftStore, and it survives going offline (mode stays Editing, canSave() is false until
/// the connection and the lock are back). Other people's saves show up in place for fields the
/// user did not touch; touched fields become conflicts (conflictsFound()).
class EditorController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Mode mode READ mode NOTIFY modeChanged)
    Q_PROPERTY(bool dirty READ isDirty NOTIFY dirtyChanged)
    Q_PROPERTY(bool canSave READ canSave NOTIFY canSaveChanged)
    Q_PROPERTY(bool canEdit READ canEdit NOTIFY canEditChanged)
    Q_PROPERTY(bool canTakeOver READ canTakeOver NOTIFY canTakeOverChanged)

public:
    /// What the editor is doing; the form is editable only in Editing.
    enum class Mode {
        Empty,      ///< no record open
        Loading,    ///< get_record in flight
        LoadFailed, ///< the record could not be loaded (lastError()); retried when back online
        Viewing,    ///< read-only; edits may exist as a draft
        Requesting, ///< the lock was asked for; waiting for the server
        Editing,    ///< this window holds the lock (or held it when the connection dropped)
        Saving,     ///< save_record in flight
    };
    Q_ENUM(Mode)

    /// Reason given by idle release (lastLossReason() after idleReleased()).
    static constexpr QLatin1StringView ReasonIdle{"idle"};

    /// connection, locks and records must not be null; drafts may be null (no drafts). Services
    /// destroyed before the controller are tolerated (they are guarded), the DraftStore and clock are not.
    EditorController(Connection *connection, LockService *locks, RecordService *records, DraftStore *drafts,
                     const Clock &clock, EditorSettings settings = {}, QObject *parent = nullptr);
    /// Like close(): keeps edits as a draft and releases a held lock.
    ~EditorController() override;

    /// Lets renewalFailing() follow renewer's failures for the open record; may be null.
    void setRenewer(LockRenewer *renewer);
    /// The settings given to the constructor (or setSettings()).
    const EditorSettings &settings() const { return m_settings; }
    /// Replaces the timing settings (e.g. from the preferences dialog).
    void setSettings(const EditorSettings &settings);

    /// Opens recordId read-only (Loading, then Viewing or LoadFailed); closes the previous one first.
    /// Opening the record that is already open only reloads it.
    void open(const QString &recordId);
    /// Fetches the open record again (e.g. "Retry" after LoadFailed).
    void reload();
    /// Releases a held lock, stops watching, keeps unsaved edits as a draft; mode Empty.
    void close();
    /// Edit button: asks for the lock (Requesting), or starts Editing if this window holds it.
    void beginEdit();
    /// The same user holds the lock in another window: moves the lock to this window.
    void switchHere();
    /// Admin override while Viewing: takes the lock from its holder (Requesting, then Editing with
    /// takenOver(), or Viewing with takeOverFailed()). expectHolder is the holder handle the user
    /// was shown (empty when none); the server refuses with lock_changed if someone else holds it now.
    void takeOver(const QString &reason, const QString &expectHolder);
    /// The user typed: tracks the edit, counts as activity, schedules a draft, asks for the lock on
    /// the first keystroke while Viewing and the lock looks available (canEdit()).
    void setFieldValue(const QString &field, const QString &value);
    /// Any other user activity in the form (focus, scrolling, clicks): resets the idle timer.
    void noteActivity();
    /// "Keep editing" in the idle warning: cancels the countdown.
    void keepEditing();
    /// Sends the changed fields with the lock's token and the base version; saved() or saveFailed().
    void save();
    /// Discards the edits and their draft, releases the lock; mode Viewing.
    void cancelEdit();
    /// Answers conflictsFound(): keepMine[field] true keeps the user's value, false takes theirs.
    void resolveConflicts(const QMap<QString, bool> &keepMine);
    /// Runs the idle check now (the controller also polls every settings().idlePollMs).
    void checkIdle();

    /// The current mode.
    Mode mode() const { return m_mode; }
    /// The open record's id; empty when Empty.
    QString recordId() const { return m_recordId; }
    /// The server's record as last known (with all fields).
    const RecordData &record() const { return m_buffer.server(); }
    /// The value the form shows: the user's edit, else the server's value.
    QString value(const QString &field) const { return m_buffer.value(field); }
    /// The user's edit of field, or the server value when it has none.
    QString editedValue(const QString &field) const { return m_buffer.value(field); }
    /// The server's value of field.
    QString serverValue(const QString &field) const { return m_buffer.serverValue(field); }
    /// The record's field names (plus edited ones), sorted.
    QStringList fieldNames() const { return m_buffer.fieldNames(); }
    /// True when field has an unsaved edit.
    bool isFieldDirty(const QString &field) const { return m_buffer.isDirty(field); }
    /// Edited field names, sorted.
    QStringList dirtyFields() const { return m_buffer.dirtyFields(); }
    /// True when there are unsaved edits.
    bool isDirty() const { return m_buffer.isDirty(); }
    /// Edit button enabled: Viewing, online, lock free (or already this window's), no open conflicts.
    bool canEdit() const;
    /// The lock is held by another window of this user: offer "Edit here" (switchHere()).
    bool canSwitchHere() const;
    /// Offer "Take over editing": the user is an admin, Viewing, online, and someone else holds the lock.
    /// Only a convenience for the UI: the server checks the role again.
    bool canTakeOver() const;
    /// The signed-in user has the admin role.
    bool isAdmin() const;
    /// The connection the controller works through (nullptr once destroyed).
    Connection *connection() const { return m_connection; }
    /// True while this window's editing ended because an administrator took the lock over, until
    /// it edits again or opens another record.
    bool isDisplaced() const { return m_displaced; }
    /// Who took the lock over and why, while isDisplaced().
    const LockOverride &displacedBy() const { return m_displacedBy; }
    /// Save enabled: Editing, lock HeldByMe, Online, dirty and no open conflicts.
    bool canSave() const;
    /// The open record's LockState (owned by the LockService); nullptr when Empty.
    LockState *lockState() const { return m_lock.state(); }
    /// Why the lock was last lost while editing (LockState reasons, or "idle"); empty if never.
    QString lastLossReason() const { return m_lastLossReason; }
    /// The last load, lock request or save error.
    const ProtocolError &lastError() const { return m_lastError; }
    /// True after a renewal of the held lock failed, until a renewal succeeds or editing ends.
    bool renewalFailing() const { return m_lock.renewalFailing(); }
    /// True while the idle countdown runs.
    bool idleWarningActive() const { return m_idle.isWarning(); }
    /// Milliseconds left in the idle countdown; 0 when none runs.
    qint64 idleWarningRemainingMs() const { return m_idle.warningRemainingMs(); }
    /// Conflicts waiting for resolveConflicts().
    QList<FieldConflict> pendingConflicts() const { return m_buffer.pendingConflicts(); }
    /// True while conflicts wait for resolveConflicts().
    bool hasPendingConflicts() const { return m_buffer.hasConflicts(); }
    /// True when a draft with the current edits is on disk.
    bool hasStoredDraft() const { return m_draft.isStored(); }

signals:
    /// The mode changed.
    void modeChanged(recordlock::EditorController::Mode mode);
    /// A record was loaded (open() or reload()); all fields may have changed.
    void recordLoaded();
    /// The open record failed to load.
    void loadFailed(const recordlock::ProtocolError &error);
    /// The server record changed (version, updatedBy, fields).
    void recordChanged();
    /// These fields' displayed values changed by anything but setFieldValue() (others' saves, a
    /// draft restore, a discard, a conflict resolution): the form reloads them.
    void fieldsChanged(const QStringList &fields);
    /// isDirty() changed.
    void dirtyChanged(bool dirty);
    /// canSave() changed.
    void canSaveChanged(bool canSave);
    /// canEdit() changed (canSwitchHere() may have changed too).
    void canEditChanged(bool canEdit);
    /// canTakeOver() changed.
    void canTakeOverChanged(bool canTakeOver);
    /// takeOver() succeeded: this window holds the lock and is Editing.
    void takenOver();
    /// takeOver() failed (forbidden, lock_changed, unavailable, ...); the lock state shows what the server said.
    void takeOverFailed(const recordlock::ProtocolError &error);
    /// A save succeeded; the lock is still held and editing continues.
    void saved();
    /// A save failed (no_lock, stale_token, stale_version, unavailable, ...); the edits are kept.
    void saveFailed(const recordlock::ProtocolError &error);
    /// Asking for the lock failed (lock_held, unavailable, ...); the edits are kept.
    void editRequestFailed(const recordlock::ProtocolError &error);
    /// The lock went away while editing (expired, released, switched, overridden, disconnected,
    /// lost): the form is read-only now and the edits are kept as a draft.
    void lockLost(const QString &reason);
    /// renewalFailing() changed.
    void renewalFailingChanged(bool failing);
    /// The user has been idle: the lock is released in ms unless keepEditing() or activity.
    void idleWarningStarted(qint64 ms);
    /// The idle countdown stopped because the user was active again.
    void idleWarningCancelled();
    /// The idle countdown ran out: the lock was released, edits kept as a draft, mode Viewing.
    void idleReleased();
    /// Edits from a draft were restored on open; the user clicks Edit to continue.
    void draftRestored();
    /// Fields changed by someone else that the user also changed; answer with resolveConflicts().
    void conflictsFound(const QList<recordlock::FieldConflict> &conflicts);

private:
    void fetchRecord(bool initial);
    void onRecordFetched(bool initial, const RecordSnapshot &snapshot);
    void onRecordUpdated(const RecordData &changedOnly, const QStringList &changedFields);
    void applyUpdate(const EditBuffer::Update &update);
    void restoreDraft();
    void requestLock(bool switchSession);
    void onLockRefused(const ProtocolError &error);
    void onLockLost(const QString &reason);
    void onSignedIn();
    void onSaved(const RecordData &record);
    void onSaveFailed(const ProtocolError &error);
    void failSaveLater(const ProtocolError &error);
    void enterEditing();
    void leaveEditing();
    void releaseForIdle();
    void setMode(Mode mode);
    void updateDerived();

    QPointer<Connection> m_connection;
    QPointer<RecordService> m_records;
    EditorSettings m_settings;
    EditBuffer m_buffer;
    EditLock m_lock;
    DraftKeeper m_draft;
    IdleGuard m_idle;
    QString m_recordId;
    Mode m_mode = Mode::Empty;
    ProtocolError m_lastError;
    QString m_lastLossReason;
    /// Counts open()/reload()/close(), so replies for an earlier record are recognised and dropped.
    quint64 m_generation = 0;
    bool m_lastDirty = false;
    bool m_lastCanSave = false;
    bool m_lastCanEdit = false;
    bool m_lastCanTakeOver = false;
    /// The lock request in flight is an admin override (its answer goes to takenOver/takeOverFailed).
    bool m_takingOver = false;
    bool m_displaced = false;
    LockOverride m_displacedBy;
};

} // namespace recordlock
