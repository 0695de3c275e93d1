// A desktop without a keychain: the real QtKeychain with a D-Bus session address that leads nowhere
// fails as it does on a headless machine. The sign-in dialog says so under "remember me", the
// window remembers only the server URL and user name, and the next start asks for the password.
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
const QString NoKeychainNote = u"No keychain is available on this desktop; RecordLock cannot remember you."_s;

} // namespace

class tst_NoKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dialogSaysSoAndOnlyServerAndUserAreKept();
    void nextStartAsksForThePassword();

private:
    ServerProcess m_server;
    SystemClock m_clock;
    QTemporaryDir m_drafts;
    QTemporaryDir m_settingsDir;
};

void tst_NoKeychain::initTestCase()
{
    // Before anything touches D-Bus (the bus connection is made once per process). CMake sets the
    // same for ctest; this keeps a run by hand on a desktop away from its real keychain too.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/recordlock-no-bus");
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
}

void tst_NoKeychain::dialogSaysSoAndOnlyServerAndUserAreKept()
{
    WindowLeakGuard guard;
    QSettings settings(m_settingsDir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    ClientStack stack(m_clock, m_drafts.path());
    MainWindow window(&stack, &settings);
    window.show();
    window.signIn(m_server.wsUrl(), u"alice"_s);
    SignInDialog *dialog = window.signInDialog();
    QVERIFY(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(stack.tokenVault().availability(), TokenVault::Availability::Unavailable, WaitMs);

    // Said only to someone who wants to be remembered.
    auto *remember = dialog->findChild<QCheckBox *>(u"remember"_s);
    QVERIFY(!remember->isChecked());
    QCOMPARE(dialog->keychainNote(), QString());
    remember->setChecked(true);
    QCOMPARE(dialog->keychainNote(), NoKeychainNote);
    auto *note = dialog->findChild<QWidget *>(u"keychainNote"_s);
    QVERIFY(note && note->isVisible());
    QCOMPARE(note->accessibleName(), NoKeychainNote);

    // Signing in still works; storing the token fails as the keychain is not there.
    QSignalSpy stored(&stack.tokenVault(), &TokenVault::tokenStored);
    dialog->findChild<QLineEdit *>(u"password"_s)->setText(u"alice"_s);
    dialog->submit();
    QTRY_VERIFY_WITH_TIMEOUT(stack.connection().isOnline(), WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, WaitMs);
    QCOMPARE(stored.constFirst().constFirst().value<TokenVault::Result>().status, TokenVault::Status::Unavailable);

    settings.sync();
    QCOMPARE(settings.value(SignInDialog::serverUrlKey()).toString(), m_server.wsUrl().toString());
    QCOMPARE(settings.value(SignInDialog::userNameKey()).toString(), u"alice"_s);
    QCOMPARE(settings.value(SignInDialog::rememberKey()).toBool(), true);
    // No insecure fallback: the token is in no file.
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(stack.connection().session().token.toUtf8()));
    stack.connection().close();
}

void tst_NoKeychain::nextStartAsksForThePassword()
{
    WindowLeakGuard guard;
    QSettings settings(m_settingsDir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    QVERIFY(settings.value(SignInDialog::rememberKey()).toBool()); // left by the test before
    ClientStack stack(m_clock, m_drafts.path());
    MainWindow window(&stack, &settings);
    window.show();
    window.signIn(m_server.wsUrl(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(window.signInDialog(), WaitMs);
    SignInDialog *dialog = window.signInDialog();
    QCOMPARE(dialog->userName(), u"alice"_s);
    QCOMPARE(dialog->serverUrl(), m_server.wsUrl());
    QCOMPARE(dialog->keychainNote(), NoKeychainNote);
    QVERIFY(!stack.connection().isOnline());
}

QTEST_MAIN(tst_NoKeychain)
#include "tst_nokeychain.moc"
