// TokenVault against the real Secret Service (gnome-keyring on a private D-Bus session, started by
// scripts/with-test-services.sh): tokens are stored, read back, replaced and deleted per account.
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include "client/tokenvault.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

const QUrl Server(u"ws://127.0.0.1:8765/ws"_s);

/// A user name no earlier run has used, so leftovers in a keyring cannot make a test pass.
QString freshUser()
{
    return u"user-"_s + QUuid::createUuid().toString(QUuid::Id128);
}

} // namespace

class tst_TokenVault : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void accountNamesUserAndServer();
    void storeReadAndForget();
    void storeReplacesTheOldToken();
    void accountsAreSeparate();
    void probeFindsTheKeychain();

private:
    /// Runs one job and returns its result; fails the test when no signal comes.
    static TokenVault::Result await(TokenVault &vault, void (TokenVault::*signal)(const TokenVault::Result &));
};

void tst_TokenVault::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("RECORDLOCK_TEST_KEYCHAIN"))
        QFAIL("No test keychain: run this test under scripts/with-test-services.sh, which starts a private "
              "D-Bus session with an unlocked gnome-keyring and sets RECORDLOCK_TEST_KEYCHAIN=1.");
}

TokenVault::Result tst_TokenVault::await(TokenVault &vault, void (TokenVault::*signal)(const TokenVault::Result &))
{
    QSignalSpy spy(&vault, signal);
    if (!spy.wait(10'000) || spy.size() != 1)
        return {};
    return spy.constFirst().constFirst().value<TokenVault::Result>();
}

void tst_TokenVault::accountNamesUserAndServer()
{
    QCOMPARE(TokenVault::serviceName(), u"RecordLock"_s);
    QCOMPARE(TokenVault::account(Server, u"alice"_s), u"alice@ws://127.0.0.1:8765/ws"_s);
    QCOMPARE(TokenVault::account(QUrl(u"wss://records.example.com/ws"_s), u"bob"_s),
             u"bob@wss://records.example.com/ws"_s);
}

void tst_TokenVault::storeReadAndForget()
{
    TokenVault vault;
    const QString user = freshUser();
    const QString token = u"eyJhbGciOiJIUzI1NiJ9.test."_s + QUuid::createUuid().toString(QUuid::Id128);

    vault.readToken(Server, user);
    TokenVault::Result result = await(vault, &TokenVault::tokenRead);
    QCOMPARE(result.status, TokenVault::Status::NotFound);
    QCOMPARE(vault.availability(), TokenVault::Availability::Available);

    vault.storeToken(Server, user, token);
    result = await(vault, &TokenVault::tokenStored);
    QCOMPARE(result.status, TokenVault::Status::Ok);
    QCOMPARE(result.account, TokenVault::account(Server, user));

    // A second vault (as after a restart) finds it.
    TokenVault later;
    later.readToken(Server, user);
    result = await(later, &TokenVault::tokenRead);
    QCOMPARE(result.status, TokenVault::Status::Ok);
    QCOMPARE(result.token, token);

    later.forgetToken(Server, user);
    QCOMPARE(await(later, &TokenVault::tokenForgotten).status, TokenVault::Status::Ok);
    later.readToken(Server, user);
    result = await(later, &TokenVault::tokenRead);
    QCOMPARE(result.status, TokenVault::Status::NotFound);
    QVERIFY(result.token.isEmpty());

    // Forgetting what is not there is no error (sign-out without "remember me").
    later.forgetToken(Server, user);
    QCOMPARE(await(later, &TokenVault::tokenForgotten).status, TokenVault::Status::Ok);
}

void tst_TokenVault::storeReplacesTheOldToken()
{
    TokenVault vault;
    const QString user = freshUser();
    // Jobs run in the order they were started: the read sees the second token.
    QSignalSpy stored(&vault, &TokenVault::tokenStored);
    vault.storeToken(Server, user, u"first"_s);
    vault.storeToken(Server, user, u"second"_s);
    vault.readToken(Server, user);
    const TokenVault::Result result = await(vault, &TokenVault::tokenRead);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(result.status, TokenVault::Status::Ok);
    QCOMPARE(result.token, u"second"_s);
    vault.forgetToken(Server, user);
    QCOMPARE(await(vault, &TokenVault::tokenForgotten).status, TokenVault::Status::Ok);
}

void tst_TokenVault::accountsAreSeparate()
{
    TokenVault vault;
    const QString user = freshUser();
    const QString other = freshUser();
    const QUrl otherServer(u"wss://127.0.0.1:9443/ws"_s);
    QSignalSpy stored(&vault, &TokenVault::tokenStored);
    vault.storeToken(Server, user, u"token-for-user"_s);
    vault.storeToken(otherServer, user, u"token-elsewhere"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 2, 10'000);
    QCOMPARE(stored.at(1).constFirst().value<TokenVault::Result>().status, TokenVault::Status::Ok);

    vault.readToken(Server, other);
    QCOMPARE(await(vault, &TokenVault::tokenRead).status, TokenVault::Status::NotFound);
    vault.readToken(otherServer, user);
    QCOMPARE(await(vault, &TokenVault::tokenRead).token, u"token-elsewhere"_s);

    vault.forgetToken(Server, user);
    QCOMPARE(await(vault, &TokenVault::tokenForgotten).status, TokenVault::Status::Ok);
    vault.readToken(otherServer, user);
    QCOMPARE(await(vault, &TokenVault::tokenRead).token, u"token-elsewhere"_s);
    vault.forgetToken(otherServer, user);
    QCOMPARE(await(vault, &TokenVault::tokenForgotten).status, TokenVault::Status::Ok);
}

void tst_TokenVault::probeFindsTheKeychain()
{
    TokenVault vault;
    QCOMPARE(vault.availability(), TokenVault::Availability::Unknown);
    QSignalSpy changed(&vault, &TokenVault::availabilityChanged);
    vault.probe();
    QVERIFY(changed.wait(10'000));
    QCOMPARE(vault.availability(), TokenVault::Availability::Available);
}

QTEST_GUILESS_MAIN(tst_TokenVault)
#include "tst_tokenvault.moc"
