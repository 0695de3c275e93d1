// RecordListModel against a real recordlockd: all demo records (paged, a first load shown page by
// page), a live lock column (free rows without a LockState, bursts announced as one range), titles
// following saves, query filters, and 10,000 rows from a constructed RecordList.

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

#include "common/systemclock.h"
#include "editor/recordlistmodel.h"
#include "editorwindow.h"
#include "serverprocess.h"

using namespace recordlock;
using namespace recordlock::test;
using namespace Qt::StringLiterals;

using Status = LockState::Status;

namespace {

const QString Record = u"CL-2026-0002"_s;

Status lockStatusAt(const RecordListModel &model, int row)
{
    return model.index(row, RecordListModel::LockColumn).data(RecordListModel::LockStatusRole).value<Status>();
}

/// Rows whose lock is not known yet.
int unknownRows(const RecordListModel &model)
{
    int unknown = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        unknown += lockStatusAt(model, row) == Status::Unknown ? 1 : 0;
    return unknown;
}

/// True when every dataChanged in spy covered exactly the one cell.
bool onlyCell(const QSignalSpy &spy, const QModelIndex &cell)
{
    for (const QList<QVariant> &args : spy) {
        if (args.at(0).value<QModelIndex>() != cell || args.at(1).value<QModelIndex>() != cell)
            return false;
    }
    return !spy.isEmpty();
}

} // namespace

class TestRecordListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void rowsForAllDemoRecords();
    void firstLoadShowsPagesAsTheyArrive();
    void pagingGivesTheSameRows();
    void lockColumnFollowsOtherSession();
    void titleFollowsRecordUpdated();
    void filterByQuery();
    void reconnectRefreshes();
    void tenThousandRecords();

private:
    /// Every record id the server lists, in order, fetched without the model.
    QStringList serverIds();

    SystemClock m_clock;
    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<EditorWindow> m_alice;
    std::unique_ptr<EditorWindow> m_bob;
    std::unique_ptr<RecordListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestRecordListModel::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    m_alice = std::make_unique<EditorWindow>(m_clock, m_dir.filePath(u"alice"_s));
    m_bob = std::make_unique<EditorWindow>(m_clock, m_dir.filePath(u"bob"_s));
    QVERIFY(m_alice->signIn(m_server.wsUrl(), u"alice"_s));
    QVERIFY(m_bob->signIn(m_server.wsUrl(), u"bob"_s));
    m_model = std::make_unique<RecordListModel>(&m_alice->records, &m_alice->locks);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestRecordListModel::cleanupTestCase()
{
    m_tester.reset();
    m_model.reset();
    m_alice.reset();
    m_bob.reset();
    m_server.stop();
}

QStringList TestRecordListModel::serverIds()
{
    std::optional<std::variant<RecordList, ProtocolError>> result;
    RecordQuery query;
    query.limit = 10'000;
    m_bob->records.list(query, this, [&result](const std::variant<RecordList, ProtocolError> &value) { result = value; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 5000) || !std::holds_alternative<RecordList>(*result))
        return {};
    QStringList ids;
    for (const RecordList::Entry &entry : std::get<RecordList>(*result).entries)
        ids.append(entry.record.id);
    return ids;
}

void TestRecordListModel::rowsForAllDemoRecords()
{
    const QStringList expected = serverIds();
    QVERIFY(expected.size() > 10);

    QSignalSpy refreshed(m_model.get(), &RecordListModel::refreshed);
    QSignalSpy loading(m_model.get(), &RecordListModel::loadingChanged);
    m_model->refresh();
    QVERIFY(m_model->isLoading());
    QTRY_COMPARE(refreshed.count(), 1);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(loading.count(), 2);

    QCOMPARE(m_model->rowCount(), expected.size());
    QCOMPARE(m_model->columnCount(), int(RecordListModel::ColumnCount));
    for (int row = 0; row < expected.size(); ++row) {
        QCOMPARE(m_model->recordIdAt(row), expected.at(row));
        QCOMPARE(m_model->rowOf(expected.at(row)), row);
    }
    const int row = m_model->rowOf(Record);
    QVERIFY(row >= 0);
    QCOMPARE(m_model->index(row, RecordListModel::IdColumn).data().toString(), Record);
    QCOMPARE(m_model->index(row, RecordListModel::TypeColumn).data(RecordListModel::RecordTypeRole).toString(),
             u"claim"_s);
    QVERIFY(!m_model->index(row, RecordListModel::TitleColumn).data().toString().isEmpty());
    QTRY_COMPARE(lockStatusAt(*m_model, row), Status::Free);
    QCOMPARE(m_model->index(row, RecordListModel::LockColumn).data().toString(), u"Available"_s);
    QCOMPARE(m_model->rowOf(u"no-such-record"_s), -1);
    QVERIFY(m_model->recordIdAt(-1).isEmpty());
    QVERIFY(m_model->recordIdAt(m_model->rowCount()).isEmpty());
    QCOMPARE(m_model->headerData(RecordListModel::LockColumn, Qt::Horizontal).toString(), u"Lock"_s);
}

