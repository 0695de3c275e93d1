// "Remember me" end to end with the real Secret Service (scripts/with-test-services.sh): the session
// token (never the password) goes to the keychain, the next start signs in without a dialog, Sign out
// deletes it, and a token the server refuses brings the dialog back, prefilled and with the reason.
#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "client/connection.h"
#include "client/tokenvault.h"
#include "common/systemclock.h"
#include "serverprocess.h"
#include "ui/clientstack.h"
#include "ui/mainwindow.h"
#include "ui/signindialog.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

constexpr int WaitMs = 10'000;

/// What keptToken() says when the keychain has no entry.
const QString NoToken = u"<none>"_s;

/// The token kept for user on server, or NoToken; a description of the failure otherwise.
QString keptToken(const QUrl &server, const QString &user)
{
    TokenVault vault;
    QSignalSpy read(&vault, &TokenVault::tokenRead);
    vault.readToken(server, user);
    if (!read.wait(WaitMs))
        return u"<no answer from the keychain>"_s;
    const auto result = read.constFirst().constFirst().value<TokenVault::Result>();
    if (result.status == TokenVault::Status::NotFound)
        return NoToken;
    return result.status == TokenVault::Status::Ok ? result.token : u"<keychain error: "_s + result.errorText + u'>';
}

/// Keeps token for user on server, as a previous run would have.
bool keepToken(const QUrl &server, const QString &user, const QString &token)
{
    TokenVault vault;
    QSignalSpy stored(&vault, &TokenVault::tokenStored);
    vault.storeToken(server, user, token);
    return stored.wait(WaitMs)
        && stored.constFirst().constFirst().value<TokenVault::Result>().status == TokenVault::Status::Ok;
}

/// Settings as the dialog leaves them after a sign-in with "remember me".
void rememberInSettings(QSettings &settings, const QUrl &server, const QString &user)
{
    settings.setValue(SignInDialog::rememberKey(), true);
    settings.setValue(SignInDialog::serverUrlKey(), server.toString());
    settings.setValue(SignInDialog::userNameKey(), user);
}

} // namespace

class tst_RememberMe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rememberSignsInSilentlyAndSignOutForgets();
    void tamperedTokenAsksForThePassword();
    void expiredTokenAsksForThePassword();

private:
    ServerProcess m_server;
    SystemClock m_clock;
    QTemporaryDir m_drafts;
};

void tst_RememberMe::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("RECORDLOCK_TEST_KEYCHAIN"))
        QFAIL("No test keychain: run this test under scripts/with-test-services.sh, which starts a private "
              "D-Bus session with an unlocked gnome-keyring and sets RECORDLOCK_TEST_KEYCHAIN=1.");
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
}

void tst_RememberMe::rememberSignsInSilentlyAndSignOutForgets()
{
    WindowLeakGuard guard;
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    const QUrl url = m_server.wsUrl();
    const QString password = u"carol"_s;
    QString token;

    // First start: nothing remembered, so the dialog; sign in with "remember me".
    {
        ClientStack stack(m_clock, m_drafts.path());
        MainWindow window(&stack, &settings);
        window.show();
        window.signIn(url, u"carol"_s);
        SignInDialog *dialog = window.signInDialog();
        QVERIFY(dialog);
        QTRY_COMPARE(stack.tokenVault().availability(), TokenVault::Availability::Available);
        dialog->findChild<QLineEdit *>(u"password"_s)->setText(password);
        dialog->findChild<QCheckBox *>(u"remember"_s)->setChecked(true);
        QCOMPARE(dialog->keychainNote(), QString()); // a keychain exists: nothing to warn about
        QSignalSpy stored(&stack.tokenVault(), &TokenVault::tokenStored);
        dialog->submit();
        QTRY_VERIFY_WITH_TIMEOUT(stack.connection().isOnline(), WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, WaitMs);
        QCOMPARE(stored.constFirst().constFirst().value<TokenVault::Result>().status, TokenVault::Status::Ok);
        token = stack.connection().session().token;
        stack.connection().close(); // as a crash would: no logout, the token stays valid
    }

    // The keychain holds the session token, not the password; the settings file holds neither.
    QCOMPARE(keptToken(url, u"carol"_s), token);
    QVERIFY(token != password);
    QCOMPARE(token.count(u'.'), 2); // a JWT
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(!saved.contains(token.toUtf8()));
    QVERIFY(!saved.contains("password"));

    // Next start: signed in without a dialog, with the same user.
    {
        ClientStack stack(m_clock, m_drafts.path());
        MainWindow window(&stack, &settings);
        window.show();
        QSignalSpy signedIn(&stack.connection(), &Connection::signedIn);
        window.signIn(url, QString()); // what main() does without --user and RECORDLOCK_PASSWORD
        QVERIFY(signedIn.wait(WaitMs));
        QVERIFY(stack.connection().isOnline());
        QCOMPARE(stack.connection().session().displayName, u"Carol White"_s);
        QVERIFY(!window.findChild<SignInDialog *>());

        // Sign out: logout, the keychain entry is deleted, the dialog is back, the records are gone.
        QTRY_VERIFY(stack.listModel().rowCount() > 0);
        QSignalSpy signedOut(&stack.connection(), &Connection::signedOut);
        QSignalSpy forgotten(&stack.tokenVault(), &TokenVault::tokenForgotten);
        QVERIFY(window.signOutAction()->isEnabled());
        window.signOutAction()->trigger();
        QVERIFY(signedOut.wait(WaitMs));
        QTRY_COMPARE_WITH_TIMEOUT(forgotten.size(), 1, WaitMs);
        QCOMPARE(forgotten.constFirst().constFirst().value<TokenVault::Result>().status, TokenVault::Status::Ok);
        QCOMPARE(keptToken(url, u"carol"_s), NoToken);
        QTRY_VERIFY(window.signInDialog() && window.signInDialog()->isVisible());
        QCOMPARE(window.signInDialog()->userName(), u"carol"_s);
        QCOMPARE(stack.listModel().rowCount(), 0);
        QVERIFY(!stack.connection().isOnline());
        QVERIFY(!window.signOutAction()->isEnabled());
    }

    // And the start after that asks for the password again.
    {
        ClientStack stack(m_clock, m_drafts.path());
        MainWindow window(&stack, &settings);
        window.show();
        window.signIn(url, QString());
        QTRY_VERIFY_WITH_TIMEOUT(window.signInDialog(), WaitMs);
        QCOMPARE(window.signInDialog()->userName(), u"carol"_s);
        QVERIFY(!stack.connection().isOnline());
    }
}

