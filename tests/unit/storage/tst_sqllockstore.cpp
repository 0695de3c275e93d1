#include <memory>

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "server/database.h"
#include "server/sqllockstore.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

LockRow heldRow(const QString &recordId)
{
    LockRow row;
    row.recordId = recordId;
    row.fence = 41;
    row.seq = 13;
    row.held = true;
    row.sessionId = u"win-4f2a9c1e"_s;
    row.userId = 7;
    row.holderName = u"Alice Archer"_s;
    row.holderHandle = u"u_6f1c0a9d2b"_s;
    row.since = 1'763'776'790'000;
    row.expiresAt = 1'763'776'910'000;
    row.connected = false;
    row.orphanDeadline = 1'763'776'830'000;
    row.token = 41;
    return row;
}

void compareRows(const LockRow &actual, const LockRow &expected)
{
    QCOMPARE(actual.recordId, expected.recordId);
    QCOMPARE(actual.fence, expected.fence);
    QCOMPARE(actual.seq, expected.seq);
    QCOMPARE(actual.held, expected.held);
    QCOMPARE(actual.sessionId, expected.sessionId);
    QCOMPARE(actual.userId, expected.userId);
    QCOMPARE(actual.holderName, expected.holderName);
    QCOMPARE(actual.holderHandle, expected.holderHandle);
    QCOMPARE(actual.since, expected.since);
    QCOMPARE(actual.expiresAt, expected.expiresAt);
    QCOMPARE(actual.connected, expected.connected);
    QCOMPARE(actual.orphanDeadline, expected.orphanDeadline);
    QCOMPARE(actual.token, expected.token);
}

} // namespace

/// SqlLockStore against a real SQLite file.
class TestSqlLockStore : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"t%1.db"_s.arg(++m_counter));
    }

    void emptyStoreLoadsNothing()
    {
        Database database(m_path);
        QVERIFY2(database.open(), qPrintable(database.lastError()));
        SqlLockStore store(database);
        QVERIFY(store.loadAll().isEmpty());
    }

    void roundTripsEveryField()
    {
        Database database(m_path);
        QVERIFY(database.open());
        SqlLockStore store(database);
        const LockRow held = heldRow(u"CL-2026-0042"_s);
        LockRow free;
        free.recordId = u"C-1001"_s;
        free.fence = 3;
        free.seq = 9;
        QVERIFY(store.write(held));
        QVERIFY(store.write(free));

        const QList<LockRow> rows = store.loadAll();
        QCOMPARE(rows.size(), 2);
        compareRows(rows.at(0), free); // ordered by record id
        compareRows(rows.at(1), held);
    }

    void survivesReopen()
    {
        {
            Database database(m_path);
            QVERIFY(database.open());
            SqlLockStore store(database);
            QVERIFY(store.write(heldRow(u"CL-2026-0001"_s)));
        }
        Database reopened(m_path);
        QVERIFY(reopened.open());
        SqlLockStore store(reopened);
        const QList<LockRow> rows = store.loadAll();
        QCOMPARE(rows.size(), 1);
        compareRows(rows.at(0), heldRow(u"CL-2026-0001"_s));
    }

    void upsertOverwrites()
    {
        Database database(m_path);
        QVERIFY(database.open());
        SqlLockStore store(database);
        LockRow row = heldRow(u"CL-2026-0042"_s);
        QVERIFY(store.write(row));
        row.clearHolder(); // null strings must still be storable
        row.seq = 14;
        QVERIFY(store.write(row));

        const QList<LockRow> rows = store.loadAll();
        QCOMPARE(rows.size(), 1);
        compareRows(rows.at(0), row);
        QCOMPARE(rows.at(0).fence, 41);
        QVERIFY(!rows.at(0).held);
    }

    void twoDatabasesInOneProcess()
    {
        Database first(m_path);
        Database second(m_dir.filePath(u"other.db"_s));
        QVERIFY(first.open());
        QVERIFY(second.open());
        SqlLockStore a(first);
        SqlLockStore b(second);
        QVERIFY(a.write(heldRow(u"X-1"_s)));
        QCOMPARE(a.loadAll().size(), 1);
        QCOMPARE(b.loadAll().size(), 0);
    }

    void pragmasAndSchemaVersion()
    {
        Database database(m_path);
        QVERIFY(database.open());
        QSqlQuery query(database.db());
        QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"wal"_s);
        QVERIFY(query.exec(u"PRAGMA synchronous"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 1); // NORMAL
        QVERIFY(query.exec(u"PRAGMA foreign_keys"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        QVERIFY(query.exec(u"PRAGMA busy_timeout"_s) && query.next());
        QVERIFY(query.value(0).toInt() > 0);
        QVERIFY(query.exec(u"SELECT MAX(version), COUNT(*) FROM schema_version"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), Database::SchemaVersion);
        QCOMPARE(query.value(1).toInt(), Database::SchemaVersion); // one row per migration step
    }

    void reopenDoesNotMigrateAgain()
    {
        {
            Database database(m_path);
            QVERIFY(database.open());
        }
        Database database(m_path);
        QVERIFY2(database.open(), qPrintable(database.lastError()));
        QSqlQuery query(database.db());
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM schema_version"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), Database::SchemaVersion);
    }

    void refusesNewerSchema()
    {
        {
            Database database(m_path);
            QVERIFY(database.open());
            QSqlQuery query(database.db());
            QVERIFY(query.exec(u"INSERT INTO schema_version (version) VALUES (99)"_s));
        }
        Database database(m_path);
        QVERIFY(!database.open());
        QVERIFY(!database.isOpen());
        QVERIFY(database.lastError().contains(u"99"_s));
    }

    void unopenedDatabaseFailsWrites()
    {
        Database database(m_path);
        SqlLockStore store(database);
        QVERIFY(!store.write(heldRow(u"X-1"_s)));
        QVERIFY(store.loadAll().isEmpty());
    }

    void writeReportsAFailedStatement()
    {
        Database database(m_path);
        QVERIFY(database.open());
        SqlLockStore store(database);
        QVERIFY(store.write(heldRow(u"X-1"_s)));
        QSqlQuery query(database.db());
        QVERIFY(query.exec(u"DROP TABLE lock_state"_s));
        QVERIFY(!store.write(heldRow(u"X-2"_s)));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestSqlLockStore)
#include "tst_sqllockstore.moc"