void TestRecordListModel::firstLoadShowsPagesAsTheyArrive()
{
    const QStringList expected = serverIds();
    // A window of its own: its LockService has seen nothing yet.
    EditorWindow carol(m_clock, m_dir.filePath(u"alice-second"_s));
    QVERIFY(carol.signIn(m_server.wsUrl(), u"alice"_s));
    RecordListModel model(&carol.records, &carol.locks);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(3);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy refreshed(&model, &RecordListModel::refreshed);
    // Read at the first insertion itself: polling could miss it when the pages arrive together.
    int rowsAtFirstInsert = -1;
    qsizetype refreshedAtFirstInsert = -1;
    connect(&model, &QAbstractItemModel::rowsInserted, this, [&] {
        if (rowsAtFirstInsert < 0) {
            rowsAtFirstInsert = model.rowCount();
            refreshedAtFirstInsert = refreshed.count();
        }
    });
    model.refresh();
    QTRY_COMPARE(refreshed.count(), 1);
    // The first page showed before the rest was loaded.
    QVERIFY(rowsAtFirstInsert > 0);
    QVERIFY(rowsAtFirstInsert < expected.size());
    QCOMPARE(refreshedAtFirstInsert, 0);
    QCOMPARE(reset.count(), 0);
    QVERIFY(inserted.count() >= 2);
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.recordIdAt(row));
    QCOMPARE(ids, expected);

    // A free row needs no LockState; it shows Available, and takes a state once its record is locked.
    const int row = model.rowOf(Record);
    QCOMPARE(lockStatusAt(model, row), Status::Free);
    QCOMPARE(model.index(row, RecordListModel::LockColumn).data().toString(), u"Available"_s);
    QVERIFY(carol.locks.states().size() < model.rowCount());
    QCOMPARE(carol.locks.existingState(Record), nullptr);
    m_bob->locks.acquire(Record);
    QTRY_COMPARE(m_bob->locks.state(Record)->status(), Status::HeldByMe);
    QTRY_COMPARE(lockStatusAt(model, row), Status::HeldByOther);
    QVERIFY(carol.locks.existingState(Record) != nullptr);
    m_bob->locks.release(Record);
    QTRY_COMPARE(lockStatusAt(model, row), Status::Free);

    // Lock changes of several rows in one pass: the first at once, the rest as one range after it.
    QList<int> rows; // three rows never locked, ascending
    for (int r = 0; rows.size() < 3; ++r) {
        if (r != row)
            rows.append(r);
    }
    QTest::qWait(50); // the pass of the last change is over
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    LockInfo held;
    held.held = true;
    held.holderHandle = u"u_x"_s;
    held.holderName = u"Xavier"_s;
    held.seq = 1;
    for (int r : {rows[0], rows[2], rows[1]}) {
        held.recordId = model.recordIdAt(r);
        carol.locks.state(held.recordId)->applySnapshot(held);
    }
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(rows[0], RecordListModel::LockColumn));
    QTRY_COMPARE(changed.count(), 2);
    const QModelIndex top = changed.at(1).at(0).value<QModelIndex>();
    const QModelIndex bottom = changed.at(1).at(1).value<QModelIndex>();
    QVERIFY(top.row() <= rows[0] && bottom.row() >= rows[2]);
    QCOMPARE(top.column(), int(RecordListModel::LockColumn));
    QCOMPARE(bottom.column(), int(RecordListModel::LockColumn));
    for (int r : rows)
        QCOMPARE(lockStatusAt(model, r), Status::HeldByOther);
}

