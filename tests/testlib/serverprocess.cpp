#include "serverprocess.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTest>

#include "testbackend.h"

using namespace Qt::StringLiterals;

// Server output is echoed here line by line; enable with QT_LOGGING_RULES="recordlock.test.server.debug=true".
Q_LOGGING_CATEGORY(lcTestServer, "recordlock.test.server", QtWarningMsg)

namespace recordlock::test {

namespace {

constexpr int StartTimeoutMs = 15'000;
constexpr int StopTimeoutMs = 5'000;

QString seconds(double value)
{
    return QString::number(value, 'g', 10);
}

} // namespace

ServerProcess::ServerProcess(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    if (m_options.dataDir.isEmpty())
        m_ownedDataDir = std::make_unique<QTemporaryDir>();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ServerProcess::collectOutput);
}

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start()
{
    return launch(0);
}

bool ServerProcess::restart(bool samePort)
{
    if (isRunning())
        stop();
    return launch(samePort ? m_port : 0);
}

void ServerProcess::kill9()
{
    if (!isRunning())
        return;
    m_process.kill();
    waitForExit(StopTimeoutMs);
}

void ServerProcess::stop()
{
    if (!isRunning())
        return;
    m_process.terminate();
    if (waitForExit(StopTimeoutMs))
        return;
    m_output += "\n[ServerProcess] no exit within 5 s of SIGTERM; killing\n";
    kill9();
}

bool ServerProcess::isRunning() const
{
    return m_process.state() != QProcess::NotRunning;
}

bool ServerProcess::exitedCleanly() const
{
    return !isRunning() && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

QUrl ServerProcess::wsUrl() const
{
    const QString scheme = m_options.tlsCertFile.isEmpty() ? u"ws"_s : u"wss"_s;
    return QUrl(u"%1://127.0.0.1:%2/ws"_s.arg(scheme).arg(m_port));
}

QUrl ServerProcess::httpUrl(const QString &path) const
{
    const QString scheme = m_options.tlsCertFile.isEmpty() ? u"http"_s : u"https"_s;
    return QUrl(u"%1://127.0.0.1:%2%3"_s.arg(scheme).arg(m_port).arg(path));
}

QString ServerProcess::dataDir() const
{
    return m_ownedDataDir ? m_ownedDataDir->path() : m_options.dataDir;
}

QString ServerProcess::output() const
{
    return QString::fromUtf8(m_output);
}

QString ServerProcess::portFilePath() const
{
    return m_runDir.filePath(u"port"_s);
}

QStringList ServerProcess::arguments(quint16 listenPort) const
{
    QStringList args{
        u"--listen"_s, u"127.0.0.1:%1"_s.arg(listenPort),
        u"--port-file"_s, portFilePath(),
        u"--data-dir"_s, dataDir(),
        u"--lock-ttl"_s, seconds(m_options.lockTtlSeconds),
        u"--orphan-grace"_s, seconds(m_options.orphanGraceSeconds),
    };
    if (m_options.demo)
        args << u"--demo"_s;
    if (!m_options.tlsCertFile.isEmpty())
        args << u"--tls-cert"_s << m_options.tlsCertFile << u"--tls-key"_s << m_options.tlsKeyFile;
    if (!m_databaseUrl.isEmpty())
        args << u"--db"_s << m_databaseUrl;
    if (!m_redisUrl.isEmpty())
        args << u"--store"_s << u"redis"_s << u"--redis-url"_s << m_redisUrl << u"--redis-prefix"_s << m_redisPrefix;
    args << m_options.extraArgs;
    return args;
}

bool ServerProcess::launch(quint16 listenPort)
{
    const QString program = qEnvironmentVariable("RECORDLOCKD");
    if (program.isEmpty()) {
        m_output += "[ServerProcess] RECORDLOCKD is not set; register the test with recordlock_add_test(... SERVER)\n";
        return false;
    }
    if (!m_runDir.isValid() || dataDir().isEmpty()) {
        m_output += "[ServerProcess] could not create a temporary directory\n";
        return false;
    }
    if (!resolveBackend())
        return false;
    QFile::remove(portFilePath());

    m_process.start(program, arguments(listenPort));
    if (!m_process.waitForStarted(StopTimeoutMs)) {
        m_output += "[ServerProcess] could not start " + program.toUtf8() + ": "
                    + m_process.errorString().toUtf8() + '\n';
        return false;
    }

    QByteArray portText;
    const bool reported = QTest::qWaitFor([&] {
        QFile file(portFilePath());
        if (file.open(QIODevice::ReadOnly))
            portText = file.readAll();
        return portText.endsWith('\n') || !isRunning();
    }, StartTimeoutMs);

    bool ok = false;
    const uint port = portText.trimmed().toUInt(&ok);
    if (!reported || !ok || port == 0 || port > 65535 || !isRunning()) {
        m_output += "[ServerProcess] recordlockd did not report a port (port file: \"" + portText + "\")\n";
        stop();
        return false;
    }
    m_port = quint16(port);
    return true;
}

bool ServerProcess::resolveBackend()
{
    if (m_backendResolved)
        return true;
    // A run that asks for a backend without its services fails here, loudly, instead of
    // silently testing SQLite.
    const QString problem = TestBackend::problem();
    if (!problem.isEmpty()) {
        m_output += "[ServerProcess] " + problem.toUtf8() + '\n';
        return false;
    }
    m_databaseUrl = m_options.databaseUrl;
    if (m_databaseUrl.isEmpty() && TestBackend::usesPostgres()) {
        m_databaseUrl = TestBackend::databaseUrlFor(dataDir());
        if (m_databaseUrl.isEmpty()) {
            m_output += "[ServerProcess] cannot create the test database on RECORDLOCK_TEST_PG_URL (see the warnings)\n";
            return false;
        }
    }
    m_redisUrl = !m_options.redisUrl.isEmpty() ? m_options.redisUrl
                 : TestBackend::usesRedis()    ? TestBackend::redisUrl()
                                               : QString();
    m_redisPrefix = !m_options.redisPrefix.isEmpty() ? m_options.redisPrefix : TestBackend::redisPrefixFor(dataDir());
    m_backendResolved = true;
    return true;
}

bool ServerProcess::waitForExit(int timeoutMs)
{
    const bool exited = QTest::qWaitFor([this] { return !isRunning(); }, timeoutMs);
    collectOutput();
    return exited;
}

void ServerProcess::collectOutput()
{
    const QByteArray chunk = m_process.readAllStandardOutput();
    if (chunk.isEmpty())
        return;
    m_output += chunk;
    for (const QByteArray &line : chunk.split('\n')) {
        if (!line.isEmpty())
            qCDebug(lcTestServer).noquote() << QString::fromUtf8(line);
    }
}

} // namespace recordlock::test
