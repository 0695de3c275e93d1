// The administrators' views against a real recordlockd: the LocksDialog lists every current lock
// and follows takes and releases live, and starts an override from a row; the HistoryDialog
// shows the override with its reason, newest first, and pages back with "Load older".
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include "editor/editorcontroller.h"
#include "editor/heldlocksmodel.h"
#include "editor/historymodel.h"
#include "guiclient.h"
#include "serverprocess.h"
#include "testclient.h"
#include "ui/adminmenu.h"
#include "ui/editoradminactions.h"
#include "ui/historydialog.h"
#include "ui/lockbanner.h"
#include "ui/locksdialog.h"
#include "ui/overridedialog.h"
#include "ui/recordeditor.h"
#include "ui/recordform.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;
using Mode = EditorController::Mode;

namespace {

const QString AliceRecord = u"CL-2026-0002"_s;
const QString BobRecord = u"C-1003"_s;
const QString Reason = u"Claim must be closed before the audit"_s;

QString cell(HeldLocksModel *model, const QString &recordId, int column)
{
    const int row = model->rowOf(recordId);
    return row < 0 ? QString() : model->index(row, column).data().toString();
}

} // namespace

class tst_AdminDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void locksDialogFollowsAndTakesOver();
    void overrideDialogShowsAChangedHolder();
};

void tst_AdminDialogs::locksDialogFollowsAndTakesOver()
{
    WindowLeakGuard guard;
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.output()));

    GuiClient alice(u"alice"_s);
    GuiClient carol(u"carol"_s);
    for (GuiClient *client : {&alice, &carol}) {
        client->window().show();
        QVERIFY(client->signIn(server.wsUrl()));
    }
    QVERIFY(carol.open(u"C-1001"_s));
    QVERIFY(alice.open(AliceRecord));
    alice.editor()->editAction()->trigger();
    QTRY_COMPARE(alice.stack().controller().mode(), Mode::Editing);

    // Carol opens "All locks": alice's lock is listed.
    auto *menu = carol.window().findChild<AdminMenu *>();
    QVERIFY(menu);
    QTRY_VERIFY(menu->locksAction()->isEnabled());
    menu->locksAction()->trigger();
    QPointer<LocksDialog> dialog = menu->locksDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    HeldLocksModel *model = dialog->model();
    QTRY_COMPARE(cell(model, AliceRecord, HeldLocksModel::HolderColumn), u"Alice Archer"_s);
    QCOMPARE(cell(model, AliceRecord, HeldLocksModel::ConnectedColumn), u"Yes"_s);
    QVERIFY(!cell(model, AliceRecord, HeldLocksModel::TitleColumn).isEmpty());

    // Live: bob takes a record (through the protocol), the row appears; he releases, it goes.
    TestClient bob;
    QCOMPARE(TestClient::outcome(bob.connectAndLogin(server.wsUrl(), u"bob"_s)), u"ok"_s);
    const ServerMessage acquired = bob.request("acquire", {{u"recordId"_s, BobRecord}});
    QCOMPARE(TestClient::outcome(acquired), u"ok"_s);
    QTRY_COMPARE(cell(model, BobRecord, HeldLocksModel::HolderColumn), u"Bob Baker"_s);
    const qint64 bobToken = qint64(acquired.result.value(u"lock"_s).toObject().value(u"token"_s).toDouble());
    QCOMPARE(TestClient::outcome(bob.request("release", {{u"recordId"_s, BobRecord}, {u"token"_s, bobToken}})),
             u"ok"_s);
    QTRY_COMPARE(model->rowOf(BobRecord), -1);
    QVERIFY(model->rowOf(AliceRecord) >= 0);

    // Take over from the list: the record opens in carol's editor with the override dialog.
    QVERIFY(!dialog->takeOverButton()->isEnabled());
    QVERIFY(dialog->selectRecord(AliceRecord));
    QTRY_VERIFY(dialog->takeOverButton()->isEnabled());
    QTest::mouseClick(dialog->takeOverButton(), Qt::LeftButton);
    QTRY_VERIFY(carol.editor()->admin()->overrideDialog() != nullptr);
    QPointer<OverrideDialog> overrideDialog = carol.editor()->admin()->overrideDialog();
    QCOMPARE(carol.stack().controller().recordId(), AliceRecord);
    QCOMPARE(overrideDialog->headline(), u"Alice Archer is editing %1."_s.arg(AliceRecord));
    overrideDialog->setReason(Reason);
    overrideDialog->submit();
    QTRY_COMPARE(carol.stack().controller().mode(), Mode::Editing);
    QTRY_COMPARE(cell(model, AliceRecord, HeldLocksModel::HolderColumn), u"Carol White (you, this window)"_s);
    QTRY_COMPARE(alice.banner()->text(), u"Taken over by Carol White: "_s + Reason);
    QVERIFY(!dialog->takeOverButton()->isEnabled()); // carol's own lock now

    // History: the override is the newest entry, with who, whom and the reason.
    carol.editor()->admin()->historyAction()->trigger();
    QPointer<HistoryDialog> history = carol.editor()->admin()->historyDialog();
    QVERIFY(history);
    HistoryModel *entries = history->model();
    QTRY_VERIFY(entries->isLoaded());
    QVERIFY2(entries->rowCount() >= 2, qPrintable(history->statusText()));
    QCOMPARE(entries->index(0, 0).data(HistoryModel::ActionRole).toString(), u"overridden"_s);
    QCOMPARE(entries->index(0, HistoryModel::ActionColumn).data().toString(), u"Taken over"_s);
    QCOMPARE(entries->index(0, HistoryModel::ActorColumn).data().toString(), u"Carol White"_s);
    QCOMPARE(entries->index(0, HistoryModel::SubjectColumn).data().toString(), u"Alice Archer"_s);
    QCOMPARE(entries->index(0, HistoryModel::ReasonColumn).data().toString(), Reason);
    QCOMPARE(entries->index(1, 0).data(HistoryModel::ActionRole).toString(), u"acquired"_s);
    QCOMPARE(entries->index(1, HistoryModel::ActorColumn).data().toString(), u"Alice Archer"_s);
    QVERIFY(entries->index(0, 0).data(HistoryModel::EntryIdRole).toLongLong()
            > entries->index(1, 0).data(HistoryModel::EntryIdRole).toLongLong());

    // Paging: one entry per page, then "Load older" appends the next.
    entries->setPageSize(1);
    history->reload();
    QTRY_VERIFY(!entries->isLoading() && entries->rowCount() == 1);
    QVERIFY(entries->hasMore());
    QTRY_VERIFY(history->loadOlderButton()->isEnabled());
    QTest::mouseClick(history->loadOlderButton(), Qt::LeftButton);
    QTRY_COMPARE(entries->rowCount(), 2);
    QCOMPARE(entries->index(1, 0).data(HistoryModel::ActionRole).toString(), u"acquired"_s);

    history->close();
    dialog->close();
    QTRY_VERIFY(history.isNull());
    QTRY_VERIFY(dialog.isNull());
}

