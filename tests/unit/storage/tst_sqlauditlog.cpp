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
        QVERIFY(log.append(entry(u"CL-1"_s, 200, u"saved"_s, 42)));
        QVERIFY(log.append(entry(u"CL-1"_s, 300, u"acquired"_s, 43))); // same ms: insertion order decides
        QVERIFY(log.append(entry(u"CL-2"_s, 250, u"acquired"_s, 1)));
        AuditEntry serverSide = entry(u"CL-2"_s, 260, u"expired"_s);
        serverSide.actorName = QString(); // the server itself
        QVERIFY(log.append(serverSide));

        const QList<AuditEntry> history = log.history(u"CL-1"_s, 10);
        QStringList actions;
        for (const AuditEntry &e : history)
            actions << e.action;
        QCOMPARE(actions, (QStringList{u"acquired"_s, u"released"_s, u"saved"_s, u"overridden"_s}));
        const AuditEntry &oldest = history.last();
        QCOMPARE(oldest.recordId, u"CL-1"_s);
        QCOMPARE(oldest.at, 100);
        QCOMPARE(oldest.actorName, u"Alice Archer"_s);
        QCOMPARE(oldest.subjectName, u"Bob Baker"_s);
        QCOMPARE(oldest.reason, u"left for the day"_s);
        QCOMPARE(oldest.token, 42);

        QCOMPARE(log.history(u"CL-1"_s, 2).size(), 2);
        QCOMPARE(log.history(u"CL-1"_s, 2).first().action, u"acquired"_s);
        QCOMPARE(log.history(u"CL-1"_s, 0).size(), 0);
        QCOMPARE(log.history(u"CL-2"_s, 10).size(), 2);
        QCOMPARE(log.history(u"CL-2"_s, 10).first().actorName, QString());
        QVERIFY(log.history(u"CL-3"_s, 10).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSqlAuditLog)
#include "tst_sqlauditlog.moc"
