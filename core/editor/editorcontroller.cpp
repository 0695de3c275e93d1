#include "editor/editorcontroller.h"

#include <utility>

#include <QTimer>
#include <QUrl>

#include "client/recordservice.h"
#include "editor/editorlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

EditorController::EditorController(Connection *connection, LockService *locks, RecordService *records,
                                   DraftStore *drafts, const Clock &clock, EditorSettings settings, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_records(records)
    , m_settings(settings)
    , m_lock(locks)
    , m_draft(drafts, m_buffer, clock, settings.draftDelayMs)
    , m_idle(clock, settings.idleTimeoutMs, settings.idleWarningMs, settings.idlePollMs)
{
    connect(connection, &Connection::stateChanged, this, &EditorController::updateDerived);
    connect(connection, &Connection::signedIn, this, &EditorController::onSignedIn);
    connect(records, &RecordService::recordUpdated, this, &EditorController::onRecordUpdated);

    connect(&m_lock, &EditLock::granted, this, [this] {
        if (m_mode == Mode::Requesting)
            enterEditing();
        if (std::exchange(m_takingOver, false))
            emit takenOver();
        updateDerived();
    });
    connect(&m_lock, &EditLock::refused, this, &EditorController::onLockRefused);
    connect(&m_lock, &EditLock::lost, this, &EditorController::onLockLost);
    connect(&m_lock, &EditLock::changed, this, &EditorController::updateDerived);
    connect(&m_lock, &EditLock::renewalFailingChanged, this, &EditorController::renewalFailingChanged);
    // Missed events may include a save: the record is fetched again along with the lock.
    connect(&m_lock, &EditLock::resyncNeeded, this, [this] {
        if (m_buffer.hasRecord())
            fetchRecord(false);
    });

    connect(&m_idle, &IdleGuard::warningStarted, this, [this](qint64 ms) {
        qCInfo(lcEditor) << m_recordId << "idle; releasing in" << ms << "ms";
        emit idleWarningStarted(ms);
    });
    connect(&m_idle, &IdleGuard::warningCancelled, this, &EditorController::idleWarningCancelled);
    connect(&m_idle, &IdleGuard::expired, this, &EditorController::releaseForIdle);
}

EditorController::~EditorController()
{
    // The window owning us may be half destroyed already: say nothing, just keep the work safe.
    blockSignals(true);
    close();
}

void EditorController::setRenewer(LockRenewer *renewer)
{
    m_lock.setRenewer(renewer);
}

void EditorController::setSettings(const EditorSettings &settings)
{
    m_settings = settings;
    m_draft.setDelayMs(settings.draftDelayMs);
    m_idle.setTimings(settings.idleTimeoutMs, settings.idleWarningMs, settings.idlePollMs);
}

void EditorController::open(const QString &recordId)
{
    if (!recordId.isEmpty() && recordId == m_recordId) {
        // Opening the open record again must not give up its lock or edits.
        reload();
        return;
    }
    close();
    if (recordId.isEmpty() || !m_records)
        return;
    ++m_generation;
    m_recordId = recordId;
    m_lastError = ProtocolError{};
    m_lastLossReason.clear();
    m_displaced = false;
    m_lock.attach(recordId);
    setMode(Mode::Loading);
    fetchRecord(true);
    updateDerived();
}

void EditorController::reload()
{
    if (m_recordId.isEmpty() || !m_records)
        return;
    const bool initial = !m_buffer.hasRecord();
    if (initial)
        setMode(Mode::Loading);
    fetchRecord(initial);
}

void EditorController::close()
{
    if (m_recordId.isEmpty())
        return;
    if (m_buffer.isDirty())
        m_draft.writeNow();
    m_lock.detach();
    // A take-over still in flight belongs to the record being closed; its reply is dropped.
    m_takingOver = false;
    ++m_generation;
    m_draft.unbind();
    m_idle.stop();
    m_buffer.clear();
    m_recordId.clear();
    setMode(Mode::Empty);
    updateDerived();
}

void EditorController::beginEdit()
{
    if (m_mode != Mode::Viewing || !m_lock.state())
        return;
    switch (m_lock.status()) {
    case LockState::Status::HeldByMe:
        // Still held from before (e.g. a release not yet answered): take it up again.
        m_lock.adopt();
        enterEditing();
        updateDerived();
        return;
    case LockState::Status::HeldByMeElsewhere: // switchHere() is the way, and the user chooses it
    case LockState::Status::Pending:
        return;
    default:
        // Also when someone else seems to hold it: their lock may just have gone; the server decides.
        requestLock(false);
    }
}

void EditorController::switchHere()
{
    if (canSwitchHere())
        requestLock(true);
}

void EditorController::takeOver(const QString &reason, const QString &expectHolder)
{
    if (m_mode != Mode::Viewing || !m_lock.state() || !m_connection || !m_connection->isOnline()) {
        const ProtocolError error{ErrorCode::Unavailable, u"not possible now"_s, {}};
        QTimer::singleShot(0, this, [this, error] { emit takeOverFailed(error); });
        return;
    }
    m_takingOver = true;
    m_lastError = ProtocolError{};
    setMode(Mode::Requesting);
    m_lock.takeOver(reason, expectHolder);
    updateDerived();
}

void EditorController::setFieldValue(const QString &field, const QString &value)
{
    if (!m_buffer.hasRecord())
        return;
    noteActivity();
    m_buffer.setValue(field, value);
    m_draft.schedule();
    // The first keystroke asks for the lock; while someone else holds it the typing becomes a draft.
    if (m_mode == Mode::Viewing && m_buffer.isDirty() && canEdit())
        beginEdit();
    updateDerived();
}

void EditorController::noteActivity()
{
    m_idle.noteActivity();
}

void EditorController::keepEditing()
{
    noteActivity();
}

void EditorController::save()
{
    if (m_mode == Mode::Saving || !m_buffer.isDirty() || !m_records)
        return;
    if (!canSave()) {
        if (!m_connection || !m_connection->isOnline())
            failSaveLater(ProtocolError{ErrorCode::Unavailable, u"offline"_s, {}});
        else if (m_buffer.hasConflicts())
            failSaveLater(ProtocolError{ErrorCode::StaleVersion, u"conflicts are not resolved"_s, {}});
        else
            failSaveLater(ProtocolError{ErrorCode::NoLock, u"this window does not hold the lock"_s, {}});
        return;
    }
    const QMap<QString, QString> fields = m_buffer.edits();
    m_buffer.beginSave(fields);
    noteActivity();
    setMode(Mode::Saving);
    const quint64 generation = m_generation;
    m_records->save(m_recordId, m_lock.token(), m_buffer.serverVersion(), fields, this,
                    [this, generation](const std::variant<RecordData, ProtocolError> &result) {
                        if (generation != m_generation)
                            return;
                        if (const auto *error = std::get_if<ProtocolError>(&result))
                            onSaveFailed(*error);
                        else
                            onSaved(std::get<RecordData>(result));
                    });
    updateDerived();
}

void EditorController::onSaved(const RecordData &record)
{
    const EditBuffer::Update update = m_buffer.applyServerRecord(record);
    m_buffer.endSave();
    applyUpdate(update);
    if (m_mode == Mode::Saving)
        setMode(m_lock.isHeld() ? Mode::Editing : Mode::Viewing);
    qCInfo(lcEditor) << m_recordId << "saved as version" << record.version;
    emit saved();
    updateDerived();
}

void EditorController::onSaveFailed(const ProtocolError &error)
{
    m_buffer.endSave();
    m_lastError = error;
    qCInfo(lcEditor) << m_recordId << "save failed:" << errorCodeName(error.code) << error.message;
    if (m_mode == Mode::Saving) {
        // Offline keeps Editing: the lock may well resume with the connection.
        const bool stillMine = m_lock.isHeld() || m_lock.status() == LockState::Status::Offline;
        setMode(stillMine ? Mode::Editing : Mode::Viewing);
    }
    m_draft.writeNow();
    emit saveFailed(error);
    switch (error.code) {
    case ErrorCode::NoLock:
    case ErrorCode::StaleToken:
    case ErrorCode::NotHolder:
        // The lock is not what this window thought: the truth ends editing with lockLost().
        m_lock.refresh();
        break;
    case ErrorCode::StaleVersion:
        fetchRecord(false);
        break;
    default:
        break;
    }
    updateDerived();
}

void EditorController::failSaveLater(const ProtocolError &error)
{
    // Same delivery as a server answer: never from inside save() itself.
    QTimer::singleShot(0, this, [this, error] {
        m_lastError = error;
        emit saveFailed(error);
    });
}

void EditorController::cancelEdit()
{
    if (!m_buffer.hasRecord())
        return;
    const QStringList changed = m_buffer.discardEdits();
    m_draft.remove();
    m_lock.release();
    if (m_mode == Mode::Editing || m_mode == Mode::Saving || m_mode == Mode::Requesting)
        leaveEditing();
    if (!changed.isEmpty())
        emit fieldsChanged(changed);
    updateDerived();
}

void EditorController::resolveConflicts(const QMap<QString, bool> &keepMine)
{
    if (!m_buffer.hasConflicts())
        return;
    const QStringList changed = m_buffer.resolveConflicts(keepMine);
    if (!changed.isEmpty())
        emit fieldsChanged(changed);
    m_draft.writeNow();
    updateDerived();
}

void EditorController::checkIdle()
{
    if (m_mode == Mode::Editing)
        m_idle.check();
}

bool EditorController::canEdit() const
{
    if (m_mode != Mode::Viewing || !m_lock.state() || !m_connection || !m_connection->isOnline()
        || m_buffer.hasConflicts())
        return false;
    const auto status = m_lock.status();
    return status == LockState::Status::Free || status == LockState::Status::HeldByMe
        || status == LockState::Status::Unknown;
}

bool EditorController::canSwitchHere() const
{
    return m_mode == Mode::Viewing && m_connection && m_connection->isOnline()
        && m_lock.status() == LockState::Status::HeldByMeElsewhere;
}

bool EditorController::canTakeOver() const
{
    return isAdmin() && m_mode == Mode::Viewing && m_connection->isOnline()
        && m_lock.status() == LockState::Status::HeldByOther;
}

bool EditorController::isAdmin() const
{
    return m_connection && m_connection->session().isAdmin();
}

bool EditorController::canSave() const
{
    return m_mode == Mode::Editing && m_lock.isHeld() && m_connection && m_connection->isOnline()
        && m_buffer.isDirty() && !m_buffer.hasConflicts();
}

// --- the record ----------------------------------------------------------------------------------

void EditorController::fetchRecord(bool initial)
{
    if (!m_records)
        return;
    const quint64 generation = m_generation;
    m_records->get(m_recordId, this,
                   [this, generation, initial](const std::variant<RecordSnapshot, ProtocolError> &result) {
                       if (generation != m_generation)
                           return;
                       if (const auto *snapshot = std::get_if<RecordSnapshot>(&result)) {
                           onRecordFetched(initial, *snapshot);
                           return;
                       }
                       const auto &error = std::get<ProtocolError>(result);
                       qCInfo(lcEditor) << m_recordId << "get_record failed:" << errorCodeName(error.code);
                       if (!initial || m_buffer.hasRecord())
                           return;
                       m_lastError = error;
                       setMode(Mode::LoadFailed);
                       emit loadFailed(error);
                       updateDerived();
                   });
}

void EditorController::onRecordFetched(bool initial, const RecordSnapshot &snapshot)
{
    if (!initial || m_buffer.hasRecord()) {
        applyUpdate(m_buffer.applyServerRecord(snapshot.record));
        return;
    }
    m_buffer.reset(snapshot.record);
    if (m_connection) {
        const QUrl server = m_connection->url().adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery
                                                         | QUrl::RemoveFragment);
        m_draft.bind(server.toString(), m_connection->session().userHandle);
    }
    setMode(Mode::Viewing);
    emit recordLoaded();
    restoreDraft();
    updateDerived();
}