void TestRecordListModel::pagingGivesTheSameRows()
{
    const QStringList expected = serverIds();
    m_model->setPageSize(7);
    QSignalSpy refreshed(m_model.get(), &RecordListModel::refreshed);
    m_model->refresh();
    QTRY_COMPARE(refreshed.count(), 1);
    m_model->setPageSize(1000);
    QStringList ids;
    for (int row = 0; row < m_model->rowCount(); ++row)
        ids.append(m_model->recordIdAt(row));
    QCOMPARE(ids, expected);
}

void TestRecordListModel::lockColumnFollowsOtherSession()
{
    const int row = m_model->rowOf(Record);
    const QModelIndex cell = m_model->index(row, RecordListModel::LockColumn);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    m_bob->locks.acquire(Record);
    QTRY_COMPARE_WITH_TIMEOUT(lockStatusAt(*m_model, row), Status::HeldByOther, 1000);
    QCOMPARE(cell.data(RecordListModel::HolderNameRole).toString(), u"Bob Baker"_s);
    QVERIFY(cell.data(RecordListModel::HolderConnectedRole).toBool());
    QVERIFY(cell.data(RecordListModel::ExpiresAtRole).toLongLong() > cell.data(RecordListModel::SinceRole).toLongLong());
    QVERIFY(cell.data().toString().startsWith(u"Bob Baker, until "_s));
    QVERIFY(onlyCell(changed, cell));
    QCOMPARE(reset.count(), 0);
    // The other rows do not mention Bob.
    QCOMPARE(lockStatusAt(*m_model, row == 0 ? 1 : 0), Status::Free);

    changed.clear();
    QTRY_COMPARE(m_bob->locks.state(Record)->status(), Status::HeldByMe);
    m_bob->locks.release(Record);
    QTRY_COMPARE_WITH_TIMEOUT(lockStatusAt(*m_model, row), Status::Free, 1000);
    QVERIFY(cell.data(RecordListModel::HolderNameRole).toString().isEmpty());
    QVERIFY(onlyCell(changed, cell));
    QCOMPARE(reset.count(), 0);
}

void TestRecordListModel::titleFollowsRecordUpdated()
{
    const int row = m_model->rowOf(Record);
    const QModelIndex title = m_model->index(row, RecordListModel::TitleColumn);
    const qint64 version = title.data(RecordListModel::VersionRole).toLongLong();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    m_bob->locks.acquire(Record);
    QTRY_COMPARE(m_bob->locks.state(Record)->status(), Status::HeldByMe);
    std::optional<std::variant<RecordData, ProtocolError>> saved;
    m_bob->records.save(Record, m_bob->locks.state(Record)->token(), version, {{u"title"_s, u"Renamed by Bob"_s}},
                        this, [&saved](const std::variant<RecordData, ProtocolError> &result) { saved = result; });
    QTRY_VERIFY(saved.has_value());
    QVERIFY(std::holds_alternative<RecordData>(*saved));

    QTRY_COMPARE_WITH_TIMEOUT(title.data().toString(), u"Renamed by Bob"_s, 1000);
    QCOMPARE(title.data(RecordListModel::VersionRole).toLongLong(), version + 1);
    bool titleSignalled = false;
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const auto from = args.at(0).value<QModelIndex>();
        const auto to = args.at(1).value<QModelIndex>();
        QCOMPARE(from.row(), row);
        QCOMPARE(to.row(), row);
        titleSignalled |= from.column() <= RecordListModel::TitleColumn && to.column() >= RecordListModel::TitleColumn;
    }
    QVERIFY(titleSignalled);
    QCOMPARE(reset.count(), 0);
    m_bob->locks.release(Record);
    QTRY_COMPARE(lockStatusAt(*m_model, row), Status::Free);
}

