// Screenshots of the real widgets in every lock banner state, against real recordlockd servers, for
// docs/screenshots/. Run by scripts/make-screenshots.sh, which starts two servers: one with the
// default lock TTL for most states, and one with a short TTL that the tool pauses (SIGSTOP) for a
// moment, so that a renewal fails and a lock request waits, as they would on a stalled server.
//
// Usage: recordlock_screenshots --server URL --paused-server URL --paused-pid PID --out DIR [--lang de]
#include <signal.h>

#include <memory>

#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFont>
#include <QLineEdit>
#include <QPushButton>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QSignalSpy>
#include <QTest>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTreeView>

#include "client/lockstate.h"
#include "client/serverclock.h"
#include "editor/editorcontroller.h"
#include "editor/historymodel.h"
#include "guiclient.h"
#include "ui/conflictdialog.h"
#include "ui/adminmenu.h"
#include "ui/darkpalette.h"
#include "ui/editoradminactions.h"
#include "ui/historydialog.h"
#include "ui/lockbanner.h"
#include "ui/locksdialog.h"
#include "ui/overridedialog.h"
#include "ui/messagebar.h"
#include "ui/recordeditor.h"
#include "ui/recordform.h"
#include "ui/recordlistview.h"
#include "ui/signindialog.h"
#include "ui/translations.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;
using Kind = LockBannerText::Kind;

namespace {

constexpr int WaitMs = 8000;

class Shooter
{
public:
    Shooter(QString outDir, QString suffix)
        : m_outDir(std::move(outDir))
        , m_suffix(std::move(suffix))
    {
    }

    bool save(QWidget *widget, const QString &name)
    {
        QCoreApplication::processEvents();
        const QString path = m_outDir + u'/' + name + m_suffix + u".png"_s;
        const bool ok = widget->grab().save(path);
        QTextStream(stdout) << (ok ? "wrote " : "FAILED to write ") << path << Qt::endl;
        m_failures += ok ? 0 : 1;
        return ok;
    }

    bool waitFor(GuiClient &client, Kind kind, const char *what)
    {
        const bool ok = QTest::qWaitFor([&client, kind] { return client.banner()->content().kind == kind; }, WaitMs);
        if (!ok) {
            QTextStream(stderr) << "timed out waiting for " << what << "; banner says: " << client.banner()->text()
                                << Qt::endl;
            ++m_failures;
        }
        return ok;
    }

    void fail(const char *what)
    {
        QTextStream(stderr) << "failed: " << what << Qt::endl;
        ++m_failures;
    }

