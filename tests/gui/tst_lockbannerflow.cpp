// Two complete clients (alice and bob) with real widgets against a real recordlockd: what one
// does with a record shows in the other's banner, list and form; a server crash and restart keep
// alice's typing and give her the lock back.
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

#include "editor/draftstore.h"
#include "editor/editorcontroller.h"
#include "editor/recordlistmodel.h"
#include "guiclient.h"
#include "serverprocess.h"
#include "testclient.h"
#include "ui/connectionindicator.h"
#include "ui/lockbanner.h"
#include "ui/messagebar.h"
#include "ui/recordeditor.h"
#include "ui/recordfilterproxy.h"
#include "ui/recordform.h"
#include "ui/recordlistview.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;
using Kind = LockBannerText::Kind;

namespace {

const QString RecordId = u"CL-2026-0001"_s;
const QString Field = u"status"_s;

QLineEdit *lineEdit(GuiClient &client, const QString &field)
{
    return qobject_cast<QLineEdit *>(client.editor()->form()->editor(field));
}

/// Types text at the end of field, as the user would.
void typeInto(GuiClient &client, const QString &field, const QString &text)
{
    QLineEdit *edit = lineEdit(client, field);
    QVERIFY(edit);
    edit->setFocus();
    edit->end(false);
    QTest::keyClicks(edit, text);
}

/// The lock cell of recordId as the list shows it.
QString lockCellText(GuiClient &client, const QString &recordId)
{
    RecordListModel &model = client.stack().listModel();
    const QModelIndex source = model.index(model.rowOf(recordId), RecordListModel::LockColumn);
    return client.window().recordList()->proxy()->mapFromSource(source).data().toString();
}

} // namespace

class tst_LockBannerFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void twoUsersFollowEachOther();
    void closingTheWindowReleasesTheLock();
};

