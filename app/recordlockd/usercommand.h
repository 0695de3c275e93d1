#pragma once

#include <optional>

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace recordlock {

class Clock;
class HeldLockFinder;
class PasswordReader;
struct User;
class UserStore;

/// `recordlockd user add|passwd|role|remove|list`: manages the accounts in a data directory's
/// database, or in the PostgreSQL database of --db. A running server may share that database; what
/// changes takes effect at its next sign-in check (passwords, removal) or admin request (roles).
/// remove looks for the user's locks where the servers keep them: the database, or Redis (--store redis).
class UserCommand
{
public:
    /// Exit codes, distinct so scripts can tell the failures apart.
    enum ExitCode {
        Ok = 0,
        Failed = 1,        ///< the database could not be opened or written, or (remove) the locks not read
        Usage = 2,         ///< bad arguments (unknown action, missing name, bad role, ...)
        UnknownUser = 3,   ///< no account with that name
        DuplicateUser = 4, ///< add: the name is taken
        BadPassword = 5,   ///< empty, shorter than 8 characters, too long, or not entered
        HoldsLocks = 6,    ///< remove: the user still holds locks
    };

    /// Shortest password accepted for a new or changed password.
    static constexpr qsizetype MinPasswordLength = 8;

    /// clock stamps password changes; out and err stand for stdout and stderr.
    UserCommand(const Clock &clock, QTextStream &out, QTextStream &err);

    /// True if arguments (argv, program first) name the user subcommand.
    static bool isUserCommand(const QStringList &arguments);
    /// Runs `recordlockd user ...` (arguments as in argv) and returns the process exit code.
    int run(const QStringList &arguments, const QProcessEnvironment &environment);

private:
    int add(UserStore &users, PasswordReader &passwords, const QString &name, const QString &displayName,
            const QString &role);
    int passwd(UserStore &users, PasswordReader &passwords, const QString &name);
    int role(UserStore &users, const QString &name, const QString &role);
    int remove(UserStore &users, HeldLockFinder &heldLocks, const QString &name);
    int list(UserStore &users);
    std::optional<QString> newPassword(PasswordReader &passwords, const QString &name, int *exitCode);
    std::optional<User> existingUser(UserStore &users, const QString &name, int *exitCode);
    int fail(int code, const QString &message);


    const Clock &m_clock;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace recordlock