    int failures() const { return m_failures; }

private:
    QString m_outDir;
    QString m_suffix;
    int m_failures = 0;
};

void typeInto(GuiClient &client, const QString &field, const QString &text)
{
    auto *edit = qobject_cast<QLineEdit *>(client.editor()->form()->editor(field));
    if (!edit)
        return;
    edit->setFocus();
    edit->end(false);
    QTest::keyClicks(edit, text);
}

void prepare(GuiClient &client, const QPoint &position)
{
    client.window().resize(1240, 720);
    client.window().move(position);
    client.window().show();
}

/// The administrators' override: the take-over offer in the banner, the override dialog (light
/// and dark), the displaced holder's banner and editor, the locks view and the lock history.
void shootOverride(Shooter &shot, const QUrl &server)
{
    const QString record = u"CL-2026-0002"_s;
    const QString reason = u"Customer on the phone, needs the address fixed now"_s;
    GuiClient displaced(u"alice"_s);
    GuiClient admin(u"carol"_s);
    prepare(displaced, QPoint(260, 260));
    prepare(admin, QPoint(300, 300));
    if (!displaced.signIn(server) || !admin.signIn(server) || !displaced.open(record) || !admin.open(record)) {
        shot.fail("could not open the record for the override");
        return;
    }
    typeInto(displaced, u"status"_s, u", waiting for the surveyor"_s);
    if (!shot.waitFor(displaced, Kind::Editing, "alice editing before the override")
        || !shot.waitFor(admin, Kind::HeldByOther, "carol seeing alice"))
        return;
    if (QTest::qWaitFor([&admin] { return admin.banner()->content().offerTakeOver; }, WaitMs))
        shot.save(admin.banner(), u"banner-held-by-other-admin"_s);
    else
        shot.fail("no take-over offer for the admin");

    admin.editor()->admin()->takeOverAction()->trigger();
    OverrideDialog *dialog = admin.editor()->admin()->overrideDialog();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog)) {
        shot.fail("no override dialog");
        return;
    }
    dialog->setReason(reason);
    shot.save(dialog, u"override-dialog"_s);
    QApplication::setPalette(darkPalette());
    shot.save(dialog, u"override-dialog-dark"_s);
    QApplication::setPalette(QApplication::style()->standardPalette());
    dialog->submit();

    if (shot.waitFor(displaced, Kind::TakenOver, "taken over")) {
        shot.save(displaced.banner(), u"banner-taken-over"_s);
        displaced.stack().controller().save();
        if (QTest::qWaitFor([&displaced] { return !displaced.editor()->messageBar()->text().isEmpty(); }, WaitMs))
            shot.save(displaced.editor(), u"editor-taken-over"_s);
        else
            shot.fail("no message for the refused save");
    }
    shot.waitFor(admin, Kind::Editing, "carol editing after the override");

    auto *menu = admin.window().findChild<AdminMenu *>();
    if (menu) {
        menu->showLocksDialog();
        LocksDialog *locks = menu->locksDialog();
        if (locks && QTest::qWaitForWindowExposed(locks)) {
            locks->selectRecord(u"CL-2026-0001"_s);
            QTest::qWait(200); // let the rows settle
            shot.save(locks, u"locks-dialog"_s);
            locks->close();
        } else {
            shot.fail("no locks dialog");
        }
    } else {
        shot.fail("no admin menu");
    }

    admin.editor()->admin()->historyAction()->trigger();
    HistoryDialog *history = admin.editor()->admin()->historyDialog();
    if (history && QTest::qWaitForWindowExposed(history)
        && QTest::qWaitFor([history] { return history->model()->isLoaded(); }, WaitMs)) {
        shot.save(history, u"history-dialog"_s);
        history->close();
    } else {
        shot.fail("no lock history");
    }
}

