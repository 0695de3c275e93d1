// `recordlockd user add|passwd|role|remove|list` driven as a real process against a temporary data
// directory, and the accounts it makes used with a real recordlockd on that directory.

#include <memory>

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "protocol/names.h"
#include "protocolargs.h"
#include "serverdatabase.h"
#include "serverprocess.h"
#include "testclient.h"
#include "usercli.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

/// The stored password hash of a user, read from the server's database.
QString storedHash(const QString &dataDir, const QString &name)
{
    ServerDatabase database(dataDir);
    if (!database.open())
        return QString();
    QSqlQuery query(database.db());
    query.prepare(u"SELECT password_hash FROM users WHERE name = ?"_s);
    query.addBindValue(name);
    if (!query.exec() || !query.next())
        return QString();
    return query.value(0).toString();
}

} // namespace

class TestUserCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void addThenSignInWithTheRole();
    void roleChangeAppliesAtTheNextSignIn();
    void passwdReplacesThePassword();
    void listShowsAccounts();
    void refusals_data();
    void refusals();
    void removeIsRefusedWhileHoldingLocks();
    void removeIsRefusedWhenRedisIsUnreachable();
    void loginUpgradesAWeakerHash();

private:
    ServerMessage login(const QString &user, const QString &password);

    QTemporaryDir m_dataDir;
    std::unique_ptr<UserCli> m_cli;
    std::unique_ptr<ServerProcess> m_server;
};

void TestUserCommand::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
    m_cli = std::make_unique<UserCli>(m_dataDir.path());
    // Accounts made before the server ever ran: the command creates the database.
    const UserCliResult added = m_cli->run(
        {u"add"_s, u"erin"_s, u"--display-name"_s, u"Erin Example"_s, u"--role"_s, u"admin"_s}, u"erin-password"_s);
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    QVERIFY2(added.out.contains(u"erin"_s), qPrintable(added.describe()));

    ServerOptions options;
    options.demo = false;
    options.dataDir = m_dataDir.path();
    m_server = std::make_unique<ServerProcess>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->output()));
}

ServerMessage TestUserCommand::login(const QString &user, const QString &password)
{
    TestClient client;
    if (!client.connectTo(m_server->wsUrl()))
        return ServerMessage();
    return client.login(user, password);
}

void TestUserCommand::addThenSignInWithTheRole()
{
    const ServerMessage reply = login(u"erin"_s, u"erin-password"_s);
    QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
    const QJsonObject user = reply.result.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"displayName"_s).toString(), u"Erin Example"_s);
    QCOMPARE(user.value(u"role"_s).toString(), u"admin"_s);

    // Added while the server runs; editor is the default role.
    const UserCliResult added =
        m_cli->run({u"add"_s, u"fred"_s, u"--display-name"_s, u"Fred Field"_s}, u"fred-password"_s);
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const ServerMessage fred = login(u"fred"_s, u"fred-password"_s);
    QVERIFY2(fred.ok, qPrintable(TestClient::describe(fred)));
    QCOMPARE(fred.result.value(u"user"_s).toObject().value(u"role"_s).toString(), u"editor"_s);
}

void TestUserCommand::roleChangeAppliesAtTheNextSignIn()
{
    QVERIFY(m_cli->run({u"add"_s, u"gail"_s, u"--display-name"_s, u"Gail"_s}, u"gail-password"_s).exitCode == 0);
    const UserCliResult promoted = m_cli->run({u"role"_s, u"gail"_s, u"admin"_s});
    QVERIFY2(promoted.exitCode == 0, qPrintable(promoted.describe()));
    const ServerMessage asAdmin = login(u"gail"_s, u"gail-password"_s);
    QCOMPARE(asAdmin.result.value(u"user"_s).toObject().value(u"role"_s).toString(), u"admin"_s);

    QVERIFY(m_cli->run({u"role"_s, u"gail"_s, u"editor"_s}).exitCode == 0);
    const ServerMessage asEditor = login(u"gail"_s, u"gail-password"_s);
    QCOMPARE(asEditor.result.value(u"user"_s).toObject().value(u"role"_s).toString(), u"editor"_s);
}

