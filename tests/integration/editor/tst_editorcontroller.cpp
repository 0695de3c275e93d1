// EditorController end to end: two windows (alice, bob) on a real recordlockd, each with its own
// connection, services and drafts; idle time runs on a FakeClock, everything else on real time.

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "common/systemclock.h"
#include "editor/editorcontroller.h"
#include "editorwindow.h"
#include "fakeclock.h"
#include "serverprocess.h"

using namespace recordlock;
using namespace recordlock::test;
using namespace Qt::StringLiterals;

using Mode = EditorController::Mode;
using Status = LockState::Status;

namespace {

const QString Record = u"CL-2026-0005"_s;
constexpr qint64 IdleTimeoutMs = 60'000;
constexpr qint64 IdleWarningMs = 10'000;

ServerProcess::Options serverOptions()
{
    ServerProcess::Options options;
    options.lockTtlSeconds = 10;
    options.orphanGraceSeconds = 20;
    return options;
}

EditorSettings testSettings()
{
    EditorSettings settings;
    settings.idleTimeoutMs = IdleTimeoutMs;
    settings.idleWarningMs = IdleWarningMs;
    settings.draftDelayMs = 200;
    // Only checkIdle() drives idleness here, with the FakeClock.
    settings.idlePollMs = 3'600'000;
    return settings;
}

QList<Mode> modesOf(const QSignalSpy &spy)
{
    QList<Mode> modes;
    for (const QList<QVariant> &args : spy)
        modes.append(args.at(0).value<Mode>());
    return modes;
}

} // namespace

class TestEditorController : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void openShowsRecordReadOnly();
    void firstKeystrokeRequestsThenEdits();
    void otherUserCannotEditAndKeepsTyping();
    void saveBumpsVersionAndUpdatesOthersInPlace();
    void staleSaveIsRefusedAndEditsKept();
    void idleWarningThenReleaseKeepsDraft();
    void draftRestoredAfterCrash();
    void conflictWhenOtherSavedMeanwhile();
    void offlineKeepsEditsAndResumesWithSameToken();
    void switchHereMovesLockBetweenOwnWindows();
    void closeReleasesLock();
    void cancelWhileRequestingGivesLockBack();
    void closeWhileRequestingGivesLockBack();

private:
    std::unique_ptr<EditorController> makeController(EditorWindow &window, FakeClock &clock);
    /// Brings controller to Editing on Record; true when it got there.
    bool startEditing(EditorController &controller);

    SystemClock m_clock;
    FakeClock m_aliceClock;
    FakeClock m_bobClock;
    QTemporaryDir m_dir;
    ServerProcess m_server{serverOptions()};
    std::unique_ptr<EditorWindow> m_alice;
    std::unique_ptr<EditorWindow> m_bob;
    std::unique_ptr<EditorController> m_aliceEditor;
    std::unique_ptr<EditorController> m_bobEditor;
    qint64 m_version = 0;
};

void TestEditorController::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    m_alice = std::make_unique<EditorWindow>(m_clock, m_dir.filePath(u"alice"_s));
    m_bob = std::make_unique<EditorWindow>(m_clock, m_dir.filePath(u"bob"_s));
    QVERIFY(m_alice->signIn(m_server.wsUrl(), u"alice"_s));
    QVERIFY(m_bob->signIn(m_server.wsUrl(), u"bob"_s));
    m_aliceEditor = makeController(*m_alice, m_aliceClock);
    m_bobEditor = makeController(*m_bob, m_bobClock);
}

void TestEditorController::cleanupTestCase()
{
    m_aliceEditor.reset();
    m_bobEditor.reset();
    m_alice.reset();
    m_bob.reset();
    m_server.stop();
}

std::unique_ptr<EditorController> TestEditorController::makeController(EditorWindow &window, FakeClock &clock)
{
    auto controller = std::make_unique<EditorController>(&window.connection, &window.locks, &window.records,
                                                         &window.drafts, clock, testSettings());
    controller->setRenewer(&window.renewer);
    return controller;
}

bool TestEditorController::startEditing(EditorController &controller)
{
    controller.beginEdit();
    return QTest::qWaitFor([&controller] { return controller.mode() == Mode::Editing; }, 5000);
}

