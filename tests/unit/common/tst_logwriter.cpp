#include <thread>

#include <QTest>

#include <fcntl.h>
#include <unistd.h>

#include "common/logwriter.h"

using namespace recordlock;

/// LogWriter against a real pipe: what reaches the reading end, and when.
class TestLogWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void writesAtOnceWithoutBatching();
    void batchingThreadWaitsForFlush();
    void urgentLineWritesQueuedLinesFirst();
    void otherThreadWritesQueuedLinesFirst();
    void fullQueueIsWritten();
    void stopBatchingAndDestructionFlush();

private:
    /// Everything readable from the pipe right now.
    QByteArray drain();

    int m_fds[2] = {-1, -1};
};

void TestLogWriter::init()
{
    QCOMPARE(::pipe2(m_fds, O_NONBLOCK), 0);
    // Room for more than one full queue, so no write is cut short.
    QVERIFY(::fcntl(m_fds[1], F_SETPIPE_SZ, 4 * LogWriter::MaxQueuedBytes) >= 4 * LogWriter::MaxQueuedBytes);
}

void TestLogWriter::cleanup()
{
    ::close(m_fds[0]);
    ::close(m_fds[1]);
}

QByteArray TestLogWriter::drain()
{
    QByteArray out;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(m_fds[0], buffer, sizeof buffer);
        if (n <= 0)
            return out;
        out.append(buffer, n);
    }
}

void TestLogWriter::writesAtOnceWithoutBatching()
{
    LogWriter writer(m_fds[1]);
    writer.write("one\n", false);
    QCOMPARE(drain(), QByteArray("one\n"));
    QCOMPARE(writer.queuedBytes(), 0);
}

void TestLogWriter::batchingThreadWaitsForFlush()
{
    LogWriter writer(m_fds[1]);
    writer.startBatching();
    writer.write("one\n", false);
    writer.write("two\n", false);
    QCOMPARE(drain(), QByteArray());
    QCOMPARE(writer.queuedBytes(), 8);
    writer.flush();
    QCOMPARE(drain(), QByteArray("one\ntwo\n"));
    QCOMPARE(writer.queuedBytes(), 0);
}

void TestLogWriter::urgentLineWritesQueuedLinesFirst()
{
    LogWriter writer(m_fds[1]);
    writer.startBatching();
    writer.write("info\n", false);
    writer.write("warning\n", true);
    QCOMPARE(drain(), QByteArray("info\nwarning\n"));
}

void TestLogWriter::otherThreadWritesQueuedLinesFirst()
{
    LogWriter writer(m_fds[1]);
    writer.startBatching();
    writer.write("serving thread\n", false);
    std::thread other([&writer] { writer.write("other thread\n", false); });
    other.join();
    QCOMPARE(drain(), QByteArray("serving thread\nother thread\n"));
}

void TestLogWriter::fullQueueIsWritten()
{
    LogWriter writer(m_fds[1]);
    writer.startBatching();
    const QByteArray line = QByteArray(99, 'x') + '\n';
    qsizetype written = 0;
    while (written + line.size() < LogWriter::MaxQueuedBytes) {
        writer.write(line, false);
        written += line.size();
    }
    QCOMPARE(drain(), QByteArray());
    writer.write(line, false);
    QCOMPARE(drain().size(), written + line.size());
}

void TestLogWriter::stopBatchingAndDestructionFlush()
{
    {
        LogWriter writer(m_fds[1]);
        writer.startBatching();
        writer.write("a\n", false);
        writer.stopBatching();
        QCOMPARE(drain(), QByteArray("a\n"));
        writer.write("b\n", false);
        QCOMPARE(drain(), QByteArray("b\n"));
        writer.startBatching();
        writer.write("c\n", false);
        QCOMPARE(drain(), QByteArray());
    }
    QCOMPARE(drain(), QByteArray("c\n"));
}

QTEST_GUILESS_MAIN(TestLogWriter)
#include "tst_logwriter.moc"