void TestUserCommand::passwdReplacesThePassword()
{
    QVERIFY(m_cli->run({u"add"_s, u"hal"_s, u"--display-name"_s, u"Hal"_s}, u"old-password"_s).exitCode == 0);
    const UserCliResult changed = m_cli->run({u"passwd"_s, u"hal"_s}, u"new-password"_s);
    QVERIFY2(changed.exitCode == 0, qPrintable(changed.describe()));
    QCOMPARE(TestClient::outcome(login(u"hal"_s, u"old-password"_s)), u"invalid_credentials"_s);
    QVERIFY(login(u"hal"_s, u"new-password"_s).ok);
}

void TestUserCommand::listShowsAccounts()
{
    const UserCliResult listed = m_cli->run({u"list"_s});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.describe()));
    const QStringList lines = listed.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 2, qPrintable(listed.describe()));
    QVERIFY(lines.first().startsWith(u"NAME"_s));
    bool sawErin = false;
    for (const QString &line : lines) {
        const QStringList columns = line.split(u' ', Qt::SkipEmptyParts);
        if (columns.value(0) == u"erin") {
            sawErin = true;
            QCOMPARE(columns.value(1), u"admin"_s);
            QVERIFY(line.endsWith(u"Erin Example"_s));
        }
    }
    QVERIFY2(sawErin, qPrintable(listed.out));
    QVERIFY(!listed.out.contains(u"argon2"_s)); // no hashes
}

void TestUserCommand::refusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("password"); // null: none on stdin
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    const QString none;
    QTest::newRow("duplicate") << QStringList{u"add"_s, u"erin"_s, u"--display-name"_s, u"E"_s}
                               << u"long-enough"_s << 4 << u"already exists"_s;
    QTest::newRow("unknown user passwd") << QStringList{u"passwd"_s, u"nobody"_s} << u"long-enough"_s << 3
                                         << u"nobody"_s;
    QTest::newRow("unknown user role") << QStringList{u"role"_s, u"nobody"_s, u"admin"_s} << none << 3
                                       << u"nobody"_s;
    QTest::newRow("unknown user remove") << QStringList{u"remove"_s, u"nobody"_s} << none << 3 << u"nobody"_s;
    QTest::newRow("short password") << QStringList{u"add"_s, u"ivy"_s, u"--display-name"_s, u"Ivy"_s}
                                    << u"seven77"_s << 5 << u"at least 8"_s;
    QTest::newRow("empty password") << QStringList{u"passwd"_s, u"erin"_s} << u""_s << 5 << u"empty"_s;
    QTest::newRow("no terminal") << QStringList{u"passwd"_s, u"erin"_s} << none << 5 << u"--password-stdin"_s;
    QTest::newRow("bad role on add") << QStringList{u"add"_s, u"ivy"_s, u"--display-name"_s, u"Ivy"_s,
                                                    u"--role"_s, u"root"_s}
                                     << u"long-enough"_s << 2 << u"root"_s;
    QTest::newRow("bad role") << QStringList{u"role"_s, u"erin"_s, u"superuser"_s} << none << 2 << u"superuser"_s;
    QTest::newRow("no display name") << QStringList{u"add"_s, u"ivy"_s} << u"long-enough"_s << 2
                                     << u"--display-name"_s;
    QTest::newRow("unknown action") << QStringList{u"rename"_s, u"erin"_s} << none << 2 << u"rename"_s;
    QTest::newRow("missing name") << QStringList{u"passwd"_s} << none << 2 << u"user name"_s;
    QTest::newRow("unknown lock store") << QStringList{u"remove"_s, u"erin"_s, u"--store"_s, u"mongo"_s} << none
                                        << 2 << u"mongo"_s;
    QTest::newRow("password on the command line") << QStringList{u"add"_s, u"ivy"_s, u"--password"_s, u"x"_s}
                                                  << none << 2 << u"password"_s;
}

void TestUserCommand::refusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, password);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    const UserCliResult result = m_cli->run(arguments, password);
    QVERIFY2(result.finished, qPrintable(result.describe()));
    QCOMPARE(result.exitCode, exitCode);
    // One clear line on stderr, nothing on stdout.
    QVERIFY2(result.err.contains(mentions), qPrintable(result.describe()));
    QCOMPARE(result.err.trimmed().count(u'\n'), 0);
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    // Nothing changed: erin still signs in with her password, ivy does not exist.
    QVERIFY(login(u"erin"_s, u"erin-password"_s).ok);
    const UserCliResult listed = m_cli->run({u"list"_s});
    QVERIFY2(listed.exitCode == 0 && !listed.out.contains(u"ivy"_s), qPrintable(listed.describe()));
}