void TestEditorController::openShowsRecordReadOnly()
{
    QSignalSpy modes(m_aliceEditor.get(), &EditorController::modeChanged);
    QSignalSpy loaded(m_aliceEditor.get(), &EditorController::recordLoaded);
    m_aliceEditor->open(Record);
    QCOMPARE(m_aliceEditor->mode(), Mode::Loading);
    QTRY_COMPARE(m_aliceEditor->mode(), Mode::Viewing);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(modesOf(modes), (QList<Mode>{Mode::Loading, Mode::Viewing}));
    QCOMPARE(m_aliceEditor->record().id, Record);
    QCOMPARE(m_aliceEditor->value(u"claimNumber"_s), Record);
    QVERIFY(m_aliceEditor->fieldNames().contains(u"status"_s));
    m_version = m_aliceEditor->record().version;
    QVERIFY(m_version >= 1);
    QVERIFY(m_aliceEditor->lockState());
    QTRY_COMPARE(m_aliceEditor->lockState()->status(), Status::Free);
    QVERIFY(m_aliceEditor->canEdit());
    QVERIFY(!m_aliceEditor->canSave());
    QVERIFY(!m_aliceEditor->isDirty());

    m_bobEditor->open(Record);
    QTRY_COMPARE(m_bobEditor->mode(), Mode::Viewing);
    QTRY_COMPARE(m_bobEditor->lockState()->status(), Status::Free);
}

void TestEditorController::firstKeystrokeRequestsThenEdits()
{
    QSignalSpy modes(m_aliceEditor.get(), &EditorController::modeChanged);
    QSignalSpy canSave(m_aliceEditor.get(), &EditorController::canSaveChanged);
    m_aliceEditor->setFieldValue(u"status"_s, u"Approved"_s);
    QCOMPARE(m_aliceEditor->mode(), Mode::Requesting);
    QVERIFY(m_aliceEditor->isDirty());
    QVERIFY(!m_aliceEditor->canSave());

    QTRY_COMPARE(m_aliceEditor->mode(), Mode::Editing);
    QCOMPARE(modesOf(modes), (QList<Mode>{Mode::Requesting, Mode::Editing}));
    QCOMPARE(m_aliceEditor->lockState()->status(), Status::HeldByMe);
    QVERIFY(m_aliceEditor->canSave());
    QCOMPARE(canSave.count(), 1);
    QCOMPARE(m_aliceEditor->value(u"status"_s), u"Approved"_s);
    QCOMPARE(m_aliceEditor->dirtyFields(), QStringList{u"status"_s});

    // Bob's view names Alice within a second; he cannot edit.
    QTRY_COMPARE_WITH_TIMEOUT(m_bobEditor->lockState()->status(), Status::HeldByOther, 1000);
    QCOMPARE(m_bobEditor->lockState()->holderName(), u"Alice Archer"_s);
    QVERIFY(!m_bobEditor->canEdit());
    QVERIFY(!m_bobEditor->canSave());
}

void TestEditorController::otherUserCannotEditAndKeepsTyping()
{
    QSignalSpy refused(m_bobEditor.get(), &EditorController::editRequestFailed);
    m_bobEditor->beginEdit();
    QCOMPARE(m_bobEditor->mode(), Mode::Requesting);
    QTRY_COMPARE(refused.count(), 1);
    QCOMPARE(refused.at(0).at(0).value<ProtocolError>().code, ErrorCode::LockHeld);
    QCOMPARE(m_bobEditor->mode(), Mode::Viewing);
    QCOMPARE(m_bobEditor->lastError().code, ErrorCode::LockHeld);

    // Typing while Alice holds the lock asks nothing and loses nothing: it becomes a draft.
    const QString bobText = u"Bob's note typed while Alice edits"_s;
    m_bobEditor->setFieldValue(u"description"_s, bobText);
    QCOMPARE(m_bobEditor->mode(), Mode::Viewing);
    QVERIFY(m_bobEditor->isDirty());
    QCOMPARE(m_bobEditor->value(u"description"_s), bobText);
    QTRY_VERIFY(m_bobEditor->hasStoredDraft());
    const QString server = m_server.wsUrl().adjusted(QUrl::RemovePath).toString();
    const auto draft = m_bob->drafts.load(server, m_bob->connection.session().userHandle, Record);
    QVERIFY(draft);
    QCOMPARE(draft->edits.value(u"description"_s), bobText);
    QCOMPARE(draft->baseVersion, m_version);
    QCOMPARE(refused.count(), 1);
}

