// The session token runs out while the user is typing: the next reconnect's auth is refused, the
// window stays with every typed character, a sign-in dialog asks for the password, and after it
// the same session resumes with its lock (same fencing token) and the edit can be saved.
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QWebSocket>

#include "client/connection.h"
#include "client/lockstate.h"
#include "editor/editorcontroller.h"
#include "guiclient.h"
#include "serverprocess.h"
#include "ui/recordeditor.h"
#include "ui/recordform.h"
#include "ui/signindialog.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

constexpr int WaitMs = 10'000;

} // namespace

class tst_SessionExpiry : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void expiredTokenDuringAnEditKeepsTheTyping();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void tst_SessionExpiry::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    ServerOptions options;
    options.extraArgs = {u"--token-ttl"_s, u"2"_s};
    m_server = std::make_unique<ServerProcess>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->output()));
}

void tst_SessionExpiry::expiredTokenDuringAnEditKeepsTheTyping()
{
    WindowLeakGuard guard;
    const QString record = u"CL-2026-0002"_s;
    GuiClient alice(u"alice"_s);
    alice.window().show();
    QVERIFY(alice.signIn(m_server->wsUrl()));
    QVERIFY(alice.open(record));
    Connection &connection = alice.stack().connection();
    EditorController &controller = alice.stack().controller();
    const QString sessionId = connection.sessionId();

    auto *status = qobject_cast<QLineEdit *>(alice.editor()->form()->editor(u"status"_s));
    QVERIFY(status);
    status->setFocus();
    status->end(false);
    QTest::keyClicks(status, u", surveyor booked"_s);
    const QString typed = status->text();
    QTRY_COMPARE_WITH_TIMEOUT(controller.mode(), EditorController::Mode::Editing, WaitMs);
    LockState *lock = controller.lockState();
    QCOMPARE(lock->status(), LockState::Status::HeldByMe);
    const qint64 fencingToken = lock->token();

    // The token runs out (the connection stays signed in meanwhile) ...
    const qint64 expiresAt = connection.session().tokenExpiresAt;
    QVERIFY(QTest::qWaitFor([&] { return connection.serverClock().serverNowMs() > expiresAt + 200; }, WaitMs));
    QVERIFY(connection.isOnline());
    // ... and then the link drops, as a network failure would do it.
    auto *socket = connection.findChild<QWebSocket *>();
    QVERIFY(socket);
    socket->abort();

    // The resume is refused: a dialog asks for the password; the window and the typing stay.
    QTRY_VERIFY_WITH_TIMEOUT(alice.window().signInDialog(), WaitMs);
    SignInDialog *dialog = alice.window().signInDialog();
    QCOMPARE(dialog->message(), u"Your session has expired. Please sign in again."_s);
    QCOMPARE(dialog->userName(), u"alice"_s);
    QVERIFY(alice.window().isVisible());
    QVERIFY(!connection.isOnline());
    QCOMPARE(status->text(), typed);
    QVERIFY(controller.isDirty());
    QCOMPARE(controller.editedValue(u"status"_s), typed);
    QCOMPARE(controller.recordId(), record);

    // Signing in again resumes the same session: the lock comes back with its fencing token.
    dialog->findChild<QLineEdit *>(u"password"_s)->setText(u"alice"_s);
    dialog->submit();
    QTRY_VERIFY_WITH_TIMEOUT(connection.isOnline(), WaitMs);
    QCOMPARE(connection.sessionId(), sessionId);
    QTRY_COMPARE_WITH_TIMEOUT(lock->status(), LockState::Status::HeldByMe, WaitMs);
    QCOMPARE(lock->token(), fencingToken);
    QTRY_VERIFY_WITH_TIMEOUT(controller.canSave(), WaitMs);
    QCOMPARE(status->text(), typed);

    QSignalSpy saved(&controller, &EditorController::saved);
    alice.editor()->saveAction()->trigger();
    QVERIFY(saved.wait(WaitMs));
    QCOMPARE(controller.record().fields.value(u"status"_s), typed);
    QVERIFY(!controller.isDirty());
}

QTEST_MAIN(tst_SessionExpiry)
#include "tst_sessionexpiry.moc"
