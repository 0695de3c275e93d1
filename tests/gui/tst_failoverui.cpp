// Several servers in the desktop UI, against a real recordlockd: the sign-in dialog takes a
// comma-separated list (and names a bad entry), remembers the list, and the connection indicator
// says which server (host:port) it is connected to or will try next.
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
#include "ui/connectionindicator.h"
#include "ui/signindialog.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

/// A ws:// URL on which nothing listens (a port that was free a moment ago).
QUrl deadUrl()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return {};
    return QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(probe.serverPort()));
}

} // namespace

class tst_FailoverUi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void badEntryIsNamed();
    void listSignsInRemembersAndShowsTheServer();

private:
    ServerProcess m_server;
    SystemClock m_clock;
};

void tst_FailoverUi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
}

void tst_FailoverUi::badEntryIsNamed()
{
    WindowLeakGuard guard;
    Connection connection(m_clock);
    SignInDialog dialog(&connection, nullptr);
    dialog.findChild<QLineEdit *>(u"serverUrl"_s)->setText(m_server.wsUrl().toString() + u", http://other:8765/ws"_s);
    dialog.setUserName(u"alice"_s);
    dialog.findChild<QLineEdit *>(u"password"_s)->setText(u"alice"_s);
    dialog.show();
    dialog.submit();
    QCOMPARE(dialog.message(), u"\u201chttp://other:8765/ws\u201d is not a server address. Enter addresses such as "
                               "ws://127.0.0.1:8765/ws, several separated by commas."_s);
    QCOMPARE(connection.state(), Connection::State::Offline);
    QVERIFY(dialog.servers().isEmpty());
}

void tst_FailoverUi::listSignsInRemembersAndShowsTheServer()
{
    WindowLeakGuard guard;
    const QUrl dead = deadUrl();
    QVERIFY(dead.isValid());
    const QList<QUrl> servers{dead, m_server.wsUrl()};
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    Connection connection(m_clock);
    connection.setBackoff(Backoff(60'000, 60'000, Backoff::Jitter::Equal, [] { return 0.0; }));
    ConnectionIndicator indicator(&connection);
    {
        SignInDialog dialog(&connection, &settings);
        dialog.findChild<QLineEdit *>(u"serverUrl"_s)->setText(dead.toString() + u" , "_s + m_server.wsUrl().toString());
        dialog.setUserName(u"bob"_s);
        dialog.findChild<QLineEdit *>(u"password"_s)->setText(u"bob"_s);
        dialog.findChild<QCheckBox *>(u"remember"_s)->setChecked(true);
        QCOMPARE(dialog.servers(), servers);
        QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
        dialog.show();
        dialog.submit();
        QVERIFY(signedIn.wait(10'000));
    }
    // Past the dead first server to the live second one.
    QVERIFY(connection.isOnline());
    QCOMPARE(connection.url(), m_server.wsUrl());
    QCOMPARE(indicator.text(), u"Connected"_s);
    QCOMPARE(indicator.details(), u"Connected to 127.0.0.1:%1"_s.arg(m_server.port()));
    QCOMPARE(indicator.accessibleDescription(), indicator.details());
    // The whole list is remembered, in order, and comes back in the next dialog.
    QCOMPARE(settings.value(SignInDialog::serverUrlKey()).toString(),
             dead.toString() + u", "_s + m_server.wsUrl().toString());
    {
        SignInDialog next(&connection, &settings);
        QCOMPARE(next.servers(), servers);
        QCOMPARE(next.serverUrl(), dead);
    }

    // The server goes away: it is retried first, after the (long) backoff step, as a blip must
    // not move the client; the indicator says it is not connected and which server comes next.
    m_server.kill9();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), Connection::State::WaitingToReconnect, 10'000);
    QVERIFY2(indicator.text().startsWith(u"Reconnecting in "_s), qPrintable(indicator.text()));
    QVERIFY2(indicator.text().endsWith(u"(attempt 1)"_s), qPrintable(indicator.text()));
    QCOMPARE(indicator.details(), u"Not connected; next attempt: 127.0.0.1:%1"_s.arg(m_server.port()));
    connection.close();
    QCOMPARE(indicator.text(), u"Offline"_s);
    QCOMPARE(indicator.details(), u"Not connected; servers: 127.0.0.1:%1, 127.0.0.1:%2"_s.arg(dead.port())
                                      .arg(m_server.port()));
}

QTEST_MAIN(tst_FailoverUi)
#include "tst_failoverui.moc"