void TestEditorController::saveBumpsVersionAndUpdatesOthersInPlace()
{
    QSignalSpy saved(m_aliceEditor.get(), &EditorController::saved);
    QSignalSpy bobFields(m_bobEditor.get(), &EditorController::fieldsChanged);
    QSignalSpy bobConflicts(m_bobEditor.get(), &EditorController::conflictsFound);
    m_aliceEditor->save();
    QCOMPARE(m_aliceEditor->mode(), Mode::Saving);
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(m_aliceEditor->mode(), Mode::Editing); // the lock is kept after a save
    QCOMPARE(m_aliceEditor->lockState()->status(), Status::HeldByMe);
    QCOMPARE(m_aliceEditor->record().version, m_version + 1);
    QCOMPARE(m_aliceEditor->record().fields.value(u"status"_s), u"Approved"_s);
    QVERIFY(!m_aliceEditor->isDirty());
    QVERIFY(!m_aliceEditor->canSave());
    QVERIFY(!m_aliceEditor->hasStoredDraft());
    ++m_version;

    // Bob's form shows the new status in place and keeps his own typing.
    QTRY_VERIFY(!bobFields.isEmpty());
    QVERIFY(bobFields.last().at(0).toStringList().contains(u"status"_s));
    QCOMPARE(m_bobEditor->value(u"status"_s), u"Approved"_s);
    QCOMPARE(m_bobEditor->record().version, m_version);
    QVERIFY(m_bobEditor->isFieldDirty(u"description"_s));
    QCOMPARE(bobConflicts.count(), 0);
}

void TestEditorController::staleSaveIsRefusedAndEditsKept()
{
    // Alice gives the lock back; Bob saves his draft while Alice's window misses the record_updated.
    m_aliceEditor->cancelEdit();
    QCOMPARE(m_aliceEditor->mode(), Mode::Viewing);
    QTRY_COMPARE(m_bobEditor->lockState()->status(), Status::Free);
    {
        const QSignalBlocker missed(&m_alice->records);
        QVERIFY(startEditing(*m_bobEditor));
        QSignalSpy bobSaved(m_bobEditor.get(), &EditorController::saved);
        m_bobEditor->save();
        QTRY_COMPARE(bobSaved.count(), 1);
        m_bobEditor->cancelEdit();
        // Released on the server once Bob's own window says so; Alice's window has seen every
        // event up to then (including the record_updated her controller missed) once its seq caught up.
        QTRY_COMPARE(m_bobEditor->lockState()->status(), Status::Free);
        QTRY_COMPARE(m_aliceEditor->lockState()->seq(), m_bobEditor->lockState()->seq());
        QCOMPARE(m_aliceEditor->lockState()->status(), Status::Free);
    }
    QCOMPARE(m_aliceEditor->record().version, m_version); // Alice did not hear of version + 1

    QSignalSpy failed(m_aliceEditor.get(), &EditorController::saveFailed);
    QSignalSpy fields(m_aliceEditor.get(), &EditorController::fieldsChanged);
    m_aliceEditor->setFieldValue(u"amount"_s, u"999"_s);
    QTRY_COMPARE(m_aliceEditor->mode(), Mode::Editing);
    m_aliceEditor->save();
    QTRY_COMPARE(failed.count(), 1);
    const auto error = failed.at(0).at(0).value<ProtocolError>();
    QCOMPARE(error.code, ErrorCode::StaleVersion);
    QCOMPARE(m_aliceEditor->lastError().code, ErrorCode::StaleVersion);
    QCOMPARE(m_aliceEditor->mode(), Mode::Editing);
    QCOMPARE(m_aliceEditor->value(u"amount"_s), u"999"_s);
    QVERIFY(m_aliceEditor->isFieldDirty(u"amount"_s));
    QVERIFY(m_aliceEditor->hasStoredDraft());

    // The controller fetched the record again: Bob's text shows in place, Alice's edit is on top.
    QTRY_VERIFY(!fields.isEmpty());
    QCOMPARE(m_aliceEditor->value(u"description"_s), u"Bob's note typed while Alice edits"_s);
    QCOMPARE(m_aliceEditor->record().version, m_version + 1);
    QTRY_VERIFY(m_aliceEditor->canSave());
    QSignalSpy saved(m_aliceEditor.get(), &EditorController::saved);
    m_aliceEditor->save();
    QTRY_COMPARE(saved.count(), 1);
    m_version += 2;
    QCOMPARE(m_aliceEditor->record().version, m_version);
    QCOMPARE(m_aliceEditor->record().fields.value(u"amount"_s), u"999"_s);
}

