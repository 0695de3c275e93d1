#include "redisprocess.h"

#include <csignal>

#include <sys/prctl.h>

#include <QDeadlineTimer>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include "loopbackport.h"

using namespace Qt::StringLiterals;

namespace recordlock::test {

namespace {

constexpr int RedisProcessStartTimeoutMs = 10'000;
constexpr int RedisProcessStopTimeoutMs = 5'000;
constexpr int RedisProcessPortAttempts = 5;
constexpr int RedisProcessPingTimeoutMs = 1'000;

/// One PING over RESP; true when the answer is +PONG (not -LOADING while the AOF is replayed).
bool redisProcessPing(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    const bool connected = QTest::qWaitFor([&] {
        return socket.state() == QAbstractSocket::ConnectedState || socket.state() == QAbstractSocket::UnconnectedState;
    }, RedisProcessPingTimeoutMs);
    if (!connected || socket.state() != QAbstractSocket::ConnectedState)
        return false;
    socket.write("*1\r\n$4\r\nPING\r\n");
    QByteArray answer;
    const bool answered = QTest::qWaitFor([&] {
        answer += socket.readAll();
        return answer.contains("\r\n") || socket.state() != QAbstractSocket::ConnectedState;
    }, RedisProcessPingTimeoutMs);
    return answered && answer.startsWith("+PONG\r\n");
}

} // namespace

RedisProcess::RedisProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // A test that crashes must not leave its Redis running.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &RedisProcess::collectOutput);
}

RedisProcess::~RedisProcess()
{
    kill9();
}

bool RedisProcess::start()
{
    for (int attempt = 0; attempt < RedisProcessPortAttempts; ++attempt) {
        const quint16 port = freeLoopbackPort();
        if (port != 0 && launch(port))
            return true;
    }
    m_output += "[RedisProcess] no redis-server came up after "
                + QByteArray::number(RedisProcessPortAttempts) + " attempts\n";
    return false;
}

bool RedisProcess::restart()
{
    stop();
    return m_port != 0 && launch(m_port);
}

void RedisProcess::stop()
{
    if (!isRunning())
        return;
    m_process.terminate();
    if (waitForExit(RedisProcessStopTimeoutMs))
        return;
    m_output += "[RedisProcess] no exit within 5 s of SIGTERM; killing\n";
    kill9();
}

void RedisProcess::kill9()
{
    if (!isRunning())
        return;
    m_process.kill();
    waitForExit(RedisProcessStopTimeoutMs);
}

bool RedisProcess::isRunning() const
{
    return m_process.state() != QProcess::NotRunning;
}

QString RedisProcess::url() const
{
    return u"redis://127.0.0.1:%1"_s.arg(m_port);
}

QString RedisProcess::output() const
{
    return QString::fromUtf8(m_output);
}

bool RedisProcess::launch(quint16 port)
{
    const QString program = QStandardPaths::findExecutable(u"redis-server"_s);
    if (program.isEmpty()) {
        m_output += "[RedisProcess] redis-server is not installed (Debian package redis-server)\n";
        return false;
    }
    if (!m_dataDir.isValid()) {
        m_output += "[RedisProcess] could not create a temporary directory\n";
        return false;
    }
    const QStringList arguments{
        u"--bind"_s, u"127.0.0.1"_s,
        u"--port"_s, QString::number(port),
        u"--dir"_s, m_dataDir.path(),
        u"--daemonize"_s, u"no"_s,
        u"--appendonly"_s, u"yes"_s,
        u"--appendfsync"_s, u"always"_s,
        u"--save"_s, u""_s,
    };
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(RedisProcessStopTimeoutMs)) {
        m_output += "[RedisProcess] could not start " + program.toUtf8() + ": " + m_process.errorString().toUtf8() + '\n';
        return false;
    }
    const QDeadlineTimer deadline(RedisProcessStartTimeoutMs);
    while (isRunning() && !deadline.hasExpired()) {
        if (redisProcessPing(port)) {
            m_port = port;
            return true;
        }
        QTest::qWait(50);
    }
    m_output += "[RedisProcess] redis-server did not answer PING on port " + QByteArray::number(port) + '\n';
    kill9();
    return false;
}

bool RedisProcess::waitForExit(int timeoutMs)
{
    const bool exited = QTest::qWaitFor([this] { return !isRunning(); }, timeoutMs);
    collectOutput();
    return exited;
}

void RedisProcess::collectOutput()
{
    m_output += m_process.readAllStandardOutput();
}

} // namespace recordlock::test
