#include "usercommand.h"

#include <algorithm>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include "common/clock.h"
#include "daemonoptions.h"
#include "heldlockfinder.h"
#include "lockstoreflags.h"
#include "passwordreader.h"
#include "protocol/limits.h"
#include "server/database.h"
#include "server/passwordhasher.h"
#include "server/serverconfig.h"
#include "server/redisendpoint.h"
#include "server/user.h"
#include "server/userstore.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// The server's database file in its data directory (as RecordLockServer opens it).
const QString DatabaseFile = u"recordlock.db"_s;
/// Longest display name accepted.
constexpr qsizetype MaxDisplayNameLength = 128;

bool hasSpaceOrControl(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Control; });
}

bool hasControl(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

} // namespace

UserCommand::UserCommand(const Clock &clock, QTextStream &out, QTextStream &err)
    : m_clock(clock)
    , m_out(out)
    , m_err(err)
{
}

bool UserCommand::isUserCommand(const QStringList &arguments)
{
    return arguments.size() > 1 && arguments.at(1) == u"user";
}

int UserCommand::run(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Manages RecordLock accounts in the data directory's database, or the PostgreSQL one of --db\n"
        "(also while recordlockd runs).\n"
        "  recordlockd user add NAME --display-name \"Full Name\" [--role editor|admin]\n"
        "  recordlockd user passwd NAME     (signs the user out everywhere: tokens are revoked)\n"
        "  recordlockd user role NAME editor|admin\n"
        "  recordlockd user remove NAME     (refused while the user holds locks; with --store redis\n"
        "                                   the locks in Redis are checked, as the servers keep them there)\n"
        "  recordlockd user list\n"
        "Passwords (at least 8 characters) are asked on the terminal, or read from the first line\n"
        "of stdin with --password-stdin. Exit codes: 0 done, 1 database or Redis error, 2 bad arguments,\n"
        "3 unknown user, 4 user exists, 5 unacceptable password, 6 user holds locks."_s);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption dataDir(u"data-dir"_s,
                                     u"The server's data directory [RECORDLOCKD_DATA_DIR, default %1]."_s.arg(
                                         DaemonOptions::defaultDataDir()),
                                     u"DIR"_s);
    const QCommandLineOption databaseOption(
        u"db"_s,
        u"The server's PostgreSQL database, postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME "
        "(password also from RECORDLOCKD_DB_PASSWORD) [RECORDLOCKD_DB, default: recordlock.db in the data directory]."_s,
        u"URL"_s);
    const QCommandLineOption displayName(u"display-name"_s, u"add: the name other users see."_s, u"NAME"_s);
    const QCommandLineOption roleOption(u"role"_s, u"add: editor (default) or admin."_s, u"ROLE"_s);
    const QCommandLineOption passwordStdin(u"password-stdin"_s, u"Read the password from stdin's first line."_s);
    const QCommandLineOption hashPasses(u"password-hash-passes"_s,
                                        u"Argon2id passes [RECORDLOCKD_PASSWORD_HASH_PASSES, default 2]."_s, u"N"_s);
    const QCommandLineOption hashMemory(u"password-hash-memory"_s,
                                        u"Argon2id memory, KiB [RECORDLOCKD_PASSWORD_HASH_MEMORY, default 65536]."_s,
                                        u"KIB"_s);
    const LockStoreFlags lockStoreFlags(u"Where the servers keep their locks, which remove checks: sqlite (in the "
                                        "database) or redis"_s);
    parser.addOptions({dataDir, databaseOption, displayName, roleOption, passwordStdin, hashPasses, hashMemory});
    lockStoreFlags.addTo(parser);
    parser.addPositionalArgument(u"action"_s, u"add, passwd, role, remove or list, then its arguments."_s,
                                 u"user ACTION [NAME] [ROLE]"_s);

    QStringList withoutUser = arguments;
    withoutUser.removeAt(1);
    if (!parser.parse(withoutUser))
        return fail(Usage, parser.errorText());
    if (parser.isSet(help)) {
        m_out << parser.helpText();
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const qsizetype wanted = action == u"list" ? 1 : action == u"role" ? 3 : 2;
    if (action.isEmpty())
        return fail(Usage, u"name an action: add, passwd, role, remove or list"_s);
    if (!QStringList{u"add"_s, u"passwd"_s, u"role"_s, u"remove"_s, u"list"_s}.contains(action))
        return fail(Usage, u"unknown action \"%1\" (add, passwd, role, remove or list)"_s.arg(action));
    if (positional.size() != wanted)
        return fail(Usage, u"\"user %1\" takes %2"_s.arg(action, wanted == 1 ? u"no arguments"_s
                                                                 : wanted == 2 ? u"a user name"_s
                                                                               : u"a user name and a role"_s));
    if (action != u"add" && (parser.isSet(displayName) || parser.isSet(roleOption)))
        return fail(Usage, u"--display-name and --role belong to \"user add\""_s);
    const QString name = positional.value(1);
    if (wanted > 1 && (name.isEmpty() || name.size() > limits::MaxUserNameLength || hasSpaceOrControl(name)))
        return fail(Usage, u"a user name has 1 to %1 characters and no spaces"_s.arg(limits::MaxUserNameLength));

    const QString dir = parser.isSet(dataDir) ? parser.value(dataDir)
                        : environment.contains(u"RECORDLOCKD_DATA_DIR"_s)
                            ? environment.value(u"RECORDLOCKD_DATA_DIR"_s)
                            : DaemonOptions::defaultDataDir();
    if (dir.isEmpty())
        return fail(Usage, u"the data directory must not be empty"_s);
    ServerConfig defaults;
    qint64 passes = defaults.passwordHashPasses;
    qint64 memoryKiB = defaults.passwordHashMemoryKiB;
    const struct
    {
        const QCommandLineOption &option;
        QString variable;
        qint64 min;
        qint64 max;
        qint64 *target;
    } costs[] = {
        {hashPasses, u"RECORDLOCKD_PASSWORD_HASH_PASSES"_s, PasswordHasher::MinPasses, PasswordHasher::MaxPasses,
         &passes},
        {hashMemory, u"RECORDLOCKD_PASSWORD_HASH_MEMORY"_s, PasswordHasher::MinMemoryKiB, PasswordHasher::MaxMemoryKiB,
         &memoryKiB},
    };
    for (const auto &cost : costs) {
        const bool isSet = parser.isSet(cost.option);
        if (!isSet && !environment.contains(cost.variable))
            continue;
        const QString text = isSet ? parser.value(cost.option) : environment.value(cost.variable);
        if (!DaemonOptions::parseInteger(text, cost.min, cost.max, cost.target))
            return fail(Usage, u"%1: \"%2\" is not a whole number from %3 to %4"_s.arg(
                                   isSet ? u"--"_s + cost.option.names().constFirst() : cost.variable, text)
                                   .arg(cost.min)
                                   .arg(cost.max));
    }

    // Where the servers keep their locks, with the server's own flags, variables, defaults and checks.
    ServerConfig lockConfig;
    if (const QString problem = lockStoreFlags.read(parser, environment, &lockConfig); !problem.isEmpty())
        return fail(Usage, problem);
    std::optional<RedisEndpoint> redis;
    if (lockConfig.lockStore == ServerConfig::LockStoreKind::Redis) {
        QString ignored; // read() checked the URL
        redis = RedisEndpoint::parse(lockConfig.redisUrl, &ignored);
    }

    const QString urlText = parser.isSet(databaseOption) ? parser.value(databaseOption)
                                                         : environment.value(u"RECORDLOCKD_DB"_s);
    QString url;
    QString urlError;
    if (!DaemonOptions::parseDatabaseUrl(urlText, environment, &url, &urlError))
        return fail(Usage, u"--db: "_s + urlError);
    const QString path = QDir(dir).filePath(DatabaseFile);
    if (url.isEmpty() && action != u"add" && !QFileInfo::exists(path))
        return fail(Failed, u"no RecordLock database in %1 (wrong --data-dir?)"_s.arg(QDir::toNativeSeparators(dir)));
    const std::unique_ptr<Database> database = Database::fromLocation(url, path, &urlError);
    if (!database)
        return fail(Usage, u"--db: "_s + urlError);
    if (!database->open())
        return fail(Failed, u"cannot open the database: %1"_s.arg(database->lastError()));
    const PasswordHasher hasher = PasswordHasher::withCost(quint32(passes), quint32(memoryKiB));
    UserStore users(*database, hasher);
    PasswordReader passwords(parser.isSet(passwordStdin));

    if (action == u"add") {
        const QString role = parser.isSet(roleOption) ? parser.value(roleOption) : u"editor"_s;
        return add(users, passwords, name, parser.value(displayName).trimmed(), role);
    }
    if (action == u"passwd")
        return passwd(users, passwords, name);
    if (action == u"role")
        return role(users, name, positional.value(2));
    if (action == u"remove") {
        HeldLockFinder heldLocks = redis ? HeldLockFinder(*redis, lockConfig.redisPrefix) : HeldLockFinder(*database, m_clock);
        return remove(users, heldLocks, name);
    }
    return list(users);
}

