// EditorController::takeOver() against a real recordlockd: the admin's window gets the lock and
// edits; the displaced window turns read-only, remembers who and why and keeps the typing; a
// changed holder (lock_changed) and an editor's attempt (forbidden) change nothing.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "common/systemclock.h"
#include "editor/editorcontroller.h"
#include "editorwindow.h"
#include "serverprocess.h"

using namespace recordlock;
using namespace recordlock::test;
using namespace Qt::StringLiterals;

using Mode = EditorController::Mode;
using Status = LockState::Status;

namespace {

const QString Reason = u"Customer on the phone"_s;

} // namespace

class TestTakeOver : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void adminTakesOverAndTheEditorIsDisplaced();
    void changedHolderIsRefusedAndNothingChanges();
    void editorIsForbidden();
    void freeLockIsSimplyGranted();

private:
    /// A controller of window with recordId open and Viewing; nullptr when that failed.
    std::unique_ptr<EditorController> openIn(EditorWindow &window, const QString &recordId);

    SystemClock m_clock;
    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<EditorWindow> m_alice;
    std::unique_ptr<EditorWindow> m_bob;
    std::unique_ptr<EditorWindow> m_carol;
};

void TestTakeOver::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    m_alice = std::make_unique<EditorWindow>(m_clock, m_dir.filePath(u"alice"_s));
    m_bob = std::make_unique<EditorWindow>(m_clock, m_dir.filePath(u"bob"_s));
    m_carol = std::make_unique<EditorWindow>(m_clock, m_dir.filePath(u"carol"_s));
    QVERIFY(m_alice->signIn(m_server.wsUrl(), u"alice"_s));
    QVERIFY(m_bob->signIn(m_server.wsUrl(), u"bob"_s));
    QVERIFY(m_carol->signIn(m_server.wsUrl(), u"carol"_s));
}

void TestTakeOver::cleanupTestCase()
{
    m_alice.reset();
    m_bob.reset();
    m_carol.reset();
    m_server.stop();
}

std::unique_ptr<EditorController> TestTakeOver::openIn(EditorWindow &window, const QString &recordId)
{
    auto controller = std::make_unique<EditorController>(&window.connection, &window.locks, &window.records,
                                                         &window.drafts, m_clock);
    controller->setRenewer(&window.renewer);
    controller->open(recordId);
    const bool ready = QTest::qWaitFor([&controller] {
        return controller->mode() == Mode::Viewing && controller->lockState()->status() != Status::Unknown;
    }, 5000);
    return ready ? std::move(controller) : nullptr;
}