void tst_RememberMe::tamperedTokenAsksForThePassword()
{
    WindowLeakGuard guard;
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    const QUrl url = m_server.wsUrl();

    // A real token with one character of its signature changed.
    QString token;
    {
        Connection connection(m_clock);
        QSignalSpy signedIn(&connection, &Connection::signedIn);
        connection.open(url);
        connection.login(u"bob"_s, u"bob"_s);
        QVERIFY(signedIn.wait(WaitMs));
        token = connection.session().token;
        connection.close();
    }
    const qsizetype last = token.size() - 2;
    token[last] = token.at(last) == u'A' ? u'B' : u'A';
    QVERIFY(keepToken(url, u"bob"_s, token));
    rememberInSettings(settings, url, u"bob"_s);

    ClientStack stack(m_clock, m_drafts.path());
    MainWindow window(&stack, &settings);
    window.show();
    QSignalSpy forgotten(&stack.tokenVault(), &TokenVault::tokenForgotten);
    window.signIn(url, QString());
    QTRY_VERIFY_WITH_TIMEOUT(window.signInDialog(), WaitMs);
    SignInDialog *dialog = window.signInDialog();
    QCOMPARE(dialog->message(), u"Your session is no longer valid. Please sign in again."_s);
    QCOMPARE(dialog->userName(), u"bob"_s);
    QVERIFY(!stack.connection().isOnline());
    // The refused token is gone, so the next start does not try it again.
    QTRY_COMPARE_WITH_TIMEOUT(forgotten.size(), 1, WaitMs);
    QCOMPARE(keptToken(url, u"bob"_s), NoToken);

    // The password brings the window in, and "remember me" (still ticked) keeps the new token.
    QVERIFY(dialog->findChild<QCheckBox *>(u"remember"_s)->isChecked());
    QSignalSpy stored(&stack.tokenVault(), &TokenVault::tokenStored);
    dialog->findChild<QLineEdit *>(u"password"_s)->setText(u"bob"_s);
    dialog->submit();
    QTRY_VERIFY_WITH_TIMEOUT(stack.connection().isOnline(), WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, WaitMs);
    QCOMPARE(keptToken(url, u"bob"_s), stack.connection().session().token);
}

void tst_RememberMe::expiredTokenAsksForThePassword()
{
    WindowLeakGuard guard;
    ServerOptions options;
    options.extraArgs = {u"--token-ttl"_s, u"1"_s};
    ServerProcess shortLived(options);
    QVERIFY2(shortLived.start(), qPrintable(shortLived.output()));
    const QUrl url = shortLived.wsUrl();
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);

    {
        Connection connection(m_clock);
        QSignalSpy signedIn(&connection, &Connection::signedIn);
        connection.open(url);
        connection.login(u"alice"_s, u"alice"_s);
        QVERIFY(signedIn.wait(WaitMs));
        QVERIFY(keepToken(url, u"alice"_s, connection.session().token));
        const qint64 expiresAt = connection.session().tokenExpiresAt;
        QVERIFY(QTest::qWaitFor([&] { return connection.serverClock().serverNowMs() > expiresAt + 200; }, WaitMs));
        connection.close();
    }
    rememberInSettings(settings, url, u"alice"_s);

    ClientStack stack(m_clock, m_drafts.path());
    MainWindow window(&stack, &settings);
    window.show();
    window.signIn(url, QString());
    QTRY_VERIFY_WITH_TIMEOUT(window.signInDialog(), WaitMs);
    QCOMPARE(window.signInDialog()->message(), u"Your session has expired. Please sign in again."_s);
    QCOMPARE(window.signInDialog()->userName(), u"alice"_s);
    QTRY_COMPARE_WITH_TIMEOUT(keptToken(url, u"alice"_s), NoToken, WaitMs);
}

QTEST_MAIN(tst_RememberMe)
#include "tst_rememberme.moc"