void EditorController::onRecordUpdated(const RecordData &changedOnly, const QStringList &changedFields)
{
    if (changedOnly.id != m_recordId || !m_buffer.hasRecord())
        return;
    applyUpdate(m_buffer.applyServerUpdate(changedOnly, changedFields));
}

void EditorController::applyUpdate(const EditBuffer::Update &update)
{
    if (update.ignored)
        return;
    emit recordChanged();
    if (!update.changedFields.isEmpty())
        emit fieldsChanged(update.changedFields);
    if (m_buffer.isDirty() || m_draft.isStored())
        m_draft.writeNow();
    if (!update.conflicts.isEmpty())
        emit conflictsFound(m_buffer.pendingConflicts());
    updateDerived();
}

void EditorController::restoreDraft()
{
    const auto draft = m_draft.load();
    if (!draft)
        return;
    const EditBuffer::Update update = m_buffer.restoreDraft(*draft);
    if (!m_buffer.isDirty()) {
        // Everything in it is on the server already.
        m_draft.remove();
        return;
    }
    m_draft.setStored(true);
    qCInfo(lcEditor) << m_recordId << "restored draft:" << m_buffer.dirtyFields() << "conflicts:"
                     << update.conflicts.size();
    emit fieldsChanged(update.changedFields);
    emit draftRestored();
    if (!update.conflicts.isEmpty())
        emit conflictsFound(m_buffer.pendingConflicts());
}