void TestEditorController::idleWarningThenReleaseKeepsDraft()
{
    QCOMPARE(m_aliceEditor->mode(), Mode::Editing);
    m_aliceEditor->setFieldValue(u"amount"_s, u"1000"_s);
    QSignalSpy warned(m_aliceEditor.get(), &EditorController::idleWarningStarted);
    QSignalSpy cancelled(m_aliceEditor.get(), &EditorController::idleWarningCancelled);
    QSignalSpy released(m_aliceEditor.get(), &EditorController::idleReleased);
    QSignalSpy lost(m_aliceEditor.get(), &EditorController::lockLost);

    m_aliceClock.advance(IdleTimeoutMs - 1);
    m_aliceEditor->checkIdle();
    QCOMPARE(warned.count(), 0);
    m_aliceClock.advance(1);
    m_aliceEditor->checkIdle();
    QCOMPARE(warned.count(), 1);
    QCOMPARE(warned.at(0).at(0).toLongLong(), IdleWarningMs);
    QVERIFY(m_aliceEditor->idleWarningActive());
    m_aliceClock.advance(4'000);
    QCOMPARE(m_aliceEditor->idleWarningRemainingMs(), IdleWarningMs - 4'000);

    // "Keep editing" cancels the countdown; then the user walks away for good.
    m_aliceEditor->keepEditing();
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!m_aliceEditor->idleWarningActive());
    m_aliceClock.advance(IdleTimeoutMs);
    m_aliceEditor->checkIdle();
    QCOMPARE(warned.count(), 2);
    m_aliceClock.advance(IdleWarningMs);
    m_aliceEditor->checkIdle();
    QCOMPARE(released.count(), 1);
    QCOMPARE(m_aliceEditor->mode(), Mode::Viewing);
    QCOMPARE(m_aliceEditor->lastLossReason(), u"idle"_s);
    QCOMPARE(lost.count(), 0); // released on purpose, not lost
    QCOMPARE(m_aliceEditor->value(u"amount"_s), u"1000"_s);
    QVERIFY(m_aliceEditor->isDirty());
    QVERIFY(m_aliceEditor->hasStoredDraft());
    QTRY_COMPARE_WITH_TIMEOUT(m_bobEditor->lockState()->status(), Status::Free, 1000);
    QTRY_COMPARE(m_aliceEditor->lockState()->status(), Status::Free);
}

void TestEditorController::draftRestoredAfterCrash()
{
    // The window dies without close(); a new editor on the same record finds the typed changes.
    m_aliceEditor.reset();
    m_aliceEditor = makeController(*m_alice, m_aliceClock);
    QSignalSpy restored(m_aliceEditor.get(), &EditorController::draftRestored);
    QSignalSpy conflicts(m_aliceEditor.get(), &EditorController::conflictsFound);
    m_aliceEditor->open(Record);
    QTRY_COMPARE(m_aliceEditor->mode(), Mode::Viewing);
    QCOMPARE(restored.count(), 1);
    QCOMPARE(conflicts.count(), 0);
    QCOMPARE(m_aliceEditor->value(u"amount"_s), u"1000"_s);
    QCOMPARE(m_aliceEditor->dirtyFields(), QStringList{u"amount"_s});
    QVERIFY(m_aliceEditor->canEdit()); // the user clicks Edit to continue
    QVERIFY(!m_aliceEditor->canSave());
}

void TestEditorController::conflictWhenOtherSavedMeanwhile()
{
    // Alice closes with her draft on disk; Bob changes the same field and another one.
    m_aliceEditor->close();
    QCOMPARE(m_aliceEditor->mode(), Mode::Empty);
    QVERIFY(startEditing(*m_bobEditor));
    m_bobEditor->setFieldValue(u"amount"_s, u"1111"_s);
    m_bobEditor->setFieldValue(u"adjuster"_s, u"Bob Baker"_s);
    QSignalSpy bobSaved(m_bobEditor.get(), &EditorController::saved);
    m_bobEditor->save();
    QTRY_COMPARE(bobSaved.count(), 1);
    m_bobEditor->cancelEdit();
    // The server has taken Bob's release once his own window shows the lock free.
    QTRY_COMPARE(m_bobEditor->lockState()->status(), Status::Free);
    ++m_version;

    QSignalSpy restored(m_aliceEditor.get(), &EditorController::draftRestored);
    QSignalSpy conflicts(m_aliceEditor.get(), &EditorController::conflictsFound);
    m_aliceEditor->open(Record);
    QTRY_COMPARE(conflicts.count(), 1);
    const auto found = conflicts.at(0).at(0).value<QList<FieldConflict>>();
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().field, u"amount"_s);
    QCOMPARE(found.first().base, u"999"_s);
    QCOMPARE(found.first().mine, u"1000"_s);
    QCOMPARE(found.first().theirs, u"1111"_s);
    QCOMPARE(restored.count(), 1);
    QCOMPARE(m_aliceEditor->value(u"adjuster"_s), u"Bob Baker"_s);
    QVERIFY(!m_aliceEditor->canEdit()); // first the dialog
    QVERIFY(m_aliceEditor->hasPendingConflicts());

    m_aliceEditor->resolveConflicts({{u"amount"_s, true}});
    QVERIFY(!m_aliceEditor->hasPendingConflicts());
    QCOMPARE(m_aliceEditor->value(u"amount"_s), u"1000"_s);
    QVERIFY(m_aliceEditor->canEdit());
    QVERIFY(startEditing(*m_aliceEditor));
    QSignalSpy saved(m_aliceEditor.get(), &EditorController::saved);
    m_aliceEditor->save();
    QTRY_COMPARE(saved.count(), 1);
    ++m_version;
    QCOMPARE(m_aliceEditor->record().version, m_version);
    QCOMPARE(m_aliceEditor->record().fields.value(u"amount"_s), u"1000"_s);
    QCOMPARE(m_aliceEditor->record().fields.value(u"adjuster"_s), u"Bob Baker"_s);
}

