#include <memory>

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "server/database.h"
#include "server/sqllockstore.h"
#include "server/sqltransaction.h"

#include "seqrows.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::storagetest;

/// SqlTransaction on a real SQLite file, alone and nested (a savepoint in an outer transaction).
class TestSqlTransaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void commitIsVisibleToOtherConnections();
    void destructorRollsBack();
    void innerTransactionIsASavepoint();
    void innerCommitIsDurableOnlyWithTheOuter();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_writer;
    std::unique_ptr<Database> m_reader;
    std::unique_ptr<SqlLockStore> m_store;
};

void TestSqlTransaction::init()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(u"transaction.db"_s);
    QFile::remove(path);
    m_writer = std::make_unique<Database>(path);
    QVERIFY2(m_writer->open(), qPrintable(m_writer->lastError()));
    m_reader = std::make_unique<Database>(path);
    QVERIFY2(m_reader->open(), qPrintable(m_reader->lastError()));
    m_store = std::make_unique<SqlLockStore>(*m_writer);
}

void TestSqlTransaction::cleanup()
{
    m_store.reset();
    m_reader.reset();
    m_writer.reset();
}

void TestSqlTransaction::commitIsVisibleToOtherConnections()
{
    SqlTransaction transaction(m_writer->db());
    QVERIFY(transaction.isActive());
    QVERIFY(!transaction.isNested());
    QVERIFY(m_store->write(seqRow(u"CL-1"_s, 5)));
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), -1);
    QVERIFY(transaction.commit());
    QVERIFY(!transaction.isActive());
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), 5);
}

void TestSqlTransaction::destructorRollsBack()
{
    {
        SqlTransaction transaction(m_writer->db());
        QVERIFY(m_store->write(seqRow(u"CL-1"_s, 5)));
    }
    QCOMPARE(storedSeq(*m_writer, u"CL-1"_s), -1);
    // The connection is out of its transaction: a new one is a real BEGIN again.
    SqlTransaction next(m_writer->db());
    QVERIFY(next.isActive());
    QVERIFY(!next.isNested());
}

void TestSqlTransaction::innerTransactionIsASavepoint()
{
    SqlTransaction outer(m_writer->db());
    QVERIFY(m_store->write(seqRow(u"CL-1"_s, 1)));
    {
        SqlTransaction inner(m_writer->db());
        QVERIFY(inner.isActive());
        QVERIFY(inner.isNested());
        QVERIFY(m_store->write(seqRow(u"CL-2"_s, 2)));
        inner.rollback();
        QVERIFY(!inner.isActive());
    }
    // Only the inner writes are undone; the outer transaction goes on.
    QCOMPARE(storedSeq(*m_writer, u"CL-1"_s), 1);
    QCOMPARE(storedSeq(*m_writer, u"CL-2"_s), -1);
    QVERIFY(outer.commit());
    QCOMPARE(storedSeq(*m_reader, u"CL-1"_s), 1);
    QCOMPARE(storedSeq(*m_reader, u"CL-2"_s), -1);
}

void TestSqlTransaction::innerCommitIsDurableOnlyWithTheOuter()
{
    {
        SqlTransaction outer(m_writer->db());
        SqlTransaction inner(m_writer->db());
        QVERIFY(inner.isNested());
        QVERIFY(m_store->write(seqRow(u"CL-3"_s, 3)));
        QVERIFY(inner.commit());
        QCOMPARE(storedSeq(*m_reader, u"CL-3"_s), -1);
        outer.rollback();
    }
    QCOMPARE(storedSeq(*m_reader, u"CL-3"_s), -1);
    QCOMPARE(storedSeq(*m_writer, u"CL-3"_s), -1);
}

QTEST_GUILESS_MAIN(TestSqlTransaction)
#include "tst_sqltransaction.moc"