// --- the lock ------------------------------------------------------------------------------------

void EditorController::requestLock(bool switchSession)
{
    m_lastError = ProtocolError{};
    setMode(Mode::Requesting);
    m_lock.acquire(switchSession);
    updateDerived();
}

void EditorController::onLockRefused(const ProtocolError &error)
{
    m_lastError = error;
    qCInfo(lcEditor) << m_recordId << "lock refused:" << errorCodeName(error.code);
    if (m_mode == Mode::Requesting)
        setMode(Mode::Viewing);
    if (m_buffer.isDirty())
        m_draft.writeNow();
    if (std::exchange(m_takingOver, false))
        emit takeOverFailed(error);
    else
        emit editRequestFailed(error);
    updateDerived();
}

void EditorController::onLockLost(const QString &reason)
{
    if (m_mode != Mode::Editing && m_mode != Mode::Saving)
        return;
    qCInfo(lcEditor) << m_recordId << "lock lost while editing:" << reason;
    m_lastLossReason = reason;
    m_displaced = reason == LockState::ReasonOverridden;
    m_displacedBy = m_displaced && m_lock.state() ? m_lock.state()->lastOverride() : LockOverride{};
    leaveEditing();
    if (m_buffer.isDirty())
        m_draft.writeNow();
    emit lockLost(reason);
    updateDerived();
}

