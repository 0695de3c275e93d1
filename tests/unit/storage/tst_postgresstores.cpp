// The SQL stores on a real PostgreSQL database (one fresh database per test function on the
// RECORDLOCK_TEST_PG_URL server of scripts/with-test-services.sh): the dialect differences, and
// the cross-instance guarantees SQLite got from its file lock: one migration, one winning save.

#include <memory>
#include <optional>

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include "common/systemclock.h"
#include "server/database.h"
#include "server/demodata.h"
#include "server/passwordhasher.h"
#include "server/sqlauditlog.h"
#include "server/sqllockstore.h"
#include "server/sqlrecordstore.h"
#include "server/sqltransaction.h"
#include "server/userstore.h"
#include "testbackend.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

RecordData postgresRecord(const QString &id, const QString &type, const QString &title)
{
    RecordData record;
    record.id = id;
    record.type = type;
    record.version = 1;
    record.updatedAt = 1000;
    record.updatedBy = u"Seeder"_s;
    record.fields = {{u"title"_s, title}};
    return record;
}

/// Opens a connection to url on the calling thread; nullptr if it fails.
std::unique_ptr<Database> openPostgres(const QString &url)
{
    QString error;
    std::unique_ptr<Database> database = Database::fromLocation(url, QString(), &error);
    if (!database || !database->open())
        return nullptr;
    return database;
}

} // namespace

