#include <memory>

#include <QTemporaryDir>
#include <QTest>

#include "server/database.h"
#include "server/sqlrecordstore.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

RecordData makeRecord(const QString &id, const QString &type, const QString &title)
{
    RecordData record;
    record.id = id;
    record.type = type;
    record.version = 1;
    record.updatedAt = 1000;
    record.updatedBy = u"Seeder"_s;
    record.fields = {{u"title"_s, title}, {u"notes"_s, u"n-"_s + id}};
    return record;
}

QStringList ids(const RecordPage &page)
{
    QStringList result;
    for (const RecordData &record : page.records)
        result << record.id;
    return result;
}

} // namespace

/// SqlRecordStore against a real SQLite file.
class TestSqlRecordStore : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store.reset();
        m_database = std::make_unique<Database>(m_dir.filePath(u"t%1.db"_s.arg(++m_counter)));
        QVERIFY2(m_database->open(), qPrintable(m_database->lastError()));
        m_store = std::make_unique<SqlRecordStore>(*m_database);
        QVERIFY(m_store->create(makeRecord(u"C-1001"_s, u"customer"_s, u"Hannah Schulz"_s)));
        QVERIFY(m_store->create(makeRecord(u"C-1002"_s, u"customer"_s, u"Thomas Müller"_s)));
        QVERIFY(m_store->create(makeRecord(u"C-1003"_s, u"customer"_s, u"100% Discount_Shop"_s)));
        QVERIFY(m_store->create(makeRecord(u"CL-2026-0001"_s, u"claim"_s, u"Water damage, 12 Elm Street"_s)));
        QVERIFY(m_store->create(makeRecord(u"CL-2026-0002"_s, u"claim"_s, u"Storm damage to roof, ÜBERSEE 4"_s)));
    }

    void cleanup()
    {
        m_store.reset();
        m_database.reset();
    }

    void createAndGet()
    {
        QCOMPARE(m_store->count(), 5);
        QVERIFY(m_store->exists(u"C-1001"_s));
        QVERIFY(!m_store->exists(u"C-9999"_s));
        const auto record = m_store->get(u"CL-2026-0001"_s);
        QVERIFY(record);
        QCOMPARE(*record, makeRecord(u"CL-2026-0001"_s, u"claim"_s, u"Water damage, 12 Elm Street"_s));
        QVERIFY(!m_store->get(u"nope"_s));
    }

    void createRefusesDuplicatesAndBadTypes()
    {
        QVERIFY(!m_store->create(makeRecord(u"C-1001"_s, u"customer"_s, u"again"_s)));
        QVERIFY(!m_store->create(makeRecord(u"X-1"_s, u"invoice"_s, u"bad type"_s)));
        QCOMPARE(m_store->count(), 5);
    }

    void createStartsAtVersionOne()
    {
        RecordData record = makeRecord(u"C-2000"_s, u"customer"_s, u"New"_s);
        record.version = 17;
        QVERIFY(m_store->create(record));
        QCOMPARE(m_store->get(u"C-2000"_s)->version, 1);
    }

    void listAll()
    {
        const RecordPage page = m_store->list({});
        QCOMPARE(page.total, 5);
        QCOMPARE(ids(page), (QStringList{u"C-1001"_s, u"C-1002"_s, u"C-1003"_s, u"CL-2026-0001"_s, u"CL-2026-0002"_s}));
        const RecordData &first = page.records.first();
        QCOMPARE(first.title(), u"Hannah Schulz"_s);
        QCOMPARE(first.type, u"customer"_s);
        QCOMPARE(first.version, 1);
        QCOMPARE(first.updatedBy, u"Seeder"_s);
        QCOMPARE(first.fields.size(), 1); // the title only; lists carry no fields
    }

    void listFilters_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("type claim") << u"claim"_s << QString() << QStringList{u"CL-2026-0001"_s, u"CL-2026-0002"_s};
        QTest::newRow("type customer") << u"customer"_s << QString()
                                       << QStringList{u"C-1001"_s, u"C-1002"_s, u"C-1003"_s};
        QTest::newRow("title, any case") << QString() << u"dAmAgE"_s
                                         << QStringList{u"CL-2026-0001"_s, u"CL-2026-0002"_s};
        QTest::newRow("title and type") << u"customer"_s << u"damage"_s << QStringList{};
        QTest::newRow("id substring") << QString() << u"cl-2026-0002"_s << QStringList{u"CL-2026-0002"_s};
        QTest::newRow("id prefix") << QString() << u"c-100"_s
                                   << QStringList{u"C-1001"_s, u"C-1002"_s, u"C-1003"_s};
        QTest::newRow("non-ASCII, other case") << QString() << u"MÜLLER"_s << QStringList{u"C-1002"_s};
        QTest::newRow("non-ASCII lower") << QString() << u"übersee"_s << QStringList{u"CL-2026-0002"_s};
        QTest::newRow("percent literally") << QString() << u"0%"_s << QStringList{u"C-1003"_s};
        QTest::newRow("underscore literally") << QString() << u"t_s"_s << QStringList{u"C-1003"_s};
        QTest::newRow("lone percent") << QString() << u"%"_s << QStringList{u"C-1003"_s};
        QTest::newRow("lone underscore") << QString() << u"_"_s << QStringList{u"C-1003"_s};
        QTest::newRow("backslash") << QString() << u"\\"_s << QStringList{};
        QTest::newRow("no match") << QString() << u"zebra"_s << QStringList{};
    }

    void listFilters()
    {
        QFETCH(QString, type);
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        RecordFilter request;
        request.type = type;
        request.query = query;
        const RecordPage page = m_store->list(request);
        QCOMPARE(ids(page), expected);
        QCOMPARE(page.total, expected.size());
    }

    void listPages()
    {
        RecordFilter request;
        request.offset = 1;
        request.limit = 2;
        RecordPage page = m_store->list(request);
        QCOMPARE(ids(page), (QStringList{u"C-1002"_s, u"C-1003"_s}));
        QCOMPARE(page.total, 5);

        request.offset = 4;
        request.limit = 10;
        page = m_store->list(request);
        QCOMPARE(ids(page), QStringList{u"CL-2026-0002"_s});
        QCOMPARE(page.total, 5);

        request.offset = 50;
        page = m_store->list(request);
        QVERIFY(page.records.isEmpty());
        QCOMPARE(page.total, 5);

        request = {};
        request.type = u"customer"_s;
        request.limit = 1;
        page = m_store->list(request);
        QCOMPARE(ids(page), QStringList{u"C-1001"_s});
        QCOMPARE(page.total, 3);
    }

    void saveMergesAndBumpsVersion()
    {
        const SaveOutcome outcome = m_store->save(u"CL-2026-0001"_s, 1, 41,
                                                  {{u"status"_s, u"Approved"_s}, {u"title"_s, u"Water damage, 14 Elm Street"_s}},
                                                  u"Alice Archer"_s, 5000);
        QCOMPARE(outcome.status, SaveOutcome::Status::Saved);
        QCOMPARE(outcome.record.version, 2);
        QCOMPARE(outcome.record.updatedAt, 5000);
        QCOMPARE(outcome.record.updatedBy, u"Alice Archer"_s);
        QCOMPARE(outcome.record.fields.value(u"status"_s), u"Approved"_s);
        QCOMPARE(outcome.record.fields.value(u"notes"_s), u"n-CL-2026-0001"_s); // kept
        QCOMPARE(outcome.record.fields.size(), 3);

        const auto stored = m_store->get(u"CL-2026-0001"_s);
        QVERIFY(stored);
        QCOMPARE(*stored, outcome.record);
        // The listing title follows fields.title.
        RecordFilter request;
        request.query = u"14 elm"_s;
        QCOMPARE(ids(m_store->list(request)), QStringList{u"CL-2026-0001"_s});
        request.query = u"12 elm"_s;
        QVERIFY(m_store->list(request).records.isEmpty());
    }

    void staleVersion()
    {
        QCOMPARE(m_store->save(u"C-1001"_s, 1, 1, {{u"notes"_s, u"a"_s}}, u"A"_s, 1).status, SaveOutcome::Status::Saved);
        const SaveOutcome outcome = m_store->save(u"C-1001"_s, 1, 1, {{u"notes"_s, u"b"_s}}, u"B"_s, 2);
        QCOMPARE(outcome.status, SaveOutcome::Status::StaleVersion);
        QCOMPARE(outcome.currentVersion, 2);
        QCOMPARE(m_store->get(u"C-1001"_s)->fields.value(u"notes"_s), u"a"_s);
        QCOMPARE(m_store->save(u"C-1001"_s, 5, 1, {}, u"B"_s, 2).status, SaveOutcome::Status::StaleVersion);
    }

    void staleToken()
    {
        QCOMPARE(m_store->save(u"C-1002"_s, 1, 7, {{u"notes"_s, u"by token 7"_s}}, u"A"_s, 1).status,
                 SaveOutcome::Status::Saved);
        // A holder whose lock was taken over (older token) must not overwrite the newer writer.
        const SaveOutcome outcome = m_store->save(u"C-1002"_s, 2, 6, {{u"notes"_s, u"by token 6"_s}}, u"B"_s, 2);
        QCOMPARE(outcome.status, SaveOutcome::Status::StaleToken);
        const auto stored = m_store->get(u"C-1002"_s);
        QCOMPARE(stored->version, 2);
        QCOMPARE(stored->fields.value(u"notes"_s), u"by token 7"_s);
        // The same token again, and a higher one, are fine.
        QCOMPARE(m_store->save(u"C-1002"_s, 2, 7, {}, u"A"_s, 3).status, SaveOutcome::Status::Saved);
        QCOMPARE(m_store->save(u"C-1002"_s, 3, 9, {}, u"C"_s, 4).status, SaveOutcome::Status::Saved);
        QCOMPARE(m_store->save(u"C-1002"_s, 4, 8, {}, u"A"_s, 5).status, SaveOutcome::Status::StaleToken);
    }

    void staleTokenWinsOverStaleVersion()
    {
        // save_record's documented order: stale_token is reported before stale_version.
        QCOMPARE(m_store->save(u"C-1002"_s, 1, 7, {}, u"A"_s, 1).status, SaveOutcome::Status::Saved);
        QCOMPARE(m_store->save(u"C-1002"_s, 1, 6, {}, u"B"_s, 2).status, SaveOutcome::Status::StaleToken);
    }

    void notFound()
    {
        QCOMPARE(m_store->save(u"C-4040"_s, 1, 1, {{u"notes"_s, u"x"_s}}, u"A"_s, 1).status,
                 SaveOutcome::Status::NotFound);
        QVERIFY(!m_store->exists(u"C-4040"_s));
    }

    void twoSavesAtSameVersion()
    {
        const SaveOutcome first = m_store->save(u"C-1003"_s, 1, 3, {{u"notes"_s, u"first"_s}}, u"A"_s, 10);
        const SaveOutcome second = m_store->save(u"C-1003"_s, 1, 3, {{u"notes"_s, u"second"_s}}, u"A"_s, 11);
        QCOMPARE(first.status, SaveOutcome::Status::Saved);
        QCOMPARE(second.status, SaveOutcome::Status::StaleVersion);
        QCOMPARE(second.currentVersion, 2);
        QCOMPARE(m_store->get(u"C-1003"_s)->fields.value(u"notes"_s), u"first"_s);
    }

    void twoConnectionsOnOneFile()
    {
        // Another Database on the same file sees committed saves and loses the version race.
        Database other(m_database->path());
        QVERIFY(other.open());
        SqlRecordStore otherStore(other);
        QCOMPARE(m_store->save(u"C-1001"_s, 1, 1, {{u"notes"_s, u"here"_s}}, u"A"_s, 1).status, SaveOutcome::Status::Saved);
        QCOMPARE(otherStore.get(u"C-1001"_s)->version, 2);
        QCOMPARE(otherStore.save(u"C-1001"_s, 1, 1, {}, u"B"_s, 2).status, SaveOutcome::Status::StaleVersion);
    }

    void survivesReopen()
    {
        QCOMPARE(m_store->save(u"C-1001"_s, 1, 1, {{u"notes"_s, u"kept"_s}}, u"A"_s, 1).status,
                 SaveOutcome::Status::Saved);
        const QString path = m_database->path();
        m_store.reset();
        m_database.reset();
        Database reopened(path);
        QVERIFY(reopened.open());
        SqlRecordStore store(reopened);
        QCOMPARE(store.count(), 5);
        QCOMPARE(store.get(u"C-1001"_s)->fields.value(u"notes"_s), u"kept"_s);
        QCOMPARE(store.save(u"C-1001"_s, 2, 0, {}, u"A"_s, 2).status, SaveOutcome::Status::StaleToken);
    }

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SqlRecordStore> m_store;
};

QTEST_GUILESS_MAIN(TestSqlRecordStore)
#include "tst_sqlrecordstore.moc"
