#include "bench/serverlauncher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include "bench/benchlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

constexpr int PortFilePollIntervalMs = 25;

} // namespace

ServerLauncher::ServerLauncher(QString program, QObject *parent)
    : QObject(parent)
    , m_program(std::move(program))
{
    m_process.setParent(this);
    // The server's log goes to a file (an unread pipe would fill and stall the server); it is
    // shown only when the server fails.
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_poll.setInterval(PortFilePollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &ServerLauncher::pollPortFile);
    connect(&m_process, &QProcess::finished, this, [this](int exitCode) {
        m_poll.stop();
        if (m_stopping)
            return;
        QFile log(m_dir.filePath(u"server.log"_s));
        const QByteArray tail = log.open(QIODevice::ReadOnly) ? log.readAll().right(2000) : QByteArray();
        Q_EMIT failed(u"recordlockd exited with code %1: %2"_s.arg(exitCode).arg(QString::fromLocal8Bit(tail)));
    });
}

ServerLauncher::~ServerLauncher()
{
    stop();
}

QString ServerLauncher::locate(const QString &explicitPath)
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QDir here(QCoreApplication::applicationDirPath());
    // Built tree: app/recordlock-bench/recordlock-bench next to app/recordlockd/recordlockd;
    // installed: both in bin/.
    for (const QString &candidate : {here.filePath(u"recordlockd"_s), here.filePath(u"../recordlockd/recordlockd"_s)}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(u"recordlockd"_s);
}

void ServerLauncher::start(int demoRecords, double lockTtlSeconds)
{
    if (m_program.isEmpty() || !m_dir.isValid()) {
        Q_EMIT failed(u"no recordlockd found (pass --recordlockd PATH)"_s);
        return;
    }
    // Ask the binary which limits it knows: flags that another version lacks are left out.
    QProcess help;
    help.start(m_program, {u"--help"_s});
    help.waitForFinished(5000);
    const QString helpText = QString::fromLocal8Bit(help.readAllStandardOutput());
    QStringList args{u"--listen"_s, u"127.0.0.1:0"_s, u"--port-file"_s, portFilePath(),
                     u"--data-dir"_s, m_dir.path(), u"--demo"_s};
    if (lockTtlSeconds > 0)
        args << u"--lock-ttl"_s << QString::number(lockTtlSeconds);
    if (!m_redisUrl.isEmpty()) {
        if (!helpText.contains(u"--redis-url"_s)) {
            Q_EMIT failed(u"%1 has no --store redis (its --help lists no --redis-url)"_s.arg(m_program));
            return;
        }
        args << u"--store"_s << u"redis"_s << u"--redis-url"_s << m_redisUrl;
    }
    const struct
    {
        QString flag;
        QString value;
    } optional[] = {
        {u"--rate-per-second"_s, u"0"_s},
        {u"--max-connections-per-user"_s, u"0"_s},
        {u"--max-connections-per-address"_s, u"0"_s},
        {u"--demo-records"_s, QString::number(demoRecords)},
    };
    for (const auto &o : optional) {
        if (helpText.contains(o.flag)) {
            args << o.flag << o.value;
        } else {
            m_notes << u"recordlockd has no %1; left out"_s.arg(o.flag);
            qCWarning(lcBench).noquote() << m_notes.constLast();
        }
    }
    qCInfo(lcBench).noquote() << "starting" << m_program << args.join(u' ');
    m_process.setStandardOutputFile(m_dir.filePath(u"server.log"_s));
    m_process.start(m_program, args);
    m_waitedMs = 0;
    m_poll.start();
}

void ServerLauncher::stop()
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

QString ServerLauncher::portFilePath() const
{
    return m_dir.filePath(u"port"_s);
}

void ServerLauncher::pollPortFile()
{
    m_waitedMs += PortFilePollIntervalMs;
    QFile file(portFilePath());
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray text = file.readAll();
        bool ok = false;
        const int port = text.trimmed().toInt(&ok);
        if (text.endsWith('\n') && ok && port > 0) {
            m_poll.stop();
            m_url = QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(port));
            qCInfo(lcBench).noquote() << "recordlockd listens at" << m_url.toString();
            Q_EMIT started();
            return;
        }
    }
    if (m_waitedMs >= StartTimeoutMs) {
        m_poll.stop();
        Q_EMIT failed(u"recordlockd wrote no port file within %1 ms"_s.arg(StartTimeoutMs));
    }
}

} // namespace recordlock
