// The override scenario with real widgets against a real recordlockd: alice edits and
// types, carol (admin) takes the record over through the OverrideDialog, alice's window turns
// read-only naming carol and the reason with every typed character kept, her old token is
// refused, bob watches carol become the holder; editors are never offered the action, and one
// who tries it through the protocol gets forbidden.
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

#include "client/recordservice.h"
#include "editor/draftstore.h"
#include "editor/editorcontroller.h"
#include "guiclient.h"
#include "serverprocess.h"
#include "testclient.h"
#include "ui/adminmenu.h"
#include "ui/editoradminactions.h"
#include "ui/lockbanner.h"
#include "ui/messagebar.h"
#include "ui/overridedialog.h"
#include "ui/recordeditor.h"
#include "ui/recordform.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;
using Kind = LockBannerText::Kind;
using Mode = EditorController::Mode;

namespace {

const QString RecordId = u"CL-2026-0001"_s;
const QString Field = u"status"_s;
const QString Reason = u"Customer on the phone, needs the address fixed now"_s;

QLineEdit *lineEdit(GuiClient &client, const QString &field)
{
    return qobject_cast<QLineEdit *>(client.editor()->form()->editor(field));
}

void typeInto(GuiClient &client, const QString &field, const QString &text)
{
    QLineEdit *edit = lineEdit(client, field);
    QVERIFY(edit);
    edit->setFocus();
    edit->end(false);
    QTest::keyClicks(edit, text);
}

/// The server part of the draft store's key, as the editor binds it.
QString draftServer(GuiClient &client)
{
    return client.stack().connection().url().adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery
                                                       | QUrl::RemoveFragment).toString();
}

/// The admin menu and the take-over offers an editor must never see.
void verifyNotOffered(GuiClient &client)
{
    EditorAdminActions *admin = client.editor()->admin();
    QVERIFY(!admin->takeOverAction()->isVisible());
    QVERIFY(!admin->takeOverAction()->isEnabled());
    QVERIFY(!admin->historyAction()->isVisible());
    QVERIFY(!client.stack().controller().canTakeOver());
    QVERIFY(!client.banner()->content().offerTakeOver);
    QVERIFY(client.banner()->findChild<QPushButton *>(u"takeOverButton"_s)->isHidden());
    auto *menu = client.window().findChild<AdminMenu *>();
    QVERIFY(menu);
    QVERIFY(!menu->menuAction()->isVisible());
}

} // namespace

class tst_OverrideFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void adminTakesOverWithAReason();
};

