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
    /// Every run uses --data-dir dataDir.
    explicit UserCli(QString dataDir);

    /// Runs `recordlockd user <arguments> --data-dir DIR`; with a password, adds --password-stdin
    /// and writes it as stdin's first line. Waits up to 30 s.
    UserCliResult run(const QStringList &arguments, const QString &password = QString()) const;
    /// Runs it with stdin exactly as given (e.g. empty, to see how input ending is handled).
    UserCliResult runWithStdin(const QStringList &arguments, const QByteArray &stdinBytes) const;

private:
    QString m_dataDir;
};

} // namespace recordlock::test
