#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace recordlock::test {

/// What one `recordlockd user ...` run produced.
struct UserCliResult
{
    /// False if the process did not start or did not finish in time (exitCode is then -1).
    bool finished = false;
    int exitCode = -1;
    QString out;
    QString err;

    /// One line for failure messages.
    QString describe() const;
};

/// Runs the real `recordlockd user ...` ($RECORDLOCKD, as ServerProcess does) on a data
/// directory, with the password (if any) on stdin.
class UserCli
{
public:
    /// Every run uses --data-dir dataDir, and --db databaseUrl if that is set. An empty
    /// databaseUrl means the database a server on dataDir uses under this run's backend (TestBackend).
    /// Under a Redis backend every run also names the Redis and key prefix of that server, unless
    /// its arguments name a --store of their own.
    explicit UserCli(QString dataDir, QString databaseUrl = QString());

    /// Runs `recordlockd user <arguments> --data-dir DIR [--db URL] [--store redis ...]`; with a
    /// password, adds --password-stdin and writes it as stdin's first line. Waits up to 30 s.
    UserCliResult run(const QStringList &arguments, const QString &password = QString()) const;
    /// Runs it with stdin exactly as given (e.g. empty, to see how input ending is handled).
    UserCliResult runWithStdin(const QStringList &arguments, const QByteArray &stdinBytes) const;

private:
    QString m_dataDir;
    QString m_databaseUrl;
};

} // namespace recordlock::test