void tst_OverrideFlow::adminTakesOverWithAReason()
{
    WindowLeakGuard guard;
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.output()));

    GuiClient alice(u"alice"_s);
    GuiClient bob(u"bob"_s);
    GuiClient carol(u"carol"_s);
    for (GuiClient *client : {&alice, &bob, &carol}) {
        client->window().show();
        QVERIFY(client->signIn(server.wsUrl()));
        QVERIFY(client->open(RecordId));
    }

    // Alice types: she holds the lock; bob and carol see her as the holder.
    typeInto(alice, Field, u" (checked by Alice)"_s);
    QTRY_COMPARE(alice.banner()->content().kind, Kind::Editing);
    const QString typed = lineEdit(alice, Field)->text();
    QVERIFY(typed.endsWith(u" (checked by Alice)"_s));
    const qint64 aliceToken = alice.stack().controller().lockState()->token();
    QVERIFY(aliceToken > 0);
    QTRY_COMPARE(bob.banner()->content().kind, Kind::HeldByOther);
    QTRY_COMPARE(carol.banner()->content().kind, Kind::HeldByOther);

    // Only the admin is offered the take-over; the editors are not, whatever the lock does.
    verifyNotOffered(bob);
    verifyNotOffered(alice);
    EditorAdminActions *admin = carol.editor()->admin();
    QTRY_VERIFY(admin->takeOverAction()->isEnabled());
    QVERIFY(admin->takeOverAction()->isVisible());
    QVERIFY(carol.banner()->content().offerTakeOver);
    QVERIFY(carol.window().findChild<AdminMenu *>()->menuAction()->isVisible());

    // Carol opens the dialog: it names alice; Take over waits for a reason; Cancel is the default.
    admin->takeOverAction()->trigger();
    QPointer<OverrideDialog> dialog = admin->overrideDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->headline(), u"Alice Archer is editing %1."_s.arg(RecordId));
    QVERIFY(dialog->findChild<QLabel *>(u"overrideConnection"_s)->text() == u"Connected"_s);
    QVERIFY(dialog->cancelButton()->isDefault());
    QVERIFY(!dialog->takeOverButton()->isEnabled());
    QTest::keyClicks(dialog->reasonEdit(), u"  a b  "_s);
    QVERIFY2(!dialog->takeOverButton()->isEnabled(), "two non-blank characters are not a reason");
    dialog->reasonEdit()->clear();
    QTest::keyClicks(dialog->reasonEdit(), Reason);
    QVERIFY(dialog->takeOverButton()->isEnabled());
    QTest::mouseClick(dialog->takeOverButton(), Qt::LeftButton);

    // Carol edits now; the dialog closed itself.
    QTRY_COMPARE(carol.stack().controller().mode(), Mode::Editing);
    QTRY_VERIFY(dialog.isNull());
    QCOMPARE(carol.banner()->content().kind, Kind::Editing);
    QVERIFY(!carol.editor()->form()->isReadOnly());

    // Alice: read-only at once, the banner names carol and the reason, her typing is kept.
    QTRY_COMPARE(alice.banner()->text(), u"Taken over by Carol White: "_s + Reason);
    QCOMPARE(alice.banner()->content().kind, Kind::TakenOver);
    QCOMPARE(alice.stack().controller().mode(), Mode::Viewing);
    QVERIFY(alice.editor()->form()->isReadOnly());
    QVERIFY(!alice.editor()->saveAction()->isEnabled());
    QCOMPARE(lineEdit(alice, Field)->text(), typed);
    QVERIFY(alice.stack().controller().isDirty());
    QVERIFY(alice.stack().controller().isDisplaced());
    const auto draft = alice.stack().drafts().load(draftServer(alice), alice.stack().connection().session().userHandle,
                                                   RecordId);
    QVERIFY(draft);
    QCOMPARE(draft->edits.value(Field), typed);

    // A save with her old token is refused by the server...
    std::optional<ProtocolError> refused;
    alice.stack().records().save(RecordId, aliceToken, alice.stack().controller().record().version,
                                 {{Field, typed}}, &alice.window(),
                                 [&refused](const std::variant<RecordData, ProtocolError> &result) {
                                     refused = std::holds_alternative<ProtocolError>(result)
                                         ? std::get<ProtocolError>(result)
                                         : ProtocolError{ErrorCode::Internal, u"saved!"_s, {}};
                                 });
    QTRY_VERIFY(refused.has_value());
    QCOMPARE(errorCodeName(refused->code), u"no_lock"_s);
    // ...and her window says so in words, not with a code.
    alice.stack().controller().save();
    QTRY_COMPARE(alice.editor()->messageBar()->text(),
                 u"Carol White took over editing. Your changes are kept as a draft."_s);

    // Bob, watching, sees carol as the holder.
    QTRY_VERIFY(bob.banner()->text().startsWith(u"Being edited by Carol White since "_s));
    QCOMPARE(bob.banner()->content().kind, Kind::HeldByOther);
    verifyNotOffered(bob);

    // An editor who tries it through the protocol is refused and nothing changes.
    TestClient bobRaw;
    QCOMPARE(TestClient::outcome(bobRaw.connectAndLogin(server.wsUrl(), u"bob"_s)), u"ok"_s);
    const ServerMessage forbidden = bobRaw.request("override", {{u"recordId"_s, RecordId}, {u"reason"_s, Reason}});
    QCOMPARE(TestClient::outcome(forbidden), u"forbidden"_s);
    const ServerMessage lock = bobRaw.request("get_lock", {{u"recordId"_s, RecordId}});
    QCOMPARE(lock.result.value(u"lock"_s).toObject().value(u"holder"_s).toObject().value(u"displayName"_s).toString(),
             u"Carol White"_s);
    QCOMPARE(carol.stack().controller().mode(), Mode::Editing);

    // Carol is done: alice can lock the record again and carry on with her kept changes.
    carol.editor()->cancelAction()->trigger();
    QTRY_VERIFY(alice.editor()->editAction()->isEnabled());
    QCOMPARE(alice.banner()->content().kind, Kind::TakenOver);
    QVERIFY(alice.banner()->detailText().startsWith(u"Nobody holds the lock now"_s));
    alice.editor()->editAction()->trigger();
    QTRY_COMPARE(alice.stack().controller().mode(), Mode::Editing);
    QCOMPARE(alice.banner()->content().kind, Kind::Editing);
    QCOMPARE(lineEdit(alice, Field)->text(), typed);
    QTRY_VERIFY(alice.editor()->saveAction()->isEnabled());
    alice.editor()->saveAction()->trigger();
    QTRY_VERIFY(!alice.stack().controller().isDirty());
    QTRY_COMPARE(lineEdit(bob, Field)->text(), typed);
}

QTEST_MAIN(tst_OverrideFlow)
#include "tst_overrideflow.moc"
