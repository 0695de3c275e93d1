#include "usercli.h"

#include <QProcess>

#include "testbackend.h"

using namespace Qt::StringLiterals;

namespace recordlock::test {

namespace {
constexpr int RunTimeoutMs = 30'000;
} // namespace

QString UserCliResult::describe() const
{
    return u"exit %1, stdout \"%2\", stderr \"%3\""_s.arg(exitCode).arg(out.trimmed(), err.trimmed());
}

UserCli::UserCli(QString dataDir, QString databaseUrl)
    : m_dataDir(std::move(dataDir))
    , m_databaseUrl(databaseUrl.isEmpty() ? TestBackend::databaseUrlFor(m_dataDir) : std::move(databaseUrl))
{
}

UserCliResult UserCli::run(const QStringList &arguments, const QString &password) const
{
    if (password.isNull())
        return runWithStdin(arguments, QByteArray());
    return runWithStdin(arguments + QStringList{u"--password-stdin"_s}, password.toUtf8() + '\n');
}

UserCliResult UserCli::runWithStdin(const QStringList &arguments, const QByteArray &stdinBytes) const
{
    UserCliResult result;
    const QString program = qEnvironmentVariable("RECORDLOCKD");
    if (program.isEmpty()) {
        result.err = u"RECORDLOCKD is not set; register the test with recordlock_add_test(... SERVER)"_s;
        return result;
    }
    QProcess process;
    QStringList tail{u"--data-dir"_s, m_dataDir};
    if (!m_databaseUrl.isEmpty())
        tail << u"--db"_s << m_databaseUrl;
    // The same Redis and prefix as a ServerProcess on this data directory, so that remove sees its
    // locks; a test naming a lock store of its own keeps it.
    if (TestBackend::usesRedis() && !arguments.contains(u"--store"_s)) {
        tail << u"--store"_s << u"redis"_s << u"--redis-url"_s << TestBackend::redisUrl() << u"--redis-prefix"_s
             << TestBackend::redisPrefixFor(m_dataDir);
    }
    process.start(program, QStringList{u"user"_s} + arguments + tail);
    if (!process.waitForStarted(RunTimeoutMs)) {
        result.err = process.errorString();
        return result;
    }
    process.write(stdinBytes);
    process.closeWriteChannel();
    result.finished = process.waitForFinished(RunTimeoutMs) && process.exitStatus() == QProcess::NormalExit;
    if (!result.finished)
        process.kill();
    result.exitCode = result.finished ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace recordlock::test
