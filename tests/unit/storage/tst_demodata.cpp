#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "fakeclock.h"
#include "server/database.h"
#include "server/demodata.h"
#include "server/passwordhasher.h"
#include "server/sqlrecordstore.h"
#include "server/userstore.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

const QStringList CustomerFields = {u"title"_s, u"company"_s, u"email"_s, u"phone"_s,
                                    u"address"_s, u"segment"_s, u"notes"_s};
const QStringList ClaimFields = {u"title"_s,  u"claimNumber"_s,  u"policyNumber"_s, u"claimant"_s, u"status"_s,
                                 u"amount"_s, u"incidentDate"_s, u"adjuster"_s,     u"description"_s};

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

/// DemoData seeding a real database with the default (INTERACTIVE) hasher.
class TestDemoData : public QObject
{
    Q_OBJECT

private slots:
    void seedsOnceAndOnlyOnce()
    {
        QTemporaryDir dir;
        Database database(dir.filePath(u"demo.db"_s));
        QVERIFY(database.open());
        const PasswordHasher hasher;
        UserStore users(database, hasher);
        SqlRecordStore records(database);
        test::FakeClock clock;

        QVERIFY(DemoData::seed(users, records, clock));
        QCOMPARE(users.count(), 3);
        QVERIFY(records.count() >= 50);

        const auto alice = users.findByName(u"alice"_s);
        const auto bob = users.findByName(u"bob"_s);
        const auto carol = users.findByName(u"carol"_s);
        QVERIFY(alice && bob && carol);
        QCOMPARE(alice->displayName, u"Alice Archer"_s);
        QCOMPARE(bob->displayName, u"Bob Baker"_s);
        QCOMPARE(carol->displayName, u"Carol White"_s);
        QCOMPARE(alice->role, u"editor"_s);
        QCOMPARE(bob->role, u"editor"_s);
        QCOMPARE(carol->role, u"admin"_s);
        QVERIFY(hasher.verify(alice->passwordHash, u"alice"_s));
        QVERIFY(hasher.verify(carol->passwordHash, u"carol"_s));
        QVERIFY(!hasher.verify(bob->passwordHash, u"alice"_s));

        // A second seed changes nothing, not even versions.
        clock.advance(1000);
        QVERIFY(records.save(u"C-1001"_s, 1, 1, {{u"notes"_s, u"edited"_s}}, u"Bob Baker"_s, clock.nowMs()).status
                == SaveOutcome::Status::Saved);
        const qint64 recordCount = records.count();
        QVERIFY(DemoData::seed(users, records, clock));
        QCOMPARE(users.count(), 3);
        QCOMPARE(records.count(), recordCount);
        QCOMPARE(records.get(u"C-1001"_s)->fields.value(u"notes"_s), u"edited"_s);
        QCOMPARE(users.findByName(u"alice"_s)->passwordHash, alice->passwordHash);
    }

    void recordsAreComplete()
    {
        QTemporaryDir dir;
        Database database(dir.filePath(u"demo.db"_s));
        QVERIFY(database.open());
        const PasswordHasher hasher;
        UserStore users(database, hasher);
        SqlRecordStore records(database);
        test::FakeClock clock;
        QVERIFY(DemoData::seed(users, records, clock));

        RecordFilter customers;
        customers.type = u"customer"_s;
        const RecordPage customerPage = records.list(customers);
        RecordFilter claims;
        claims.type = u"claim"_s;
        const RecordPage claimPage = records.list(claims);
        QCOMPARE(customerPage.total, 25);
        QCOMPARE(claimPage.total, 25);
        QCOMPARE(customerPage.records.first().id, u"C-1001"_s);
        QCOMPARE(customerPage.records.last().id, u"C-1025"_s);
        QCOMPARE(claimPage.records.first().id, u"CL-2026-0001"_s);
        QCOMPARE(claimPage.records.last().id, u"CL-2026-0025"_s);

        static const QRegularExpression idFormat(u"^[A-Za-z0-9._-]{1,128}$"_s);
        static const QRegularExpression amountFormat(u"^\\d{1,3}(,\\d{3})*\\.\\d{2} EUR$"_s);
        static const QRegularExpression dateFormat(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
        const QSet<QString> statuses = {u"Open"_s, u"In review"_s, u"Approved"_s, u"Rejected"_s, u"Paid"_s};
        QSet<QString> seenStatuses;
        QSet<QString> titles;
        for (const RecordData &summary : customerPage.records + claimPage.records) {
            const auto record = records.get(summary.id);
            QVERIFY(record);
            QVERIFY(idFormat.match(record->id).hasMatch());
            QCOMPARE(record->version, 1);
            QCOMPARE(record->updatedAt, clock.nowMs());
            QVERIFY(!record->updatedBy.isEmpty());
            const bool isClaim = record->type == u"claim"_s;
            QCOMPARE(sorted(record->fields.keys()), sorted(isClaim ? ClaimFields : CustomerFields));
            for (const QString &value : record->fields)
                QVERIFY2(!value.isEmpty(), qPrintable(record->id));
            titles.insert(record->title());
            if (isClaim) {
                QCOMPARE(record->fields.value(u"claimNumber"_s), record->id);
                QVERIFY2(amountFormat.match(record->fields.value(u"amount"_s)).hasMatch(), qPrintable(record->id));
                QVERIFY(dateFormat.match(record->fields.value(u"incidentDate"_s)).hasMatch());
                QVERIFY(statuses.contains(record->fields.value(u"status"_s)));
                seenStatuses.insert(record->fields.value(u"status"_s));
            } else {
                QVERIFY(record->fields.value(u"email"_s).contains(u'@'));
            }
        }
        QCOMPARE(seenStatuses, statuses); // varied
        QCOMPARE(titles.size(), 50);      // no two records look alike in a list
        const auto water = records.get(u"CL-2026-0001"_s);
        QCOMPARE(water->title(), u"Water damage, 12 Elm Street"_s);
    }

    void doesNotSeedAnInstallationWithUsers()
    {
        QTemporaryDir dir;
        Database database(dir.filePath(u"demo.db"_s));
        QVERIFY(database.open());
        const PasswordHasher hasher;
        UserStore users(database, hasher);
        SqlRecordStore records(database);
        test::FakeClock clock;
        QVERIFY(users.add(u"admin"_s, u"Admin"_s, u"admin"_s, u"long-password"_s));
        QVERIFY(DemoData::seed(users, records, clock));
        QCOMPARE(users.count(), 1);
        QCOMPARE(records.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