int UserCommand::add(UserStore &users, PasswordReader &passwords, const QString &name, const QString &displayName,
                     const QString &role)
{
    if (displayName.isEmpty() || displayName.size() > MaxDisplayNameLength || hasControl(displayName))
        return fail(Usage, u"--display-name needs 1 to %1 characters"_s.arg(MaxDisplayNameLength));
    if (!UserStore::isValidRole(role))
        return fail(Usage, u"bad role \"%1\": editor or admin"_s.arg(role));
    if (users.findByName(name))
        return fail(DuplicateUser, u"user %1 already exists"_s.arg(name));
    int code = Ok;
    const std::optional<QString> password = newPassword(passwords, name, &code);
    if (!password)
        return code;
    // Stamped with the creation time: a token of a removed account with the same id is refused.
    if (!users.add(name, displayName, role, *password, m_clock.nowMs()))
        return fail(Failed, u"cannot add user %1 (see the messages above)"_s.arg(name));
    m_out << u"added %1 (%2, %3)\n"_s.arg(name, displayName, role);
    return Ok;
}

int UserCommand::passwd(UserStore &users, PasswordReader &passwords, const QString &name)
{
    int code = Ok;
    const std::optional<User> user = existingUser(users, name, &code);
    if (!user)
        return code;
    const std::optional<QString> password = newPassword(passwords, name, &code);
    if (!password)
        return code;
    if (!users.setPassword(user->id, *password, m_clock.nowMs()))
        return fail(Failed, u"cannot change the password of %1"_s.arg(name));
    m_out << u"changed the password of %1; their session tokens no longer work\n"_s.arg(name);
    return Ok;
}

