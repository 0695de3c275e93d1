#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "server/database.h"
#include "server/sqlauditlog.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

AuditEntry entry(const QString &recordId, qint64 at, const QString &action, qint64 token = 0)
{
    AuditEntry e;
    e.recordId = recordId;
    e.at = at;
    e.action = action;
    e.actorName = u"Alice Archer"_s;
    e.token = token;
    return e;
}

} // namespace

/// SqlAuditLog against a real SQLite file.
class TestSqlAuditLog : public QObject
{
    Q_OBJECT

private slots:
    void appendAndHistory()
    {
        QTemporaryDir dir;
        Database database(dir.filePath(u"a.db"_s));
        QVERIFY(database.open());
        SqlAuditLog log(database);

        AuditEntry full = entry(u"CL-1"_s, 100, u"overridden"_s, 42);
        full.subjectName = u"Bob Baker"_s;
        full.reason = u"left for the day"_s;
        QVERIFY(log.append(full));
        QVERIFY(log.append(entry(u"CL-1"_s, 300, u"released"_s, 42)));
        QVERIFY(log.append(entry(u"CL-1"_s, 200, u"saved"_s, 42))); // a clock step back: append order decides
        QVERIFY(log.append(entry(u"CL-1"_s, 300, u"acquired"_s, 43)));
        QVERIFY(log.append(entry(u"CL-2"_s, 250, u"acquired"_s, 1)));
        AuditEntry serverSide = entry(u"CL-2"_s, 260, u"expired"_s);
        serverSide.actorName = QString(); // the server itself
        QVERIFY(log.append(serverSide));

        const std::optional<AuditPage> page = log.history(u"CL-1"_s, 10, std::nullopt);
        QVERIFY(page);
        QVERIFY(!page->more);
        QStringList actions;
        for (const AuditEntry &e : page->entries)
            actions << e.action;
        QCOMPARE(actions, (QStringList{u"acquired"_s, u"saved"_s, u"released"_s, u"overridden"_s}));
        for (qsizetype i = 1; i < page->entries.size(); ++i)
            QVERIFY(page->entries.at(i).id < page->entries.at(i - 1).id);
        const AuditEntry &oldest = page->entries.last();
        QVERIFY(oldest.id > 0);
        QCOMPARE(oldest.recordId, u"CL-1"_s);
        QCOMPARE(oldest.at, 100);
        QCOMPARE(oldest.actorName, u"Alice Archer"_s);
        QCOMPARE(oldest.subjectName, u"Bob Baker"_s);
        QCOMPARE(oldest.reason, u"left for the day"_s);
        QCOMPARE(oldest.token, 42);

        QCOMPARE(log.history(u"CL-1"_s, 0, std::nullopt)->entries.size(), 0);
        const std::optional<AuditPage> other = log.history(u"CL-2"_s, 10, std::nullopt);
        QVERIFY(other);
        QCOMPARE(other->entries.size(), 2);
        QCOMPARE(other->entries.first().actorName, QString());
        QVERIFY(log.history(u"CL-3"_s, 10, std::nullopt)->entries.isEmpty());
        QVERIFY(!log.history(u"CL-3"_s, 10, std::nullopt)->more);
    }

    void pagesByIdWithMore()
    {
        QTemporaryDir dir;
        Database database(dir.filePath(u"a.db"_s));
        QVERIFY(database.open());
        SqlAuditLog log(database);
        // Seven entries of CL-1 interleaved with another record's, which must never show up.
        for (int i = 1; i <= 7; ++i) {
            QVERIFY(log.append(entry(u"CL-1"_s, 1000 + i, u"acquired"_s, i)));
            QVERIFY(log.append(entry(u"CL-9"_s, 1000 + i, u"acquired"_s, 100 + i)));
        }

        QList<qint64> tokens;
        QList<qint64> ids;
        std::optional<qint64> before;
        int pages = 0;
        bool more = true;
        while (more && pages < 10) { // bounded: 7 entries in pages of 3 take 3 pages
            const std::optional<AuditPage> page = log.history(u"CL-1"_s, 3, before);
            QVERIFY(page);
            QVERIFY(page->entries.size() <= 3);
            for (const AuditEntry &e : page->entries) {
                QCOMPARE(e.recordId, u"CL-1"_s);
                if (before)
                    QVERIFY(e.id < *before);
                tokens << e.token;
                ids << e.id;
            }
            more = page->more;
            if (!page->entries.isEmpty())
                before = page->entries.last().id;
            ++pages;
        }
        QCOMPARE(pages, 3);
        QCOMPARE(tokens, (QList<qint64>{7, 6, 5, 4, 3, 2, 1}));
        for (qsizetype i = 1; i < ids.size(); ++i)
            QVERIFY(ids.at(i) < ids.at(i - 1));

        // A page that ends exactly at the oldest entry says there is no more.
        const std::optional<AuditPage> exact = log.history(u"CL-1"_s, 7, std::nullopt);
        QVERIFY(exact);
        QCOMPARE(exact->entries.size(), 7);
        QVERIFY(!exact->more);
        const std::optional<AuditPage> shortOne = log.history(u"CL-1"_s, 6, std::nullopt);
        QVERIFY(shortOne);
        QVERIFY(shortOne->more);

        // before the oldest id: nothing, and nothing more.
        const std::optional<AuditPage> none = log.history(u"CL-1"_s, 3, ids.last());
        QVERIFY(none);
        QVERIFY(none->entries.isEmpty());
        QVERIFY(!none->more);
    }

    void unreadableLogIsReported()
    {
        QTemporaryDir dir;
        Database database(dir.filePath(u"a.db"_s));
        QVERIFY(database.open());
        SqlAuditLog log(database);
        QVERIFY(log.append(entry(u"CL-1"_s, 1, u"acquired"_s, 1)));
        QSqlQuery drop(database.db());
        QVERIFY(drop.exec(u"DROP TABLE audit"_s));
        // A failed read is not an empty history: get_history must answer unavailable.
        QVERIFY(!log.history(u"CL-1"_s, 10, std::nullopt).has_value());
    }
};

QTEST_GUILESS_MAIN(TestSqlAuditLog)
#include "tst_sqlauditlog.moc"
