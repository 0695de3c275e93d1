// The sign-in dialog against a real recordlockd: each failure is explained in words, success signs
// the connection in, and "remember me" keeps the server and user name (never the password).
#include <QCheckBox>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "client/connection.h"
#include "common/systemclock.h"
#include "serverprocess.h"
#include "ui/signindialog.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

class tst_SignInDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void wrongPasswordIsExplained();
    void unreachableServerIsExplained();
    void expiredSessionIsExplained();
    void successRemembersServerAndUser();

private:
    static void fill(SignInDialog &dialog, const QUrl &url, const QString &user, const QString &password);
    ServerProcess m_server;
    SystemClock m_clock;
};

void tst_SignInDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
}

void tst_SignInDialog::fill(SignInDialog &dialog, const QUrl &url, const QString &user, const QString &password)
{
    dialog.setServerUrl(url);
    dialog.setUserName(user);
    dialog.findChild<QLineEdit *>(u"password"_s)->setText(password);
}

void tst_SignInDialog::wrongPasswordIsExplained()
{
    WindowLeakGuard guard;
    Connection connection(m_clock);
    SignInDialog dialog(&connection, nullptr);
    fill(dialog, m_server.wsUrl(), u"alice"_s, u"not-alices-password"_s);
    dialog.show();
    dialog.submit();
    QTRY_COMPARE(dialog.message(), u"Wrong user name or password."_s);
    QVERIFY(dialog.isVisible());
    QVERIFY(!connection.isOnline());
    QVERIFY(dialog.findChild<QLineEdit *>(u"password"_s)->isEnabled());
}

void tst_SignInDialog::unreachableServerIsExplained()
{
    WindowLeakGuard guard;
    // A port that was free a moment ago: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    Connection connection(m_clock);
    SignInDialog dialog(&connection, nullptr);
    const QUrl url(u"ws://127.0.0.1:%1/ws"_s.arg(port));
    fill(dialog, url, u"alice"_s, u"alice"_s);
    dialog.show();
    dialog.submit();
    QTRY_VERIFY(dialog.message().startsWith(u"The server at ws://127.0.0.1:%1/ws cannot be reached."_s.arg(port)));
    QVERIFY(!dialog.message().contains(u"unavailable"_s)); // never the raw code
}

void tst_SignInDialog::expiredSessionIsExplained()
{
    // The window shows this when an automatic resume is refused because the token ran out.
    ProtocolError expired{ErrorCode::Unauthenticated, u"token expired"_s, {{u"reason"_s, u"expired"_s}}};
    QCOMPARE(SignInDialog::describeError(expired, m_server.wsUrl()),
             u"Your session has expired. Please sign in again."_s);
}

void tst_SignInDialog::successRemembersServerAndUser()
{
    WindowLeakGuard guard;
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    {
        Connection connection(m_clock);
        SignInDialog dialog(&connection, &settings);
        fill(dialog, m_server.wsUrl(), u"bob"_s, u"bob"_s);
        dialog.findChild<QCheckBox *>(u"remember"_s)->setChecked(true);
        QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
        dialog.show();
        dialog.submit();
        QVERIFY(signedIn.wait());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(connection.isOnline());
        QCOMPARE(connection.session().displayName, u"Bob Baker"_s);
    }
    QCOMPARE(settings.value(SignInDialog::serverUrlKey()).toString(), m_server.wsUrl().toString());
    QCOMPARE(settings.value(SignInDialog::userNameKey()).toString(), u"bob"_s);
    QCOMPARE(settings.allKeys().size(), 3); // server, user name and the choice itself; no password

    // The next dialog starts with both filled in.
    Connection connection(m_clock);
    SignInDialog next(&connection, &settings);
    QCOMPARE(next.serverUrl(), m_server.wsUrl());
    QCOMPARE(next.userName(), u"bob"_s);
}

QTEST_MAIN(tst_SignInDialog)
#include "tst_signindialog.moc"