void tst_AdminDialogs::overrideDialogShowsAChangedHolder()
{
    WindowLeakGuard guard;
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.output()));
    const QString record = u"CL-2026-0003"_s;
    GuiClient alice(u"alice"_s);
    GuiClient carol(u"carol"_s);
    for (GuiClient *client : {&alice, &carol}) {
        client->window().show();
        QVERIFY(client->signIn(server.wsUrl()));
        QVERIFY(client->open(record));
    }
    alice.editor()->editAction()->trigger();
    QTRY_COMPARE(alice.stack().controller().mode(), Mode::Editing);
    QTRY_VERIFY(carol.stack().controller().canTakeOver());
    carol.editor()->admin()->takeOverAction()->trigger();
    QPointer<OverrideDialog> dialog = carol.editor()->admin()->overrideDialog();
    QVERIFY(dialog);

    // The holder changes while carol writes her reason (here only in her window, as if an event
    // were still on its way to the server's truth). The click does not send anything: the reason
    // was written about Alice, so the dialog names the new holder and asks for a second click.
    LockState *state = carol.stack().controller().lockState();
    LockInfo stale = state->lock();
    stale.holderHandle = u"u_ghost"_s;
    stale.holderName = u"Gerd Ghost"_s;
    state->applySnapshot(stale);
    QCOMPARE(dialog->headline(), u"Gerd Ghost is editing %1."_s.arg(record));
    dialog->setReason(Reason);
    dialog->submit();
    QCOMPARE(dialog->message(), u"Nothing was taken over: Gerd Ghost holds the lock now. Check the details above, "
                                "then take over again if you still need to."_s);
    QVERIFY(dialog->takeOverButton()->isEnabled());
    QCOMPARE(alice.stack().controller().mode(), Mode::Editing);

    // Confirmed with Gerd Ghost in view, the request goes out with him as expectHolder. The
    // server knows better (lock_changed); the dialog stays, shows the real holder and says why
    // nothing happened.
    dialog->submit();
    QTRY_VERIFY(dialog->message().contains(u"Alice Archer"_s));
    QCOMPARE(dialog->message(), u"Nothing was taken over: Alice Archer holds the lock now. Check the details above, "
                                "then take over again if you still need to."_s);
    QCOMPARE(dialog->headline(), u"Alice Archer is editing %1."_s.arg(record));
    QVERIFY(dialog->isVisible());
    QCOMPARE(carol.stack().controller().mode(), Mode::Viewing);
    QCOMPARE(alice.stack().controller().mode(), Mode::Editing);
    QVERIFY(!alice.stack().controller().isDisplaced());

    // Now that she sees the real holder, taking over works.
    QVERIFY(dialog->takeOverButton()->isEnabled());
    dialog->submit();
    QTRY_COMPARE(carol.stack().controller().mode(), Mode::Editing);
    QTRY_VERIFY(dialog.isNull());
    QTRY_VERIFY(alice.stack().controller().isDisplaced());
}

QTEST_MAIN(tst_AdminDialogs)
#include "tst_admindialogs.moc"