void TestEditorController::offlineKeepsEditsAndResumesWithSameToken()
{
    QCOMPARE(m_aliceEditor->mode(), Mode::Editing);
    LockState *lock = m_aliceEditor->lockState();
    const qint64 token = lock->token();
    QVERIFY(token > 0);
    // A fresh renewal first, so the whole TTL is left for the outage.
    const qint64 before = lock->expiresAt();
    m_alice->locks.renew(Record);
    QTRY_VERIFY(lock->expiresAt() > before);
    m_aliceEditor->setFieldValue(u"status"_s, u"Under review"_s);
    QTRY_VERIFY(m_aliceEditor->canSave());

    QSignalSpy lost(m_aliceEditor.get(), &EditorController::lockLost);
    m_server.kill9();
    QTRY_VERIFY(!m_aliceEditor->canSave());
    QCOMPARE(m_aliceEditor->mode(), Mode::Editing);
    QCOMPARE(lock->status(), Status::Offline);
    m_aliceEditor->setFieldValue(u"description"_s, u"typed offline"_s);
    QSignalSpy failed(m_aliceEditor.get(), &EditorController::saveFailed);
    m_aliceEditor->save();
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<ProtocolError>().code, ErrorCode::Unavailable);
    QCOMPARE(m_aliceEditor->dirtyFields(), (QStringList{u"description"_s, u"status"_s}));

    QVERIFY2(m_server.restart(true), qPrintable(m_server.output()));
    QTRY_VERIFY_WITH_TIMEOUT(m_alice->connection.isOnline(), 10'000);
    QTRY_COMPARE(lock->status(), Status::HeldByMe);
    QCOMPARE(lock->token(), token);
    QCOMPARE(m_aliceEditor->mode(), Mode::Editing);
    QTRY_VERIFY(m_aliceEditor->canSave());
    QCOMPARE(lost.count(), 0);
    QCOMPARE(m_aliceEditor->value(u"description"_s), u"typed offline"_s);

    QSignalSpy saved(m_aliceEditor.get(), &EditorController::saved);
    m_aliceEditor->save();
    QTRY_COMPARE(saved.count(), 1);
    QVERIFY(!m_aliceEditor->isDirty());
    QTRY_VERIFY_WITH_TIMEOUT(m_bob->connection.isOnline(), 10'000);
    QTRY_COMPARE(m_bobEditor->value(u"description"_s), u"typed offline"_s);
}

void TestEditorController::switchHereMovesLockBetweenOwnWindows()
{
    FakeClock secondClock;
    EditorWindow second(m_clock, m_dir.filePath(u"alice2"_s));
    QVERIFY(second.signIn(m_server.wsUrl(), u"alice"_s));
    auto other = makeController(second, secondClock);
    other->open(Record);
    QTRY_COMPARE(other->mode(), Mode::Viewing);
    QTRY_COMPARE(other->lockState()->status(), Status::HeldByMeElsewhere);
    QVERIFY(other->canSwitchHere());
    QVERIFY(!other->canEdit());

    m_aliceEditor->setFieldValue(u"status"_s, u"Switched away"_s);
    QSignalSpy lost(m_aliceEditor.get(), &EditorController::lockLost);
    other->switchHere();
    QTRY_COMPARE(other->mode(), Mode::Editing);
    QTRY_COMPARE(lost.count(), 1);
    QCOMPARE(lost.at(0).at(0).toString(), u"switched"_s);
    QCOMPARE(m_aliceEditor->mode(), Mode::Viewing);
    QCOMPARE(m_aliceEditor->lastLossReason(), u"switched"_s);
    QCOMPARE(m_aliceEditor->value(u"status"_s), u"Switched away"_s);
    QVERIFY(m_aliceEditor->hasStoredDraft());
    QTRY_COMPARE(m_aliceEditor->lockState()->status(), Status::HeldByMeElsewhere);

    other->close();
    QTRY_COMPARE(m_aliceEditor->lockState()->status(), Status::Free);
    m_aliceEditor->cancelEdit();
    QVERIFY(!m_aliceEditor->isDirty());
    QVERIFY(!m_aliceEditor->hasStoredDraft());
}

void TestEditorController::closeReleasesLock()
{
    QVERIFY(startEditing(*m_aliceEditor));
    QTRY_COMPARE(m_bobEditor->lockState()->status(), Status::HeldByOther);
    m_aliceEditor->close();
    QCOMPARE(m_aliceEditor->mode(), Mode::Empty);
    QVERIFY(!m_aliceEditor->lockState());
    QTRY_COMPARE_WITH_TIMEOUT(m_bobEditor->lockState()->status(), Status::Free, 1000);
    QVERIFY(m_alice->locks.heldRecords().isEmpty());
}

void TestEditorController::cancelWhileRequestingGivesLockBack()
{
    m_aliceEditor->open(Record);
    QTRY_COMPARE(m_aliceEditor->mode(), Mode::Viewing);
    LockState *lock = m_aliceEditor->lockState();
    QTRY_COMPARE(lock->status(), Status::Free);
    QSignalSpy statuses(lock, &LockState::statusChanged);
    m_aliceEditor->setFieldValue(u"status"_s, u"Never mind"_s);
    QCOMPARE(m_aliceEditor->mode(), Mode::Requesting);
    m_aliceEditor->cancelEdit();
    QCOMPARE(m_aliceEditor->mode(), Mode::Viewing);
    QVERIFY(!m_aliceEditor->isDirty());

    // The grant still arrives, and the lock goes straight back.
    QTRY_VERIFY(statuses.contains(QVariantList{QVariant::fromValue(Status::HeldByMe)}));
    QTRY_COMPARE(lock->status(), Status::Free);
    QCOMPARE(m_aliceEditor->mode(), Mode::Viewing);
    QTRY_COMPARE(m_bobEditor->lockState()->status(), Status::Free);
}

void TestEditorController::closeWhileRequestingGivesLockBack()
{
    LockState *lock = m_aliceEditor->lockState();
    QSignalSpy statuses(lock, &LockState::statusChanged);
    m_aliceEditor->beginEdit();
    QCOMPARE(m_aliceEditor->mode(), Mode::Requesting);
    m_aliceEditor->close();
    QCOMPARE(m_aliceEditor->mode(), Mode::Empty);
    QTRY_VERIFY(statuses.contains(QVariantList{QVariant::fromValue(Status::HeldByMe)}));
    QTRY_COMPARE(lock->status(), Status::Free);
    QVERIFY(m_alice->locks.heldRecords().isEmpty());
    QTRY_COMPARE(m_bobEditor->lockState()->status(), Status::Free);
}

QTEST_GUILESS_MAIN(TestEditorController)
#include "tst_editorcontroller.moc"