void TestRecordListModel::filterByQuery()
{
    const int all = m_model->rowCount();
    QSignalSpy refreshed(m_model.get(), &RecordListModel::refreshed);

    RecordQuery query;
    query.text = u"renamed BY"_s;
    m_model->setQuery(query);
    m_model->refresh();
    QTRY_COMPARE(refreshed.count(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->recordIdAt(0), Record);
    QCOMPARE(m_model->rowOf(Record), 0);

    query = RecordQuery{};
    query.type = u"customer"_s;
    m_model->setQuery(query);
    m_model->refresh();
    QTRY_COMPARE(refreshed.count(), 2);
    QVERIFY(m_model->rowCount() > 0);
    QVERIFY(m_model->rowCount() < all);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QCOMPARE(m_model->index(row, 0).data(RecordListModel::RecordTypeRole).toString(), u"customer"_s);
    QCOMPARE(m_model->rowOf(Record), -1);

    m_model->setQuery(RecordQuery{});
    m_model->refresh();
    QTRY_COMPARE(refreshed.count(), 3);
    QCOMPARE(m_model->rowCount(), all);
}

void TestRecordListModel::reconnectRefreshes()
{
    const int rows = m_model->rowCount();
    const int row = m_model->rowOf(Record);
    QSignalSpy refreshed(m_model.get(), &RecordListModel::refreshed);
    m_server.kill9();
    QTRY_COMPARE(lockStatusAt(*m_model, row), Status::Offline);
    QCOMPARE(m_model->index(row, RecordListModel::LockColumn).data().toString(), u"Unknown (offline)"_s);
    QCOMPARE(m_model->rowCount(), rows); // the rows stay while offline

    QVERIFY2(m_server.restart(true), qPrintable(m_server.output()));
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 10'000);
    QCOMPARE(m_model->rowCount(), rows);
    QCOMPARE(m_model->rowOf(Record), row);
    QTRY_COMPARE(lockStatusAt(*m_model, row), Status::Free);
    QTRY_VERIFY_WITH_TIMEOUT(m_bob->connection.isOnline(), 10'000);
    m_bob->locks.acquire(Record);
    QTRY_COMPARE_WITH_TIMEOUT(lockStatusAt(*m_model, row), Status::HeldByOther, 1000);
    m_bob->locks.release(Record);
    QTRY_COMPARE(lockStatusAt(*m_model, row), Status::Free);
}

void TestRecordListModel::tenThousandRecords()
{
    // No API creates records, so the rows come from a RecordList built here.
    m_tester.reset(); // it would walk all 10,000 rows on every change
    RecordList list;
    for (int i = 0; i < 10'000; ++i) {
        RecordList::Entry entry;
        entry.record.id = u"R-%1"_s.arg(i, 5, 10, QChar(u'0'));
        entry.record.type = i % 2 ? u"claim"_s : u"customer"_s;
        entry.record.version = 1;
        entry.record.fields.insert(u"title"_s, u"Record %1"_s.arg(i));
        list.entries.append(entry);
    }
    list.entries.append(list.entries.at(5)); // a duplicate id is shown once
    list.total = list.entries.size();

    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setRecords(list);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 10'000);
    QCOMPARE(m_model->rowOf(u"R-05000"_s), 5000);
    QCOMPARE(m_model->recordIdAt(9999), u"R-09999"_s);
    QCOMPARE(m_model->index(1234, RecordListModel::TitleColumn).data().toString(), u"Record 1234"_s);
    QCOMPARE(m_model->index(1234, RecordListModel::TypeColumn).data(RecordListModel::RecordTypeRole).toString(),
             u"customer"_s);

    // subscribe_all answers: none of these ids is held, so all turn Free. Wait for every row: a
    // change still arriving for another row would show up in the dataChanged count below.
    QTRY_COMPARE(unknownRows(*m_model), 0);
    QCOMPARE(lockStatusAt(*m_model, 42), Status::Free);
    LockInfo held;
    held.recordId = u"R-00042"_s;
    held.held = true;
    held.holderHandle = u"u_x"_s;
    held.holderName = u"Xavier"_s;
    held.since = 1'000;
    held.expiresAt = 2'000;
    held.seq = 1;
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_alice->locks.state(held.recordId)->applySnapshot(held);
    const QModelIndex cell = m_model->index(42, RecordListModel::LockColumn);
    QVERIFY(onlyCell(changed, cell));
    QCOMPARE(lockStatusAt(*m_model, 42), Status::HeldByOther);
    QCOMPARE(cell.data(RecordListModel::HolderNameRole).toString(), u"Xavier"_s);
    QCOMPARE(lockStatusAt(*m_model, 43), Status::Free);
    QCOMPARE(reset.count(), 1);
}

QTEST_GUILESS_MAIN(TestRecordListModel)
#include "tst_recordlistmodel.moc"