void TestUserCommand::removeIsRefusedWhileHoldingLocks()
{
    // This data directory has no demo records; a lock of an unknown record id cannot be taken, so
    // seed one record through a demo server of its own.
    QTemporaryDir demoDir;
    ServerOptions options;
    options.dataDir = demoDir.path();
    ServerProcess demo(options);
    QVERIFY2(demo.start(), qPrintable(demo.output()));
    UserCli demoCli(demoDir.path());
    QVERIFY(demoCli.run({u"add"_s, u"jan"_s, u"--display-name"_s, u"Jan"_s}, u"jan-password"_s).exitCode == 0);

    TestClient jan;
    QVERIFY(jan.connectTo(demo.wsUrl()));
    QVERIFY(jan.login(u"jan"_s, u"jan-password"_s).ok);
    const ServerMessage acquired = jan.request(ops::Acquire, recordArg(u"C-1001"_s));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));

    const UserCliResult refused = demoCli.run({u"remove"_s, u"jan"_s});
    QCOMPARE(refused.exitCode, 6);
    QVERIFY2(refused.err.contains(u"C-1001"_s), qPrintable(refused.describe()));
    // Still there.
    TestClient check;
    QVERIFY(check.connectTo(demo.wsUrl()));
    QVERIFY(check.login(u"jan"_s, u"jan-password"_s).ok);

    QVERIFY(jan.request(ops::Release, tokenArgs(u"C-1001"_s, lockOf(acquired.result).token)).ok);
    const UserCliResult removed = demoCli.run({u"remove"_s, u"jan"_s});
    QVERIFY2(removed.exitCode == 0, qPrintable(removed.describe()));
    TestClient after;
    QVERIFY(after.connectTo(demo.wsUrl()));
    QCOMPARE(TestClient::outcome(after.login(u"jan"_s, u"jan-password"_s)), u"invalid_credentials"_s);
}

void TestUserCommand::removeIsRefusedWhenRedisIsUnreachable()
{
    // Nothing listens on port 1: whether the user holds locks there cannot be known, so no removal.
    const UserCliResult refused =
        m_cli->run({u"remove"_s, u"erin"_s, u"--store"_s, u"redis"_s, u"--redis-url"_s,
                    u"redis://:not-for-logs@127.0.0.1:1/0"_s, u"--redis-prefix"_s, u"unreachable:"_s});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"Redis at redis://127.0.0.1:1/0"_s), qPrintable(refused.describe()));
    QVERIFY2(refused.err.contains(u"erin was not removed"_s), qPrintable(refused.describe()));
    QVERIFY2(!refused.err.contains(u"not-for-logs"_s), qPrintable(refused.describe()));
    QVERIFY2(refused.out.isEmpty(), qPrintable(refused.describe()));
    QVERIFY(login(u"erin"_s, u"erin-password"_s).ok);
}

void TestUserCommand::loginUpgradesAWeakerHash()
{
    // Made with the cheapest parameters; the server uses the defaults (m=65536 KiB, t=2).
    const UserCliResult added = m_cli->run({u"add"_s, u"kim"_s, u"--display-name"_s, u"Kim"_s,
                                            u"--password-hash-passes"_s, u"1"_s, u"--password-hash-memory"_s, u"8"_s},
                                           u"kim-password"_s);
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const QString weak = storedHash(m_dataDir.path(), u"kim"_s);
    QVERIFY2(weak.startsWith(u"$argon2id$v=19$m=8,t=1,"_s), qPrintable(weak));

    TestClient first;
    QVERIFY(first.connectTo(m_server->wsUrl()));
    QVERIFY(first.login(u"kim"_s, u"kim-password"_s).ok);
    const QString upgraded = storedHash(m_dataDir.path(), u"kim"_s);
    QVERIFY2(upgraded.startsWith(u"$argon2id$v=19$m=65536,t=2,"_s), qPrintable(upgraded));

    // Same password, and the upgrade signed nobody out.
    QVERIFY(login(u"kim"_s, u"kim-password"_s).ok);
    TestClient resumed;
    QVERIFY(resumed.connectTo(m_server->wsUrl()));
    QVERIFY(resumed.auth(first.token(), first.sessionId()).ok);
    // An up-to-date hash is left alone.
    QCOMPARE(storedHash(m_dataDir.path(), u"kim"_s), upgraded);
}

QTEST_GUILESS_MAIN(TestUserCommand)
#include "tst_usercommand.moc"