void EditorController::onSignedIn()
{
    updateDerived(); // the role may differ from the last session's
    if (m_recordId.isEmpty())
        return;
    // Back online: a failed load is retried, a loaded record catches up on saves made meanwhile.
    if (m_mode == Mode::LoadFailed)
        reload();
    else if (m_buffer.hasRecord())
        fetchRecord(false);
}

void EditorController::enterEditing()
{
    m_displaced = false;
    setMode(Mode::Editing);
    m_idle.start();
}

void EditorController::leaveEditing()
{
    m_idle.stop();
    if (m_mode == Mode::Editing || m_mode == Mode::Saving || m_mode == Mode::Requesting)
        setMode(Mode::Viewing);
}

void EditorController::releaseForIdle()
{
    qCInfo(lcEditor) << m_recordId << "released after" << m_idle.idleMs() << "ms idle";
    m_lastLossReason = QString(ReasonIdle);
    if (m_buffer.isDirty())
        m_draft.writeNow();
    m_lock.release();
    leaveEditing();
    emit idleReleased();
    updateDerived();
}

// --- derived state -------------------------------------------------------------------------------

void EditorController::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    qCDebug(lcEditor) << m_recordId << m_mode << "->" << mode;
    m_mode = mode;
    emit modeChanged(mode);
}

void EditorController::updateDerived()
{
    const bool dirty = m_buffer.isDirty();
    const bool save = canSave();
    const bool edit = canEdit();
    const bool takeOver = canTakeOver();
    if (dirty != m_lastDirty) {
        m_lastDirty = dirty;
        emit dirtyChanged(dirty);
    }
    if (save != m_lastCanSave) {
        m_lastCanSave = save;
        emit canSaveChanged(save);
    }
    if (edit != m_lastCanEdit) {
        m_lastCanEdit = edit;
        emit canEditChanged(edit);
    }
    if (takeOver != m_lastCanTakeOver) {
        m_lastCanTakeOver = takeOver;
        emit canTakeOverChanged(takeOver);
    }
}

} // namespace recordlock