void TestTakeOver::adminTakesOverAndTheEditorIsDisplaced()
{
    const QString record = u"CL-2026-0006"_s;
    auto alice = openIn(*m_alice, record);
    auto carol = openIn(*m_carol, record);
    QVERIFY(alice && carol);
    alice->setFieldValue(u"status"_s, u"Typed by Alice"_s);
    QTRY_COMPARE(alice->mode(), Mode::Editing);
    QTRY_COMPARE(carol->lockState()->status(), Status::HeldByOther);
    QVERIFY(carol->isAdmin());
    QVERIFY(carol->canTakeOver());
    QVERIFY(!alice->isAdmin());
    QVERIFY(!alice->canTakeOver());

    QSignalSpy lost(alice.get(), &EditorController::lockLost);
    QSignalSpy takenOver(carol.get(), &EditorController::takenOver);
    QSignalSpy failed(carol.get(), &EditorController::takeOverFailed);
    carol->takeOver(Reason, alice->lockState()->lock().holderHandle);
    QCOMPARE(carol->mode(), Mode::Requesting);
    QTRY_COMPARE(takenOver.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(carol->mode(), Mode::Editing);
    QVERIFY(carol->lockState()->token() > 0);
    QVERIFY(!carol->canTakeOver());

    QTRY_COMPARE(lost.count(), 1);
    QCOMPARE(lost.at(0).at(0).toString(), QString(LockState::ReasonOverridden));
    QCOMPARE(alice->mode(), Mode::Viewing);
    QVERIFY(alice->isDisplaced());
    QCOMPARE(alice->displacedBy().by.displayName, u"Carol White"_s);
    QCOMPARE(alice->displacedBy().reason, Reason);
    QVERIFY(alice->displacedBy().previous.sameSession);
    QCOMPARE(alice->value(u"status"_s), u"Typed by Alice"_s);
    QVERIFY(alice->isDirty());
    QVERIFY(alice->hasStoredDraft());
    QVERIFY(!alice->canSave());
    QVERIFY(!alice->canEdit());

    // A save now is refused without a word to the server; the edits stay.
    QSignalSpy saveFailed(alice.get(), &EditorController::saveFailed);
    alice->save();
    QTRY_COMPARE(saveFailed.count(), 1);
    QCOMPARE(saveFailed.at(0).at(0).value<ProtocolError>().code, ErrorCode::NoLock);
    QVERIFY(alice->isDirty());

    // Carol is done: alice may edit again and is no longer "displaced".
    carol->cancelEdit();
    QTRY_VERIFY(alice->canEdit());
    alice->beginEdit();
    QTRY_COMPARE(alice->mode(), Mode::Editing);
    QVERIFY(!alice->isDisplaced());
    QCOMPARE(alice->value(u"status"_s), u"Typed by Alice"_s);
    alice->cancelEdit();
}

void TestTakeOver::changedHolderIsRefusedAndNothingChanges()
{
    const QString record = u"CL-2026-0007"_s;
    auto alice = openIn(*m_alice, record);
    auto carol = openIn(*m_carol, record);
    QVERIFY(alice && carol);
    alice->beginEdit();
    QTRY_COMPARE(alice->mode(), Mode::Editing);
    QTRY_COMPARE(carol->lockState()->status(), Status::HeldByOther);

    // The admin was shown someone else (here: a handle nobody has).
    QSignalSpy failed(carol.get(), &EditorController::takeOverFailed);
    QSignalSpy takenOver(carol.get(), &EditorController::takenOver);
    carol->takeOver(Reason, u"u_someone_else"_s);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<ProtocolError>().code, ErrorCode::LockChanged);
    QCOMPARE(takenOver.count(), 0);
    QCOMPARE(carol->mode(), Mode::Viewing);
    QCOMPARE(carol->lockState()->status(), Status::HeldByOther);
    QCOMPARE(carol->lockState()->holderName(), u"Alice Archer"_s);
    QCOMPARE(alice->mode(), Mode::Editing);
    QVERIFY(!alice->isDisplaced());
    alice->cancelEdit();
}

void TestTakeOver::editorIsForbidden()
{
    const QString record = u"CL-2026-0008"_s;
    auto alice = openIn(*m_alice, record);
    auto bob = openIn(*m_bob, record);
    QVERIFY(alice && bob);
    alice->beginEdit();
    QTRY_COMPARE(alice->mode(), Mode::Editing);
    QTRY_COMPARE(bob->lockState()->status(), Status::HeldByOther);
    QVERIFY(!bob->canTakeOver());

    // The UI never offers it to an editor; the controller still asks, and the server says no.
    QSignalSpy failed(bob.get(), &EditorController::takeOverFailed);
    bob->takeOver(Reason, alice->lockState()->lock().holderHandle);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<ProtocolError>().code, ErrorCode::Forbidden);
    QCOMPARE(bob->mode(), Mode::Viewing);
    QCOMPARE(bob->lockState()->status(), Status::HeldByOther);
    QCOMPARE(alice->mode(), Mode::Editing);
    QCOMPARE(alice->lockState()->status(), Status::HeldByMe);
    alice->cancelEdit();
}

void TestTakeOver::freeLockIsSimplyGranted()
{
    auto carol = openIn(*m_carol, u"C-1004"_s);
    QVERIFY(carol);
    QTRY_COMPARE(carol->lockState()->status(), Status::Free);
    QVERIFY(!carol->canTakeOver()); // nothing to take over
    QSignalSpy takenOver(carol.get(), &EditorController::takenOver);
    carol->takeOver(Reason, QString());
    QTRY_COMPARE(takenOver.count(), 1);
    QCOMPARE(carol->mode(), Mode::Editing);
    QCOMPARE(carol->lockState()->status(), Status::HeldByMe);
    carol->cancelEdit();
}

QTEST_GUILESS_MAIN(TestTakeOver)
#include "tst_takeover.moc"
