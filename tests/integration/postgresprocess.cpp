#include "postgresprocess.h"

#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QVersionNumber>

#include "loopbackport.h"

using namespace Qt::StringLiterals;

namespace recordlock::test {

namespace {

constexpr int PostgresProcessInitTimeoutMs = 60'000;
constexpr int PostgresProcessCtlTimeoutMs = 30'000;
constexpr int PostgresProcessPortAttempts = 5;

/// The newest /usr/lib/postgresql/VERSION/bin that has initdb, or empty.
QString postgresProcessBinDir()
{
    const QDir root(u"/usr/lib/postgresql"_s);
    QString best;
    QVersionNumber bestVersion;
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QVersionNumber version = QVersionNumber::fromString(entry);
        const QString bin = root.filePath(entry + u"/bin"_s);
        if (QFile::exists(bin + u"/initdb"_s) && (best.isEmpty() || version > bestVersion)) {
            best = bin;
            bestVersion = version;
        }
    }
    return best;
}

} // namespace

PostgresProcess::PostgresProcess()
    : m_binDir(postgresProcessBinDir())
{
}

PostgresProcess::~PostgresProcess()
{
    stop();
}

bool PostgresProcess::create()
{
    if (m_binDir.isEmpty()) {
        m_output += "[PostgresProcess] PostgreSQL is not installed (scripts/install-deps.sh test)\n";
        return false;
    }
    if (!m_dir.isValid()) {
        m_output += "[PostgresProcess] could not create a temporary directory\n";
        return false;
    }
    // initdb refuses to run as root: the cluster then belongs to the postgres system user.
    if (::geteuid() == 0) {
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                                | QFileDevice::ReadOther | QFileDevice::ExeOther);
        QProcess::execute(u"chown"_s, {u"postgres:"_s, m_dir.path()});
    }
    // C locale: ORDER BY id sorts by code point, as SQLite does.
    if (!run(u"initdb"_s,
             {u"-D"_s, m_dir.filePath(u"data"_s), u"--auth=trust"_s, u"-U"_s, u"postgres"_s, u"--no-sync"_s,
              u"--locale=C"_s, u"--encoding=UTF8"_s},
             PostgresProcessInitTimeoutMs)) {
        return false;
    }
    for (int attempt = 0; attempt < PostgresProcessPortAttempts; ++attempt) {
        m_port = freeLoopbackPort();
        if (m_port != 0 && start())
            return true;
    }
    m_output += "[PostgresProcess] the cluster did not start on any of "
                + QByteArray::number(PostgresProcessPortAttempts) + " ports\n";
    return false;
}

bool PostgresProcess::start()
{
    // fsync off: a throw-away cluster; synchronous_commit stays on as in production.
    const QString options = u"-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off"_s.arg(m_port).arg(m_dir.path());
    m_running = run(u"pg_ctl"_s,
                    {u"-D"_s, m_dir.filePath(u"data"_s), u"-l"_s, m_dir.filePath(u"server.log"_s), u"-w"_s, u"-t"_s,
                     u"20"_s, u"-o"_s, options, u"start"_s},
                    PostgresProcessCtlTimeoutMs);
    return m_running;
}

bool PostgresProcess::stop()
{
    if (!m_running)
        return true;
    m_running = !run(u"pg_ctl"_s, {u"-D"_s, m_dir.filePath(u"data"_s), u"-m"_s, u"fast"_s, u"-w"_s, u"stop"_s},
                     PostgresProcessCtlTimeoutMs);
    return !m_running;
}

QString PostgresProcess::url() const
{
    return u"postgresql://postgres@127.0.0.1:%1/postgres"_s.arg(m_port);
}

QString PostgresProcess::output() const
{
    QFile log(m_dir.filePath(u"server.log"_s));
    const QByteArray serverLog = log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
    return QString::fromUtf8(m_output + "[server.log]\n" + serverLog);
}

bool PostgresProcess::run(const QString &tool, const QStringList &arguments, int timeoutMs)
{
    const QString program = m_binDir + u'/' + tool;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    // The cluster's files belong to the postgres user when the test runs as root.
    if (::geteuid() == 0)
        process.start(u"runuser"_s, QStringList{u"-u"_s, u"postgres"_s, u"--"_s, program} + arguments);
    else
        process.start(program, arguments);
    const bool finished = process.waitForFinished(timeoutMs);
    m_output += process.readAll();
    if (!finished) {
        process.kill();
        process.waitForFinished();
        m_output += "[PostgresProcess] " + tool.toUtf8() + " did not finish in time\n";
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_output += "[PostgresProcess] " + tool.toUtf8() + " failed with exit code "
                    + QByteArray::number(process.exitCode()) + '\n';
        return false;
    }
    return true;
}

} // namespace recordlock::test
