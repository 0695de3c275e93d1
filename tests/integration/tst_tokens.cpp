// Token revocation (docs/protocol.md: a token is refused with reason "invalid" when its user no
// longer exists, it was issued before the user's last password change, or another server signed
// it) against a real recordlockd and the real `recordlockd user` command. Tampered, expired and
// missing tokens are covered by tst_auth.

#include <memory>

#include <QDir>
#include <QSqlQuery>
#include <QTest>

#include "protocol/names.h"
#include "serverdatabase.h"
#include "serverprocess.h"
#include "testclient.h"
#include "usercli.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

/// The internal id of a user, read from the server's database (-1 if none).
qint64 userIdOf(const QString &dataDir, const QString &name)
{
    ServerDatabase database(dataDir);
    if (!database.open())
        return qint64(-1);
    QSqlQuery query(database.db());
    query.prepare(u"SELECT id FROM users WHERE name = ?"_s);
    query.addBindValue(name);
    if (!query.exec() || !query.next())
        return qint64(-1);
    return query.value(0).toLongLong();
}

} // namespace

class TestTokens : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void passwordChangeRevokesEarlierTokens();
    void removedUsersTokenIsInvalid();
    void removedUsersIdIsNeverReused();
    void tokenOfAnotherServerIsInvalid();

private:
    /// Adds an account with the CLI while the server runs.
    bool addUser(const QString &name, const QString &password);
    /// auth with token on a new connection; the reply.
    ServerMessage authOnNewConnection(const QString &token);

    ServerProcess m_server;
    std::unique_ptr<UserCli> m_cli;
};

void TestTokens::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    m_cli = std::make_unique<UserCli>(m_server.dataDir());
}

bool TestTokens::addUser(const QString &name, const QString &password)
{
    const UserCliResult added = m_cli->run({u"add"_s, name, u"--display-name"_s, u"Test "_s + name}, password);
    if (added.exitCode != 0)
        qWarning().noquote() << "user add" << name << ":" << added.describe();
    return added.exitCode == 0;
}

ServerMessage TestTokens::authOnNewConnection(const QString &token)
{
    TestClient client;
    if (!client.connectTo(m_server.wsUrl()))
        return ServerMessage();
    return client.auth(token);
}

void TestTokens::passwordChangeRevokesEarlierTokens()
{
    QVERIFY(addUser(u"dave"_s, u"first-password"_s));
    TestClient before;
    QVERIFY(before.connectTo(m_server.wsUrl()));
    const ServerMessage login = before.login(u"dave"_s, u"first-password"_s);
    QVERIFY2(login.ok, qPrintable(TestClient::describe(login)));
    QVERIFY(authOnNewConnection(before.token()).ok);

    const UserCliResult changed = m_cli->run({u"passwd"_s, u"dave"_s}, u"second-password"_s);
    QVERIFY2(changed.exitCode == 0, qPrintable(changed.describe()));

    const ServerMessage revoked = authOnNewConnection(before.token());
    QCOMPARE(TestClient::outcome(revoked), u"unauthenticated"_s);
    QCOMPARE(revoked.error.details.value(u"reason"_s).toString(), u"invalid"_s);

    TestClient after;
    QVERIFY(after.connectTo(m_server.wsUrl()));
    QCOMPARE(TestClient::outcome(after.login(u"dave"_s, u"first-password"_s)), u"invalid_credentials"_s);
    const ServerMessage relogin = after.login(u"dave"_s, u"second-password"_s);
    QVERIFY2(relogin.ok, qPrintable(TestClient::describe(relogin)));
    // A token issued after the change works, even within the same second as the change.
    const ServerMessage fresh = authOnNewConnection(after.token());
    QVERIFY2(fresh.ok, qPrintable(TestClient::describe(fresh)));
}

void TestTokens::removedUsersTokenIsInvalid()
{
    QVERIFY(addUser(u"frank"_s, u"frank-password"_s));
    TestClient client;
    QVERIFY(client.connectTo(m_server.wsUrl()));
    QVERIFY(client.login(u"frank"_s, u"frank-password"_s).ok);
    const QString token = client.token();
    client.close();

    const UserCliResult removed = m_cli->run({u"remove"_s, u"frank"_s});
    QVERIFY2(removed.exitCode == 0, qPrintable(removed.describe()));

    const ServerMessage refused = authOnNewConnection(token);
    QCOMPARE(TestClient::outcome(refused), u"unauthenticated"_s);
    QCOMPARE(refused.error.details.value(u"reason"_s).toString(), u"invalid"_s);
    TestClient again;
    QVERIFY(again.connectTo(m_server.wsUrl()));
    QCOMPARE(TestClient::outcome(again.login(u"frank"_s, u"frank-password"_s)), u"invalid_credentials"_s);
}

void TestTokens::removedUsersIdIsNeverReused()
{
    // Tokens name the user by id, so a removed account's id must never be handed to a new one:
    // the users table is AUTOINCREMENT, and the old account's token stays refused.
    QVERIFY(addUser(u"gina"_s, u"gina-password"_s));
    TestClient client;
    QVERIFY(client.connectTo(m_server.wsUrl()));
    QVERIFY(client.login(u"gina"_s, u"gina-password"_s).ok);
    const QString token = client.token();
    client.close();
    const qint64 ginaId = userIdOf(m_server.dataDir(), u"gina"_s);
    QVERIFY(ginaId > 0);

    QVERIFY(m_cli->run({u"remove"_s, u"gina"_s}).exitCode == 0);
    QVERIFY(addUser(u"hank"_s, u"hank-password"_s));
    QVERIFY2(userIdOf(m_server.dataDir(), u"hank"_s) > ginaId, "a removed user's id was reused");

    const ServerMessage refused = authOnNewConnection(token);
    QCOMPARE(TestClient::outcome(refused), u"unauthenticated"_s);
    QCOMPARE(refused.error.details.value(u"reason"_s).toString(), u"invalid"_s);
}

void TestTokens::tokenOfAnotherServerIsInvalid()
{
    ServerProcess other; // its own data directory, so its own secret
    QVERIFY2(other.start(), qPrintable(other.output()));
    TestClient client;
    QVERIFY(client.connectAndLogin(other.wsUrl(), u"alice"_s).ok);

    const ServerMessage refused = authOnNewConnection(client.token());
    QCOMPARE(TestClient::outcome(refused), u"unauthenticated"_s);
    QCOMPARE(refused.error.details.value(u"reason"_s).toString(), u"invalid"_s);
}

QTEST_GUILESS_MAIN(TestTokens)
#include "tst_tokens.moc"