int UserCommand::role(UserStore &users, const QString &name, const QString &role)
{
    if (!UserStore::isValidRole(role))
        return fail(Usage, u"bad role \"%1\": editor or admin"_s.arg(role));
    int code = Ok;
    const std::optional<User> user = existingUser(users, name, &code);
    if (!user)
        return code;
    if (user->role != role && !users.setRole(user->id, role))
        return fail(Failed, u"cannot change the role of %1"_s.arg(name));
    m_out << u"%1 is %2\n"_s.arg(name, role);
    return Ok;
}

int UserCommand::remove(UserStore &users, HeldLockFinder &heldLocks, const QString &name)
{
    int code = Ok;
    const std::optional<User> user = existingUser(users, name, &code);
    if (!user)
        return code;
    // A removed holder could neither renew nor release: refuse rather than strand the records
    // until their locks expire behind the server's back, and never remove without having looked.
    const std::optional<QStringList> held = heldLocks.recordsHeldBy(user->id);
    if (!held) {
        return fail(Failed, u"cannot read the locks in %1: %2; %3 was not removed"_s.arg(
                                heldLocks.location(), heldLocks.error(), name));
    }
    if (!held->isEmpty()) {
        return fail(HoldsLocks, u"%1 still holds %2 lock(s) (%3); ask them to close those records or wait until "
                                "the locks expire, then try again"_s.arg(name)
                                    .arg(held->size())
                                    .arg(held->join(u", "_s)));
    }
    if (!users.remove(user->id))
        return fail(Failed, u"cannot remove %1"_s.arg(name));
    m_out << u"removed %1\n"_s.arg(name);
    return Ok;
}

int UserCommand::list(UserStore &users)
{
    const std::optional<QList<User>> all = users.list();
    if (!all)
        return fail(Failed, u"cannot read the users"_s);
    qsizetype nameWidth = 4;
    for (const User &user : *all)
        nameWidth = qMax(nameWidth, user.name.size());
    m_out << u"NAME"_s.leftJustified(nameWidth + 2) << u"ROLE    DISPLAY NAME\n"_s;
    for (const User &user : *all)
        m_out << user.name.leftJustified(nameWidth + 2) << user.role.leftJustified(8) << user.displayName << u'\n';
    return Ok;
}

std::optional<QString> UserCommand::newPassword(PasswordReader &passwords, const QString &name, int *exitCode)
{
    QString error;
    std::optional<QString> password = passwords.readNew(u"New password for %1: "_s.arg(name), &error);
    if (!password) {
        *exitCode = fail(BadPassword, error);
        return std::nullopt;
    }
    if (password->isEmpty()) {
        *exitCode = fail(BadPassword, u"the password must not be empty"_s);
        return std::nullopt;
    }
    if (password->toUcs4().size() < MinPasswordLength) {
        *exitCode = fail(BadPassword, u"the password needs at least %1 characters"_s.arg(MinPasswordLength));
        return std::nullopt;
    }
    if (password->size() > limits::MaxPasswordLength) {
        // login refuses longer ones, so such an account could never sign in.
        *exitCode = fail(BadPassword, u"the password may have at most %1 characters"_s.arg(limits::MaxPasswordLength));
        return std::nullopt;
    }
    return password;
}

std::optional<User> UserCommand::existingUser(UserStore &users, const QString &name, int *exitCode)
{
    std::optional<User> user = users.findByName(name);
    if (!user)
        *exitCode = fail(UnknownUser, u"no user %1"_s.arg(name));
    return user;
}

int UserCommand::fail(int code, const QString &message)
{
    m_err << u"recordlockd user: "_s << message << u'\n';
    m_err.flush();
    return code;
}

} // namespace recordlock
