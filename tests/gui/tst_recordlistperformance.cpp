// The main window with 10,000 records: the list fills, filtering as the user types gives the
// right rows, the selection moves and the view paints. The timings are printed, never asserted
// (a shared machine makes them noise); tests/bench/client measures a cold start at scale.
#include <QElapsedTimer>
#include <QImage>
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
    qInfo("filling %d rows and painting: %lld ms", RecordCount, fillMs);

    timer.restart();
    QTest::keyClicks(list->searchField(), u"number 99"_s);
    list->view()->repaint();
    const qint64 filterMs = timer.elapsed();
    QCOMPARE(list->proxy()->rowCount(), 111); // 99, 990..999, 9900..9999
    for (int row = 0; row < list->proxy()->rowCount(); ++row) {
        const QString title = list->proxy()->index(row, RecordListModel::TitleColumn).data().toString();
        QVERIFY2(title.contains(u"number 99"_s), qPrintable(title));
    }
    qInfo("typing 9 keys into the filter: %lld ms", filterMs);

    list->searchField()->clear();
    QCOMPARE(list->proxy()->rowCount(), RecordCount);
    const int startRow = list->view()->currentIndex().isValid() ? list->view()->currentIndex().row() : -1;
    timer.restart();
    for (int i = 0; i < 50; ++i)
        QVERIFY(list->selectNext());
    list->view()->repaint();
    const qint64 moveMs = timer.elapsed();
    QCOMPARE(list->view()->currentIndex().row(), startRow + 50);
    QCOMPARE(list->currentRecordId(),
             list->proxy()->index(startRow + 50, RecordListModel::IdColumn).data().toString());
    qInfo("50 selection moves: %lld ms", moveMs);

    timer.restart();
    list->view()->scrollToBottom();
    const QImage painted = list->view()->viewport()->grab().toImage();
    qInfo("scrolling to the bottom and painting: %lld ms", timer.elapsed());
    QVERIFY(!painted.isNull());
    // The last row is on screen after scrolling.
    const QModelIndex last = list->proxy()->index(RecordCount - 1, 0);
    QVERIFY(list->view()->viewport()->rect().intersects(list->view()->visualRect(last)));
}

QTEST_MAIN(tst_RecordListPerformance)
#include "tst_recordlistperformance.moc"