class TestPostgresStores : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        const QString name = u"recordlock_unit_%1"_s.arg(QRandomGenerator::global()->generate64(), 16, 16, QChar(u'0'));
        m_url = TestBackend::freshDatabaseUrl(name);
        QVERIFY2(!m_url.isEmpty(), "no PostgreSQL test server: run the test through scripts/with-test-services.sh");
    }

    void migratesOnceAndReopens()
    {
        {
            const std::unique_ptr<Database> database = openPostgres(m_url);
            QVERIFY(database);
            QVERIFY(database->isPostgres());
            QVERIFY(!database->path().contains(u"secret"_s));
        }
        const std::unique_ptr<Database> reopened = openPostgres(m_url);
        QVERIFY(reopened);
        QSqlQuery query(reopened->db());
        QVERIFY(query.exec(u"SELECT MAX(version), COUNT(*) FROM schema_version"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), Database::SchemaVersion);
        QCOMPARE(query.value(1).toInt(), Database::SchemaVersion); // one row per step, none twice
    }

    void instancesStartingTogetherMigrateOnce()
    {
        // Without the advisory lock both would run CREATE TABLE users and one would fail.
        bool otherOpened = false;
        QThread *other = QThread::create([&] { otherOpened = openPostgres(m_url) != nullptr; });
        other->start();
        const std::unique_ptr<Database> database = openPostgres(m_url);
        QVERIFY(other->wait(30'000));
        delete other;
        QVERIFY(database);
        QVERIFY(otherOpened);
        QSqlQuery query(database->db());
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM schema_version"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), Database::SchemaVersion);
    }

    void recordsListSearchAndPaging()
    {
        const std::unique_ptr<Database> database = openPostgres(m_url);
        QVERIFY(database);
        SqlRecordStore store(*database);
        QVERIFY(store.create(postgresRecord(u"CL-2026-0001"_s, u"claim"_s, u"Storm damage, ÜBERSEE 4"_s)));
        QVERIFY(store.create(postgresRecord(u"C-1002"_s, u"customer"_s, u"100% Discount_Shop"_s)));
        QVERIFY(store.create(postgresRecord(u"C-1001"_s, u"customer"_s, u"Hannah Schulz"_s)));
        QVERIFY(!store.create(postgresRecord(u"C-1001"_s, u"customer"_s, u"twice"_s)));
        QCOMPARE(store.count(), 3);
        QVERIFY(store.exists(u"C-1001"_s));
        QVERIFY(!store.exists(u"C-9999"_s));

        // Byte order, as on SQLite: "C-" sorts before "CL".
        RecordFilter all;
        all.limit = 10;
        RecordPage page = store.list(all);
        QCOMPARE(page.total, 3);
        QCOMPARE(page.records.size(), 3);
        QCOMPARE(page.records.at(0).id, u"C-1001"_s);
        QCOMPARE(page.records.at(2).id, u"CL-2026-0001"_s);

        RecordFilter second = all;
        second.limit = 1;
        second.offset = 1;
        page = store.list(second);
        QCOMPARE(page.total, 3);
        QCOMPARE(page.records.size(), 1);
        QCOMPARE(page.records.at(0).id, u"C-1002"_s);

        RecordFilter search;
        search.limit = 10;
        search.query = u"übersee"_s; // the folded title, beyond ASCII
        QCOMPARE(store.list(search).total, 1);
        search.query = u"cl-2026"_s; // ids match whatever the case (PostgreSQL's LIKE does not fold)
        QCOMPARE(store.list(search).total, 1);
        search.query = u"0%"_s; // % is a character, not a wildcard
        page = store.list(search);
        QCOMPARE(page.total, 1);
        QCOMPARE(page.records.at(0).id, u"C-1002"_s);
        search.query = u"t_s"_s; // _ is a character too: "nt_S" only
        QCOMPARE(store.list(search).total, 1);
        search.query = u"n_s"_s;
        QCOMPARE(store.list(search).total, 0);
        search.query = u"schulz"_s;
        search.type = u"claim"_s;
        QCOMPARE(store.list(search).total, 0);
        search.type = u"customer"_s;
        QCOMPARE(store.list(search).total, 1);
    }

    void savesAndFencing()
    {
        const std::unique_ptr<Database> database = openPostgres(m_url);
        QVERIFY(database);
        SqlRecordStore store(*database);
        QVERIFY(store.create(postgresRecord(u"C-1"_s, u"customer"_s, u"One"_s)));
        SaveOutcome saved = store.save(u"C-1"_s, 1, 5, {{u"notes"_s, u"n"_s}}, u"Alice"_s, 2000);
        QCOMPARE(saved.status, SaveOutcome::Status::Saved);
        QCOMPARE(saved.record.version, 2);
        QCOMPARE(store.save(u"C-1"_s, 1, 5, {}, u"Alice"_s, 2001).status, SaveOutcome::Status::StaleVersion);
        const SaveOutcome fenced = store.save(u"C-1"_s, 2, 4, {}, u"Bob"_s, 2002);
        QCOMPARE(fenced.status, SaveOutcome::Status::StaleToken);
        QCOMPARE(fenced.currentVersion, 2);
        QCOMPARE(store.save(u"C-404"_s, 1, 5, {}, u"Alice"_s, 2003).status, SaveOutcome::Status::NotFound);
        const std::optional<RecordData> stored = store.get(u"C-1"_s);
        QVERIFY(stored);
        QCOMPARE(stored->fields.value(u"notes"_s), u"n"_s);
        QCOMPARE(stored->fields.value(u"title"_s), u"One"_s);
        QCOMPARE(stored->updatedAt, 2000);
        QCOMPARE(stored->updatedBy, u"Alice"_s);
    }

    void commitAfterAFailedStatementFails()
    {
        // PostgreSQL turns such a COMMIT into a ROLLBACK without an error; the transaction must
        // say it failed, or a group commit would release replies for writes that are gone.
        const std::unique_ptr<Database> database = openPostgres(m_url);
        QVERIFY(database);
        SqlRecordStore store(*database);
        SqlTransaction transaction(database->db());
        QVERIFY(transaction.isActive());
        QVERIFY(store.create(postgresRecord(u"C-1"_s, u"customer"_s, u"Kept?"_s)));
        QVERIFY(!store.create(postgresRecord(u"C-1"_s, u"customer"_s, u"twice"_s)));
        QVERIFY(!transaction.commit());
        QVERIFY(!transaction.lastError().isEmpty());
        QCOMPARE(store.count(), 0);
    }

    void twoInstancesSavingOneVersionOnlyOneWins()
    {
        // Two connections (two recordlockd instances), one transaction each, both saving version 1
        // under READ COMMITTED. The first holds its transaction open (as a group commit does until
        // the next loop pass) while the second tries: it must wait for the row, then lose.
        const std::unique_ptr<Database> first = openPostgres(m_url);
        QVERIFY(first);
        SqlRecordStore firstStore(*first);
        QVERIFY(firstStore.create(postgresRecord(u"C-7"_s, u"customer"_s, u"Seven"_s)));

        auto transaction = std::make_unique<SqlTransaction>(first->db());
        QVERIFY(transaction->isActive());
        QCOMPARE(firstStore.save(u"C-7"_s, 1, 1, {{u"notes"_s, u"first"_s}}, u"A"_s, 10).status,
                 SaveOutcome::Status::Saved);

        std::optional<SaveOutcome> secondOutcome;
        QThread *second = QThread::create([&] {
            const std::unique_ptr<Database> database = openPostgres(m_url);
            if (!database)
                return;
            SqlRecordStore store(*database);
            secondOutcome = store.save(u"C-7"_s, 1, 1, {{u"notes"_s, u"second"_s}}, u"B"_s, 11);
        });
        second->start();

        // Proof that the second is inside its save and waiting for the first one's row lock.
        const std::unique_ptr<Database> monitor = openPostgres(m_url);
        QVERIFY(monitor);
        const auto secondIsWaiting = [&] {
            QSqlQuery query(monitor->db());
            return query.exec(u"SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                              " AND wait_event_type = 'Lock'"_s)
                   && query.next() && query.value(0).toInt() == 1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(secondIsWaiting(), 4'000);
        QVERIFY(transaction->commit());
        transaction.reset();

        QVERIFY(second->wait(10'000));
        delete second;
        QVERIFY(secondOutcome.has_value());
        QCOMPARE(secondOutcome->status, SaveOutcome::Status::StaleVersion);
        QCOMPARE(secondOutcome->currentVersion, 2);
        const std::optional<RecordData> stored = firstStore.get(u"C-7"_s);
        QVERIFY(stored);
        QCOMPARE(stored->version, 2);
        QCOMPARE(stored->fields.value(u"notes"_s), u"first"_s);
    }

    void usersAuditAndLocks()
    {
        const std::unique_ptr<Database> database = openPostgres(m_url);
        QVERIFY(database);
        const PasswordHasher hasher = PasswordHasher::withCost(PasswordHasher::MinPasses, PasswordHasher::MinMemoryKiB);
        UserStore users(*database, hasher);
        const std::optional<User> alice = users.add(u"alice"_s, u"Alice"_s, u"editor"_s, u"secret-1"_s, 5);
        QVERIFY(alice);
        QVERIFY(alice->id > 0);
        QVERIFY(!users.add(u"alice"_s, u"Again"_s, u"editor"_s, u"secret-2"_s, 6));
        {
            // A refused add inside an outer transaction (a group commit) leaves it usable.
            SqlTransaction outer(database->db());
            QVERIFY(outer.isActive());
            QSqlQuery clash(database->db());
            QVERIFY(clash.exec(u"SAVEPOINT probe"_s));
            QVERIFY(!clash.exec(u"INSERT INTO users (name, display_name, role, handle, password_hash)"
                                " VALUES ('alice', '', 'editor', 'h', 'x')"_s));
            QVERIFY(clash.exec(u"ROLLBACK TO probe"_s));
            const std::optional<User> bob = users.add(u"bob"_s, u"Bob"_s, u"admin"_s, u"secret-3"_s, 7);
            QVERIFY(bob);
            QVERIFY(bob->id > alice->id);
            QVERIFY(outer.commit());
        }
        QCOMPARE(users.count(), 2);
        QCOMPARE(users.findByName(u"bob"_s)->role, u"admin"_s);
        QCOMPARE(users.roleOf(alice->id, alice->handle), std::optional<QString>(u"editor"_s));
        QVERIFY(users.setRole(alice->id, u"admin"_s));
        QVERIFY(users.setPassword(alice->id, u"secret-4"_s, 9));
        QCOMPARE(users.findById(alice->id)->passwordChangedAt, 9);
        QVERIFY(users.remove(alice->id));
        // Ids are never handed out twice.
        const std::optional<User> carol = users.add(u"carol"_s, u"Carol"_s, u"editor"_s, u"secret-5"_s, 10);
        QVERIFY(carol);
        QVERIFY(carol->id > alice->id + 1);

        SqlAuditLog audit(*database);
        for (int i = 0; i < 5; ++i) {
            AuditEntry entry;
            entry.recordId = u"C-1"_s;
            entry.at = 100 + i;
            entry.action = u"saved"_s;
            entry.token = i;
            QVERIFY(audit.append(entry));
        }
        const std::optional<AuditPage> page = audit.history(u"C-1"_s, 3, std::nullopt);
        QVERIFY(page);
        QCOMPARE(page->entries.size(), 3);
        QVERIFY(page->more);
        QCOMPARE(page->entries.first().token, 4);
        const std::optional<AuditPage> rest = audit.history(u"C-1"_s, 3, page->entries.last().id);
        QVERIFY(rest);
        QCOMPARE(rest->entries.size(), 2);
        QVERIFY(!rest->more);
        QCOMPARE(rest->entries.last().actorName, u""_s);

        SqlLockStore locks(*database);
        LockRow row;
        row.recordId = u"C-1"_s;
        row.fence = 3;
        row.seq = 7;
        row.held = true;
        row.sessionId = u"s1"_s;
        row.userId = carol->id;
        row.holderName = u"Carol"_s;
        row.since = 1'700'000'000'000;
        row.expiresAt = 1'700'000'120'000;
        row.connected = false;
        row.token = 3;
        QVERIFY(locks.write(row));
        row.seq = 8;
        QVERIFY(locks.write(row)); // an upsert
        const QList<LockRow> loaded = locks.loadAll();
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().seq, 8);
        QCOMPARE(loaded.first().held, true);
        QCOMPARE(loaded.first().connected, false);
        QCOMPARE(loaded.first().expiresAt, 1'700'000'120'000);
        QCOMPARE(loaded.first().holderHandle, u""_s);
    }

    void demoDataSeedsOnce()
    {
        const std::unique_ptr<Database> database = openPostgres(m_url);
        QVERIFY(database);
        const PasswordHasher hasher = PasswordHasher::withCost(PasswordHasher::MinPasses, PasswordHasher::MinMemoryKiB);
        UserStore users(*database, hasher);
        SqlRecordStore records(*database);
        const SystemClock clock;
        {
            SqlTransaction seed(database->db());
            QVERIFY(seed.isActive());
            QVERIFY(database->lockForSetup());
            QVERIFY(DemoData::seed(users, records, clock, 0));
            QVERIFY(seed.commit());
        }
        const qint64 seeded = records.count();
        QVERIFY(seeded > 0);
        QCOMPARE(users.count(), 3);
        QVERIFY(DemoData::seed(users, records, clock, 0)); // not empty: nothing added
        QCOMPARE(records.count(), seeded);
    }

private:
    QString m_url;
};

QTEST_GUILESS_MAIN(TestPostgresStores)
#include "tst_postgresstores.moc"
