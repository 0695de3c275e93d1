// The whole edit-save flow from the keyboard alone: find a record, open it, type (which takes the
// lock), Ctrl+S, Esc; no mouse and no direct calls into the widgets.
#include <QApplication>
#include <QLineEdit>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include "editor/editorcontroller.h"
#include "guiclient.h"
#include "serverprocess.h"
#include "ui/conflictdialog.h"
#include "ui/lockbanner.h"
#include "ui/messagebar.h"
#include "ui/recordeditor.h"
#include "ui/recordform.h"
#include "ui/recordfilterproxy.h"
#include "ui/recordlistview.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;
using Kind = LockBannerText::Kind;

class tst_KeyboardFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void editAndSaveWithKeysOnly();
    void conflictDialogFromTheKeyboard();

private:
    /// Sends a key to whatever has the focus, as the keyboard would.
    static void press(QWidget *window, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : window;
        QTest::keyClick(target, key, modifiers);
    }
    static void type(QWidget *window, const QString &text)
    {
        QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : window;
        QTest::keyClicks(target, text);
    }
};

void tst_KeyboardFlow::editAndSaveWithKeysOnly()
{
    WindowLeakGuard guard;
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.output()));
    GuiClient alice(u"alice"_s);
    MainWindow &window = alice.window();
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(alice.signIn(server.wsUrl()));
    EditorController &controller = alice.stack().controller();

    // Ctrl+F, search, Enter into the results, Enter opens the record and moves into its form.
    press(&window, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), window.recordList()->searchField());
    type(&window, u"Harbour Road"_s);
    QTRY_COMPARE(window.recordList()->proxy()->rowCount(), 1);
    press(&window, Qt::Key_Return);
    QCOMPARE(QApplication::focusWidget(), window.recordList()->view());
    press(&window, Qt::Key_Return);
    QTRY_COMPARE(controller.recordId(), u"CL-2026-0003"_s);
    QTRY_COMPARE(controller.mode(), EditorController::Mode::Viewing);
    QTRY_COMPARE(QApplication::focusWidget(), alice.editor()->form()->editor(u"title"_s));
    QCOMPARE(alice.banner()->content().kind, Kind::Available);
    QVERIFY(window.windowTitle().contains(u"CL-2026-0003"_s));
    QVERIFY(window.windowTitle().contains(u"Alice Archer"_s));

    // Tab to the status field and type: the first keystroke takes the lock.
    QWidget *status = alice.editor()->form()->editor(u"status"_s);
    for (int i = 0; i < 10 && QApplication::focusWidget() != status; ++i)
        press(&window, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), status);
    press(&window, Qt::Key_End);
    type(&window, u" - police report received"_s);
    QTRY_COMPARE(alice.banner()->content().kind, Kind::Editing);
    QVERIFY(alice.editor()->saveAction()->isEnabled());

    // Ctrl+S saves; the lock stays and editing goes on.
    const qint64 version = controller.record().version;
    press(&window, Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE(controller.record().version, version + 1);
    QCOMPARE(controller.serverValue(u"status"_s), u"Approved - police report received"_s);
    QVERIFY(!controller.isDirty());
    QCOMPARE(controller.mode(), EditorController::Mode::Editing);

    // More typing, then Esc: the first asks, the second discards and releases the lock.
    type(&window, u" twice"_s);
    QTRY_VERIFY(controller.isDirty());
    press(&window, Qt::Key_Escape);
    QVERIFY(controller.isDirty());
    QVERIFY(alice.editor()->messageBar()->text().contains(u"Esc again"_s));
    press(&window, Qt::Key_Escape);
    QVERIFY(!controller.isDirty());
    QCOMPARE(qobject_cast<QLineEdit *>(status)->text(), u"Approved - police report received"_s);
    QTRY_COMPARE(alice.banner()->content().kind, Kind::Available);

    // Ctrl+E edits again, Esc with nothing typed releases at once.
    press(&window, Qt::Key_E, Qt::ControlModifier);
    QTRY_COMPARE(alice.banner()->content().kind, Kind::Editing);
    press(&window, Qt::Key_Escape);
    QTRY_COMPARE(alice.banner()->content().kind, Kind::Available);

    // Alt+Down moves to the next record in the list.
    press(&window, Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), window.recordList()->view());
    press(&window, Qt::Key_Escape); // clears the search, all records show again
    QTRY_VERIFY(window.recordList()->proxy()->rowCount() > 1);
    window.recordList()->selectRecord(u"CL-2026-0003"_s);
    press(&window, Qt::Key_Down, Qt::AltModifier);
    QTRY_COMPARE(controller.recordId(), u"CL-2026-0004"_s);
}

void tst_KeyboardFlow::conflictDialogFromTheKeyboard()
{
    WindowLeakGuard guard;
    const QList<FieldConflict> conflicts{
        {u"status"_s, u"Open"_s, u"Approved"_s, u"Rejected"_s, true},
        {u"amount"_s, u"100"_s, u"120"_s, u"150"_s, true},
    };
    ConflictDialog dialog(u"claim"_s, conflicts, u"Bob Baker"_s);
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    // Tab reaches each field's choice; an arrow key switches it to "theirs".
    auto *theirsStatus = dialog.findChild<QRadioButton *>(u"theirs_status"_s);
    QVERIFY(theirsStatus);
    for (int i = 0; i < 12 && !QApplication::focusWidget()->objectName().endsWith(u"_status"_s); ++i)
        press(&dialog, Qt::Key_Tab);
    QVERIFY(QApplication::focusWidget()->objectName().endsWith(u"_status"_s));
    press(&dialog, Qt::Key_Right);
    QVERIFY(theirsStatus->isChecked());
    press(&dialog, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const QMap<QString, bool> choices = dialog.choices();
    QCOMPARE(choices.value(u"status"_s, true), false); // theirs
    QCOMPARE(choices.value(u"amount"_s, false), true); // mine, the default
}

QTEST_MAIN(tst_KeyboardFlow)
#include "tst_keyboardflow.moc"