/// Serves TLS on a free loopback port with a self-signed certificate (made with openssl in dir),
/// so a wss:// sign-in meets a certificate nobody trusts; nullptr when that fails.
std::unique_ptr<QSslServer> untrustedTlsServer(const QString &dir)
{
    QProcess openssl;
    openssl.setWorkingDirectory(dir);
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                 u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, u"server.key"_s,
                                 u"-out"_s, u"server.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s,
                                 u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s});
    if (!openssl.waitForFinished(30'000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0)
        return nullptr;
    QFile certificate(dir + u"/server.pem"_s);
    QFile key(dir + u"/server.key"_s);
    if (!certificate.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
        return nullptr;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(&certificate, QSsl::Pem));
    tls.setPrivateKey(QSslKey(&key, QSsl::Ec, QSsl::Pem));
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(tls);
    if (!server->listen(QHostAddress::LocalHost, 0))
        return nullptr;
    return server;
}

/// The sign-in dialog of a remembered session that ran out, the same on a desktop without a
/// keychain, and a wss:// server whose certificate is not trusted (dialog and status bar).
void shootCredentials(Shooter &shot, const QUrl &server)
{
    {
        GuiClient client(u"alice"_s);
        SignInDialog dialog(&client.stack().connection(), nullptr);
        dialog.setServerUrl(server);
        dialog.setUserName(u"alice"_s);
        dialog.findChild<QCheckBox *>(u"remember"_s)->setChecked(true);
        const ProtocolError expired{ErrorCode::Unauthenticated, {}, {{u"reason"_s, u"expired"_s}}};
        dialog.setMessage(SignInDialog::describeError(expired, server));
        dialog.show();
        if (QTest::qWaitForWindowExposed(&dialog))
            shot.save(&dialog, u"sign-in-session-expired"_s);
        else
            shot.fail("no dialog for the expired session");
    }
    {
        GuiClient client(u"alice"_s);
        client.window().signIn(server, u"alice"_s);
        SignInDialog *dialog = client.window().signInDialog();
        if (dialog) {
            dialog->findChild<QCheckBox *>(u"remember"_s)->setChecked(true);
            if (QTest::qWaitFor([dialog] { return !dialog->keychainNote().isEmpty(); }, WaitMs))
                shot.save(dialog, u"sign-in-no-keychain"_s);
            else
                shot.fail("no keychain note");
        } else {
            shot.fail("no sign-in dialog for the keychain note");
        }
    }
    QTemporaryDir dir;
    const std::unique_ptr<QSslServer> tls = untrustedTlsServer(dir.path());
    if (!tls) {
        shot.fail("no TLS server for the certificate error (is openssl installed?)");
        return;
    }
    GuiClient client(u"alice"_s);
    prepare(client, QPoint(240, 240));
    client.window().signIn(QUrl(u"wss://127.0.0.1:%1/ws"_s.arg(tls->serverPort())), u"alice"_s);
    SignInDialog *dialog = client.window().signInDialog();
    if (!dialog) {
        shot.fail("no sign-in dialog for the certificate error");
        return;
    }
    dialog->findChild<QLineEdit *>(u"password"_s)->setText(u"alice"_s);
    dialog->submit();
    const Connection &connection = client.stack().connection();
    if (QTest::qWaitFor([dialog, &connection] { return connection.certificateRefused() && !dialog->message().isEmpty(); },
                        WaitMs)) {
        shot.save(dialog, u"sign-in-certificate-error"_s);
        shot.save(client.window().statusBar(), u"status-certificate-error"_s);
    } else {
        shot.fail("no certificate error");
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // No keychain for this tool: it never touches the desktop's, and the no-keychain picture is
    // the same everywhere (D-Bus is connected once per process, so this comes first).
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/recordlock-screenshots");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"RecordLock"_s);
    QApplication::setApplicationName(u"recordlock-screenshots"_s);
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QFont font(u"DejaVu Sans"_s);
    font.setPointSizeF(9.5);
    QApplication::setFont(font);

    QCommandLineParser parser;
    const QCommandLineOption serverOption(u"server"_s, u"ws:// URL of a recordlockd with demo data"_s, u"url"_s);
    const QCommandLineOption pausedOption(u"paused-server"_s, u"ws:// URL of a second, short-TTL server"_s, u"url"_s);
    const QCommandLineOption pidOption(u"paused-pid"_s, u"the second server's process id (paused briefly)"_s,
                                       u"pid"_s);
    const QCommandLineOption outOption(u"out"_s, u"output directory"_s, u"dir"_s);
    const QCommandLineOption langOption(u"lang"_s, u"language, e.g. de"_s, u"code"_s);
    parser.addOptions({serverOption, pausedOption, pidOption, outOption, langOption});
    parser.addHelpOption();
    parser.process(app);
    const QUrl server(parser.value(serverOption));
    const QUrl pausedServer(parser.value(pausedOption));
    const qint64 pausedPid = parser.value(pidOption).toLongLong();
    const QString outDir = parser.value(outOption);
    const QString language = parser.value(langOption);
    if (!server.isValid() || !pausedServer.isValid() || pausedPid <= 0 || outDir.isEmpty())
        parser.showHelp(2);
    QDir().mkpath(outDir);

    Translations translations;
    translations.install(language.isEmpty() ? QLocale(QLocale::English, QLocale::UnitedKingdom) : QLocale(language));
    Shooter shot(outDir, language.isEmpty() || language == "en"_L1 ? QString() : u"-"_s + language);

    const QString record = u"CL-2026-0001"_s;
    GuiClient alice(u"alice"_s);
    GuiClient bob(u"bob"_s);
    prepare(alice, QPoint(0, 0));
    prepare(bob, QPoint(40, 40));
    if (!alice.signIn(server) || !bob.signIn(server) || !alice.open(record) || !bob.open(record)) {
        QTextStream(stderr) << "could not sign in and open " << record << Qt::endl;
        return 1;
    }

    // Available, then held by alice: her banner and bob's.
    if (shot.waitFor(bob, Kind::Available, "available"))
        shot.save(bob.banner(), u"banner-available"_s);
    typeInto(alice, u"status"_s, u", surveyor booked"_s);
    if (shot.waitFor(alice, Kind::Editing, "editing"))
        shot.save(alice.banner(), u"banner-editing"_s);
    if (shot.waitFor(bob, Kind::HeldByOther, "held by other")) {
        QTest::qWait(300); // let the list's lock column repaint
        shot.save(bob.banner(), u"banner-held-by-other"_s);
        bob.window().recordList()->view()->setFocus();
        shot.save(&bob.window(), u"main-window"_s);
        QApplication::setPalette(darkPalette());
        shot.save(bob.banner(), u"banner-held-by-other-dark"_s);
        shot.save(&bob.window(), u"main-window-dark"_s);
        QApplication::setPalette(QApplication::style()->standardPalette());
    }

    // Alice in a second window: it offers to move editing there; switching takes it from the first.
    GuiClient aliceElsewhere(u"alice"_s);
    prepare(aliceElsewhere, QPoint(80, 80));
    if (aliceElsewhere.signIn(server) && aliceElsewhere.open(record)
        && shot.waitFor(aliceElsewhere, Kind::EditingElsewhere, "editing elsewhere")) {
        shot.save(aliceElsewhere.banner(), u"banner-editing-elsewhere"_s);
        aliceElsewhere.banner()->findChild<QPushButton *>(u"switchHereButton"_s)->click();
        shot.waitFor(aliceElsewhere, Kind::Editing, "switched");
    }

    // The second window's connection drops: bob sees the holder disconnected.
    aliceElsewhere.stack().connection().close();
    if (shot.waitFor(bob, Kind::HolderDisconnected, "holder disconnected"))
        shot.save(bob.banner(), u"banner-holder-disconnected"_s);

    // Bob goes offline.
    bob.stack().connection().close();
    if (shot.waitFor(bob, Kind::Offline, "offline"))
        shot.save(bob.banner(), u"banner-offline"_s);

    // Idle: a window with a short idle timeout shows the countdown.
    EditorSettings idle;
    idle.idleTimeoutMs = 500;
    idle.idlePollMs = 100;
    GuiClient carol(u"carol"_s, idle);
    prepare(carol, QPoint(120, 120));
    if (carol.signIn(server) && carol.open(u"C-1005"_s)) {
        carol.editor()->editAction()->trigger();
        if (shot.waitFor(carol, Kind::IdleWarning, "idle warning"))
            shot.save(carol.banner(), u"banner-idle-warning"_s);
    }

    // A stalled server (the short-TTL one, paused): a lock request waits, a renewal fails, and when
    // the server resumes after the lock's expiry, the lock is gone but the typing is kept.
    GuiClient aliceStalled(u"alice"_s);
    GuiClient bobStalled(u"bob"_s);
    aliceStalled.stack().connection().setRequestTimeoutMs(1500);
    bobStalled.stack().connection().setRequestTimeoutMs(8000);
    prepare(aliceStalled, QPoint(160, 160));
    prepare(bobStalled, QPoint(200, 200));
    if (aliceStalled.signIn(pausedServer) && bobStalled.signIn(pausedServer) && aliceStalled.open(u"CL-2026-0003"_s)
        && bobStalled.open(u"CL-2026-0004"_s)) {
        typeInto(aliceStalled, u"status"_s, u", awaiting invoice"_s);
        shot.waitFor(aliceStalled, Kind::Editing, "editing on the paused server");
        // Pause right after a renewal, so the next one comes due while the server is stopped.
        QSignalSpy renewed(aliceStalled.stack().controller().lockState(), &LockState::changed);
        renewed.wait(WaitMs);
        ::kill(pid_t(pausedPid), SIGSTOP);
        bobStalled.editor()->editAction()->trigger();
        if (shot.waitFor(bobStalled, Kind::Pending, "pending"))
            shot.save(bobStalled.banner(), u"banner-pending"_s);
        if (shot.waitFor(aliceStalled, Kind::RenewalFailing, "renewal failing"))
            shot.save(aliceStalled.banner(), u"banner-renewal-failing"_s);
        const ServerClock &clock = aliceStalled.stack().connection().serverClock();
        const qint64 expiresAt = aliceStalled.stack().controller().lockState()->expiresAt();
        if (!QTest::qWaitFor([&clock, expiresAt] { return clock.serverNowMs() > expiresAt + 500; }, WaitMs))
            shot.fail("the lock did not run out");
        ::kill(pid_t(pausedPid), SIGCONT);
        if (shot.waitFor(aliceStalled, Kind::Lost, "lock lost"))
            shot.save(aliceStalled.banner(), u"banner-lock-lost"_s);
        shot.waitFor(bobStalled, Kind::Editing, "editing after the pause");

        // Bob saves the field alice had typed into while her lock ran out: a conflict for her.
        if (bobStalled.open(u"CL-2026-0003"_s)) {
            typeInto(bobStalled, u"status"_s, u", closed"_s);
            shot.waitFor(bobStalled, Kind::Editing, "bob editing the conflicting field");
            if (QTest::qWaitFor([&] { return bobStalled.editor()->saveAction()->isEnabled(); }, WaitMs))
                bobStalled.editor()->saveAction()->trigger();
        }
        QPushButton *resolve = nullptr;
        if (QTest::qWaitFor([&] { return (resolve = aliceStalled.editor()->messageBar()->actionButton(
                                              u"resolveConflicts"_s)) != nullptr; }, WaitMs)) {
            shot.save(aliceStalled.editor(), u"editor-conflict"_s);
            resolve->click();
            auto *dialog = aliceStalled.editor()->findChild<ConflictDialog *>();
            if (dialog && QTest::qWaitForWindowExposed(dialog)) {
                dialog->resize(640, 420);
                shot.save(dialog, u"conflict-dialog"_s);
                dialog->reject();
            } else {
                shot.fail("no conflict dialog");
            }
        } else {
            shot.fail("no conflict for alice");
        }
    } else {
        shot.fail("could not use the paused server");
        ::kill(pid_t(pausedPid), SIGCONT);
    }

    // The window's sign-in dialog after a wrong password.
    GuiClient signIn(u"alice"_s);
    signIn.window().signIn(server, u"alice"_s);
    SignInDialog *dialog = signIn.window().signInDialog();
    if (dialog) {
        dialog->findChild<QLineEdit *>(u"password"_s)->setText(u"not-her-password"_s);
        dialog->submit();
        if (QTest::qWaitFor([dialog] { return dialog->message() == SignInDialog::describeError(
                                                  ProtocolError{ErrorCode::InvalidCredentials, {}, {}}, {}); },
                            WaitMs))
            shot.save(dialog, u"sign-in-wrong-password"_s);
        else
            shot.fail("no sign-in error");
    } else {
        shot.fail("no sign-in dialog");
    }

    shootCredentials(shot, server);

    shootOverride(shot, server);

    return shot.failures() == 0 ? 0 : 1;
}
