#include <QTest>

#include "server/locktable.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

LockRow held(const QString &recordId, const QString &sessionId, qint64 expiresAt)
{
    LockRow row;
    row.recordId = recordId;
    row.held = true;
    row.sessionId = sessionId;
    row.expiresAt = expiresAt;
    row.connected = true;
    return row;
}

} // namespace

/// LockTable's indices (deadline and holding session) through renewals, presence changes,
/// hand-overs and releases.
class TestLockTable : public QObject
{
    Q_OBJECT

private slots:
    void renewalMovesOnlyTheDeadline()
    {
        LockTable table;
        table.put(held(u"A"_s, u"s1"_s, 1000));
        table.put(held(u"B"_s, u"s1"_s, 2000));
        table.put(held(u"A"_s, u"s1"_s, 3000)); // A renewed past B
        QCOMPARE(table.heldCount(), 2);
        QCOMPARE(table.nextDeadline(), 2000);
        QCOMPARE(table.dueBy(2500), QList<QString>{u"B"_s});
        QCOMPARE(table.dueBy(3000), (QList<QString>{u"B"_s, u"A"_s}));
        QCOMPARE(table.recordsOf(u"s1"_s), (QSet<QString>{u"A"_s, u"B"_s}));
        QCOMPARE(table.row(u"A"_s).expiresAt, 3000);
    }

    void disconnectedHolderIsDueAtItsOrphanDeadline()
    {
        LockTable table;
        table.put(held(u"A"_s, u"s1"_s, 5000));
        LockRow orphan = held(u"A"_s, u"s1"_s, 5000);
        orphan.connected = false;
        orphan.orphanDeadline = 1500;
        table.put(orphan);
        QCOMPARE(table.nextDeadline(), 1500);
        QCOMPARE(table.dueBy(1500), QList<QString>{u"A"_s});
        table.put(held(u"A"_s, u"s1"_s, 5000)); // back again
        QCOMPARE(table.nextDeadline(), 5000);
        QVERIFY(table.dueBy(4999).isEmpty());
        QCOMPARE(table.heldCount(), 1);
    }

    void handOverMovesTheSessionEntry()
    {
        LockTable table;
        table.put(held(u"A"_s, u"s1"_s, 1000));
        table.put(held(u"A"_s, u"s2"_s, 4000)); // taken over
        QVERIFY(table.recordsOf(u"s1"_s).isEmpty());
        QCOMPARE(table.recordsOf(u"s2"_s), QSet<QString>{u"A"_s});
        QCOMPARE(table.heldCount(), 1);
        QCOMPARE(table.nextDeadline(), 4000);
    }

    void releaseEmptiesTheIndices()
    {
        LockTable table;
        table.put(held(u"A"_s, u"s1"_s, 1000));
        LockRow free;
        free.recordId = u"A"_s;
        free.seq = 7;
        table.put(free);
        QCOMPARE(table.heldCount(), 0);
        QCOMPARE(table.nextDeadline(), std::nullopt);
        QVERIFY(table.recordsOf(u"s1"_s).isEmpty());
        QCOMPARE(table.row(u"A"_s).seq, 7);
        QVERIFY(table.heldRows().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLockTable)
#include "tst_locktable.moc"
