#include <sqlite3.h>

#include <QDeadlineTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "server/database.h"
#include "server/sqlitestatement.h"
#include "server/sqltransaction.h"
#include "server/walcheckpointer.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

/// Log lengths (frames) the serving connection reported after each of its commits.
struct LogLengths
{
    int last = 0;
    int longest = 0;
    int restarts = 0; // commits after which the log was shorter than before: it started over
};

int recordLogLength(void *context, sqlite3 *, const char *, int frames)
{
    auto *lengths = static_cast<LogLengths *>(context);
    if (frames < lengths->last)
        ++lengths->restarts;
    lengths->last = frames;
    lengths->longest = std::max(lengths->longest, frames);
    return SQLITE_OK;
}

} // namespace

/// WalCheckpointer on a real SQLite file: a background thread copies the log while the serving
/// connection keeps committing, and the serving connection's finishPending() lets the log restart.
class TestWalCheckpointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_database = std::make_unique<Database>(m_dir.filePath(u"cp-%1.db"_s.arg(++m_files)));
        QVERIFY2(m_database->open(), qPrintable(m_database->lastError()));
        QSqlQuery create(m_database->db());
        QVERIFY(create.exec(u"CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)"_s));
    }

    void cleanup() { m_database.reset(); }

    void steadyWriterGetsItsLogRestarted()
    {
        WalCheckpointer::Settings settings;
        settings.intervalMs = 5;
        settings.restartFrames = 200;
        settings.busyRestartFrames = 200;
        settings.finishFrames = 16;
        settings.backstopFrames = 1'000'000;
        WalCheckpointer checkpointer(m_database->db(), m_database->path(), settings);
        QString error;
        QVERIFY2(checkpointer.start(&error), qPrintable(error));
        // Replaces the backstop's hook (this test wants no checkpoint by the writer at all).
        sqlite3 *serving = SqliteStatement::handleOf(m_database->db());
        LogLengths lengths;
        sqlite3_wal_hook(serving, &recordLogLength, &lengths);

        int written = 0;
        int framesWritten = 0;
        const QDeadlineTimer deadline(20'000);
        // A restart can miss when a background pass is running at that moment (its read marks are
        // busy): then the log grows on until the next finish. Bounded in time and commits.
        while ((lengths.restarts < 5 || written < 4'000) && !deadline.hasExpired() && written < 500'000) {
            const int before = lengths.last;
            QVERIFY(insertRow(written));
            ++written;
            framesWritten += lengths.last > before ? lengths.last - before : lengths.last;
            checkpointer.finishPending();
        }
        QVERIFY2(lengths.restarts >= 3, qPrintable(u"%1 restarts, %2 finished, after %3 commits"_s
                                                       .arg(lengths.restarts)
                                                       .arg(checkpointer.finishedCount())
                                                       .arg(written)));
        QVERIFY(checkpointer.finishedCount() >= 3);
        QVERIFY(checkpointer.backgroundPassCount() > 0);
        // Without restarts the log would hold every frame written.
        QVERIFY2(lengths.longest < framesWritten / 2,
                 qPrintable(u"longest log %1 frames of %2 written"_s.arg(lengths.longest).arg(framesWritten)));

        // Nothing is lost: a fresh connection sees every row.
        sqlite3 *reader = nullptr;
        QCOMPARE(sqlite3_open_v2(m_database->path().toUtf8().constData(), &reader, SQLITE_OPEN_READONLY, nullptr),
                 SQLITE_OK);
        sqlite3_stmt *count = nullptr;
        QCOMPARE(sqlite3_prepare_v2(reader, "SELECT count(*) FROM t", -1, &count, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(count), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(count, 0), written);
        sqlite3_finalize(count);
        sqlite3_close_v2(reader);
    }

    void finishWaitsOutsideTransactions()
    {
        WalCheckpointer::Settings settings;
        settings.intervalMs = 5;
        settings.restartFrames = 1;
        settings.busyRestartFrames = 1;
        settings.finishFrames = 1'000;
        WalCheckpointer checkpointer(m_database->db(), m_database->path(), settings);
        QString error;
        QVERIFY2(checkpointer.start(&error), qPrintable(error));
        QSqlQuery insert(m_database->db());
        QVERIFY(insert.exec(u"INSERT INTO t (payload) VALUES ('x')"_s));
        // The background thread copies that commit and then asks the serving side to finish.
        SqlTransaction transaction(m_database->db());
        QVERIFY(insert.exec(u"INSERT INTO t (payload) VALUES ('y')"_s));
        const QDeadlineTimer deadline(2'000);
        while (!deadline.hasExpired()) {
            checkpointer.finishPending();
            QThread::msleep(10);
        }
        QCOMPARE(checkpointer.finishedCount(), 0); // never inside the open transaction
        QVERIFY(transaction.commit());
        QTRY_VERIFY_WITH_TIMEOUT((checkpointer.finishPending(), checkpointer.finishedCount() > 0), 5'000);
    }

    void logBelowTheBusyLengthWaitsForTheInterval()
    {
        // At least restartFrames, below busyRestartFrames, the interval far away: several
        // background passes see the log and none asks the serving thread to finish.
        QVERIFY(fillLog(100));
        WalCheckpointer checkpointer(m_database->db(), m_database->path(), restartSettings(20, 600, 3'600'000));
        QString error;
        QVERIFY2(checkpointer.start(&error), qPrintable(error));
        const QDeadlineTimer deadline(10'000);
        while (checkpointer.backgroundPassCount() < 3 && !deadline.hasExpired()) {
            checkpointer.finishPending();
            QThread::msleep(5);
        }
        QVERIFY(checkpointer.backgroundPassCount() >= 3);
        checkpointer.finishPending();
        QCOMPARE(checkpointer.finishedCount(), 0);
    }

    void busyLengthRestartsAtOnce()
    {
        QVERIFY(fillLog(600));
        WalCheckpointer checkpointer(m_database->db(), m_database->path(), restartSettings(20, 600, 3'600'000));
        QString error;
        QVERIFY2(checkpointer.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT((checkpointer.finishPending(), checkpointer.finishedCount() > 0), 10'000);
    }

    void shortLogRestartsAfterTheInterval()
    {
        // Far below busyRestartFrames: only the interval makes the restart due.
        QVERIFY(fillLog(100));
        WalCheckpointer checkpointer(m_database->db(), m_database->path(), restartSettings(20, 1'000'000, 200));
        QString error;
        QVERIFY2(checkpointer.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT((checkpointer.finishPending(), checkpointer.finishedCount() > 0), 10'000);
    }

    void startFailsOnAConnectionThatIsNotSqlite()
    {
        WalCheckpointer checkpointer(QSqlDatabase(), m_database->path(), {});
        QString error;
        QVERIFY(!checkpointer.start(&error));
        QVERIFY(!error.isEmpty());
    }

private:
    /// Settings that ask for a finish as soon as a restart is due (any number of frames left).
    static WalCheckpointer::Settings restartSettings(int restartFrames, int busyRestartFrames, int restartIntervalMs)
    {
        WalCheckpointer::Settings settings;
        settings.intervalMs = 5;
        settings.restartFrames = restartFrames;
        settings.busyRestartFrames = busyRestartFrames;
        settings.restartIntervalMs = restartIntervalMs;
        settings.finishFrames = 1'000'000;
        settings.backstopFrames = 1'000'000;
        return settings;
    }

    /// Commits one row of about 300 bytes in its own transaction.
    bool insertRow(int n)
    {
        SqlTransaction transaction(m_database->db());
        QSqlQuery insert(m_database->db());
        insert.prepare(u"INSERT INTO t (payload) VALUES (?)"_s);
        insert.addBindValue(QString(300, QChar(u'a' + n % 26)));
        return insert.exec() && transaction.commit();
    }

    /// Commits rows, with no checkpoint at all, until the log holds at least frames frames.
    bool fillLog(int frames)
    {
        sqlite3 *serving = SqliteStatement::handleOf(m_database->db());
        sqlite3_wal_autocheckpoint(serving, 0);
        LogLengths lengths;
        sqlite3_wal_hook(serving, &recordLogLength, &lengths);
        for (int n = 0; lengths.last < frames && n < 100'000; ++n) {
            if (!insertRow(n))
                return false;
        }
        sqlite3_wal_hook(serving, nullptr, nullptr);
        return lengths.last >= frames && lengths.restarts == 0;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    int m_files = 0;
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