void tst_LockBannerFlow::twoUsersFollowEachOther()
{
    WindowLeakGuard guard;
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.output()));

    GuiClient alice(u"alice"_s);
    GuiClient bob(u"bob"_s);
    alice.window().show();
    bob.window().show();
    QVERIFY(alice.signIn(server.wsUrl()));
    QVERIFY(bob.signIn(server.wsUrl()));
    QVERIFY(alice.open(RecordId));
    QVERIFY(bob.open(RecordId));
    QTRY_COMPARE(bob.banner()->content().kind, Kind::Available);

    // Alice types: the first keystroke asks for the lock.
    typeInto(alice, Field, u" (checked)"_s);
    QTRY_COMPARE(alice.banner()->content().kind, Kind::Editing);
    QVERIFY(alice.banner()->text().startsWith(u"You are editing · lock renews automatically · expires "_s));
    QElapsedTimer sinceGrant;
    sinceGrant.start();
    QTRY_VERIFY_WITH_TIMEOUT(bob.banner()->text().contains(u"Alice Archer"_s), 1000);
    QVERIFY2(sinceGrant.elapsed() < 1000, "bob's banner took over a second to name alice");
    QVERIFY(bob.banner()->text().startsWith(u"Being edited by Alice Archer since "_s));
    QVERIFY(bob.banner()->text().contains(u" · lock expires "_s));
    QCOMPARE(bob.banner()->content().kind, Kind::HeldByOther);
    QVERIFY(!bob.editor()->saveButton()->isEnabled());
    QVERIFY(!bob.editor()->saveAction()->isEnabled());
    QVERIFY(bob.editor()->form()->isReadOnly());
    QTRY_VERIFY(lockCellText(bob, RecordId).startsWith(u"Alice Archer, until "_s));
    QTRY_VERIFY(lockCellText(alice, RecordId).startsWith(u"You, until "_s));

    // Alice saves: bob's form shows the new value in place.
    const QString saved = lineEdit(alice, Field)->text();
    QVERIFY(saved.endsWith(u" (checked)"_s));
    QTRY_VERIFY(alice.editor()->saveButton()->isEnabled());
    QTest::mouseClick(alice.editor()->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(lineEdit(bob, Field)->text(), saved);
    QVERIFY(!alice.stack().controller().isDirty());
    QCOMPARE(alice.banner()->content().kind, Kind::Editing);

    // Bob asks for the lock while alice holds it: he is told why not.
    bob.stack().controller().beginEdit();
    QTRY_VERIFY(bob.editor()->messageBar()->text().startsWith(u"Alice Archer is editing"_s));

    // Alice stops editing: bob sees the record is free.
    alice.editor()->cancelAction()->trigger();
    QTRY_COMPARE(bob.banner()->content().kind, Kind::Available);
    QCOMPARE(bob.banner()->text(), u"Available — click Edit to edit"_s);
    QVERIFY(bob.editor()->editAction()->isEnabled());
    // Now his request succeeds, and the earlier refusal is no longer shown.
    bob.editor()->editAction()->trigger();
    QTRY_COMPARE(bob.banner()->content().kind, Kind::Editing);
    QTRY_VERIFY(bob.editor()->messageBar()->text().isEmpty());
    bob.editor()->cancelAction()->trigger();
    QTRY_COMPARE(alice.banner()->content().kind, Kind::Available);

    // Alice edits again, then the server crashes: offline, Save disabled, her typing kept.
    typeInto(alice, Field, u" again"_s);
    QTRY_COMPARE(alice.banner()->content().kind, Kind::Editing);
    QTRY_VERIFY(alice.editor()->saveButton()->isEnabled());
    const QString typed = lineEdit(alice, Field)->text();
    server.kill9();
    QTRY_COMPARE(alice.banner()->content().kind, Kind::Offline);
    QCOMPARE(alice.banner()->text(),
             u"Offline — lock status unknown; your changes are kept; Save resumes when reconnected"_s);
    QVERIFY(alice.window().connectionIndicator()->text() != u"Connected"_s);
    QVERIFY(!alice.editor()->saveButton()->isEnabled());
    QCOMPARE(lineEdit(alice, Field)->text(), typed);
    QVERIFY(alice.stack().controller().isDirty());
    QTRY_COMPARE(bob.banner()->content().kind, Kind::Offline);

    // The server comes back on the same port: reconnected, alice's lock resumed, Save back.
    QVERIFY2(server.restart(true), qPrintable(server.output()));
    QTRY_COMPARE_WITH_TIMEOUT(alice.window().connectionIndicator()->text(), u"Connected"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(alice.banner()->content().kind, Kind::Editing, 10000);
    QVERIFY(alice.banner()->text().startsWith(u"You are editing"_s));
    QCOMPARE(lineEdit(alice, Field)->text(), typed);
    QTRY_VERIFY(alice.editor()->saveButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(bob.banner()->text().startsWith(u"Being edited by Alice Archer"_s), 10000);
}

void tst_LockBannerFlow::closingTheWindowReleasesTheLock()
{
    WindowLeakGuard guard;
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.output()));
    TestClient observer;
    QCOMPARE(TestClient::outcome(observer.connectAndLogin(server.wsUrl(), u"bob"_s)), u"ok"_s);
    QCOMPARE(TestClient::outcome(observer.request("subscribe", {{u"recordId"_s, RecordId}})), u"ok"_s);

    GuiClient alice(u"alice"_s);
    alice.window().show();
    QVERIFY(alice.signIn(server.wsUrl()));
    QVERIFY(alice.open(RecordId));
    typeInto(alice, Field, u" (draft)"_s);
    QTRY_COMPARE(alice.banner()->content().kind, Kind::Editing);
    QVERIFY(observer.waitForEvent("lock_acquired", RecordId));
    const QString handle = alice.stack().connection().session().userHandle;
    const QString draftServer = server.wsUrl().adjusted(QUrl::RemovePath).toString();

    // Closing waits (bounded) for the server to confirm the release before the window goes.
    QElapsedTimer closing;
    closing.start();
    QVERIFY(!alice.window().close()); // not yet: the release is in flight
    QVERIFY(alice.window().isVisible());
    ServerMessage released;
    QVERIFY(observer.waitForEvent("lock_released", RecordId, &released));
    // The editor releases its lock, then logout frees anything else the window held.
    const QString reason = released.body.value(u"reason"_s).toString();
    QVERIFY2(reason == u"released"_s || reason == u"logout"_s, qPrintable(reason));
    QTRY_VERIFY(!alice.window().isVisible());
    QVERIFY(closing.elapsed() < alice.window().shutdownTimeoutMs() + 1000);
    // The unsaved typing stays as a draft for the next time.
    const auto draft = alice.stack().drafts().load(draftServer, handle, RecordId);
    QVERIFY(draft);
    QVERIFY(draft->edits.value(Field).endsWith(u" (draft)"_s));
}

QTEST_MAIN(tst_LockBannerFlow)
#include "tst_lockbannerflow.moc"
