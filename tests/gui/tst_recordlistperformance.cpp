// The main window stays responsive with 10,000 records: filling the list, filtering as the user
// types, moving the selection and painting all take a fraction of a second.
#include <QElapsedTimer>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include "client/recordlist.h"
#include "editor/recordlistmodel.h"
#include "guiclient.h"
#include "serverprocess.h"
#include "ui/recordfilterproxy.h"
#include "ui/recordlistview.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

constexpr int RecordCount = 10'000;
/// Generous bounds for a shared, busy CI machine; a per-row widget or O(n^2) step blows them by far.
constexpr qint64 FillBudgetMs = 2000;
constexpr qint64 StepBudgetMs = 500;

RecordList manyRecords()
{
    RecordList list;
    list.total = RecordCount;
    list.entries.reserve(RecordCount);
    for (int i = 0; i < RecordCount; ++i) {
        RecordList::Entry entry;
        entry.record.id = u"BULK-%1"_s.arg(i, 5, 10, QLatin1Char('0'));
        entry.record.type = i % 3 == 0 ? u"claim"_s : u"customer"_s;
        entry.record.version = 1;
        entry.record.fields.insert(u"title"_s, u"Bulk record number %1"_s.arg(i));
        entry.lock.recordId = entry.record.id;
        entry.lock.seq = 1;
        list.entries.append(entry);
    }
    return list;
}

} // namespace

class tst_RecordListPerformance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void tenThousandRecords();
};

void tst_RecordListPerformance::tenThousandRecords()
{
    WindowLeakGuard guard;
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.output()));
    GuiClient alice(u"alice"_s);
    alice.window().show();
    QVERIFY(QTest::qWaitForWindowExposed(&alice.window()));
    QVERIFY(alice.signIn(server.wsUrl()));
    RecordListView *list = alice.window().recordList();

    QElapsedTimer timer;
    timer.start();
    alice.stack().listModel().setRecords(manyRecords());
    list->view()->repaint();
    const qint64 fillMs = timer.elapsed();
    QCOMPARE(list->proxy()->rowCount(), RecordCount);
    QVERIFY2(fillMs < FillBudgetMs, qPrintable(u"filling took %1 ms"_s.arg(fillMs)));

    timer.restart();
    QTest::keyClicks(list->searchField(), u"number 99"_s);
    list->view()->repaint();
    const qint64 filterMs = timer.elapsed();
    QCOMPARE(list->proxy()->rowCount(), 111); // 99, 990..999, 9900..9999
    QVERIFY2(filterMs < StepBudgetMs * 9, qPrintable(u"typing 9 keys took %1 ms"_s.arg(filterMs)));

    list->searchField()->clear();
    QCOMPARE(list->proxy()->rowCount(), RecordCount);
    timer.restart();
    for (int i = 0; i < 50; ++i)
        QVERIFY(list->selectNext());
    list->view()->repaint();
    const qint64 moveMs = timer.elapsed();
    QVERIFY2(moveMs < StepBudgetMs, qPrintable(u"50 selection moves took %1 ms"_s.arg(moveMs)));

    timer.restart();
    list->view()->scrollToBottom();
    list->view()->repaint();
    QVERIFY2(timer.elapsed() < StepBudgetMs, qPrintable(u"scrolling took %1 ms"_s.arg(timer.elapsed())));
}

QTEST_MAIN(tst_RecordListPerformance)
#include "tst_recordlistperformance.moc"
