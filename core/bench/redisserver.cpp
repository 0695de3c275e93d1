#include "bench/redisserver.h"

#include <QFile>
#include <QFileInfo>

#include "bench/benchlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

constexpr int SocketPollIntervalMs = 25;

} // namespace

RedisServer::RedisServer(QString program, Persistence persistence, QObject *parent)
    : QObject(parent)
    , m_program(std::move(program))
    , m_persistence(persistence)
{
    m_process.setParent(this);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_poll.setInterval(SocketPollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        m_waitedMs += SocketPollIntervalMs;
        if (QFileInfo::exists(socketPath())) {
            m_poll.stop();
            qCInfo(lcBench).noquote() << "redis-server listens at" << socketPath();
            Q_EMIT started();
        } else if (m_waitedMs >= StartTimeoutMs) {
            m_poll.stop();
            Q_EMIT failed(u"redis-server created no socket within %1 ms"_s.arg(StartTimeoutMs));
        }
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            m_poll.stop();
            Q_EMIT failed(u"could not run %1: %2"_s.arg(m_program, m_process.errorString()));
        }
    });
    connect(&m_process, &QProcess::finished, this, [this](int exitCode) {
        m_poll.stop();
        if (m_stopping)
            return;
        QFile log(m_dir.filePath(u"redis.log"_s));
        const QByteArray tail = log.open(QIODevice::ReadOnly) ? log.readAll().right(2000) : QByteArray();
        Q_EMIT failed(u"redis-server exited with code %1: %2"_s.arg(exitCode).arg(QString::fromLocal8Bit(tail)));
    });
}

RedisServer::~RedisServer()
{
    stop();
}

QString RedisServer::socketPath() const
{
    return m_dir.filePath(u"redis.sock"_s);
}

QString RedisServer::persistenceText() const
{
    return m_persistence == Persistence::AppendOnlyEverySec ? u"appendonly yes, appendfsync everysec"_s
                                                            : u"appendonly no, no snapshots"_s;
}

void RedisServer::start()
{
    if (!m_dir.isValid()) {
        Q_EMIT failed(u"no temporary directory for redis-server"_s);
        return;
    }
    m_process.setStandardOutputFile(m_dir.filePath(u"redis.log"_s));
    QStringList args{u"--port"_s, u"0"_s, u"--unixsocket"_s, socketPath(), u"--save"_s, u""_s,
                     u"--daemonize"_s, u"no"_s, u"--dir"_s, m_dir.path()};
    if (m_persistence == Persistence::AppendOnlyEverySec)
        args << u"--appendonly"_s << u"yes"_s << u"--appendfsync"_s << u"everysec"_s;
    else
        args << u"--appendonly"_s << u"no"_s;
    m_process.start(m_program, args);
    m_waitedMs = 0;
    m_poll.start();
}

void RedisServer::stop()
{
    m_poll.stop();
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_stopping = true;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

} // namespace recordlock
