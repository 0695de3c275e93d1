// The recordlock desktop client: options, translations and style, then one window with its stack.
#include <cstdio>
#include <cstdlib>

#include <QApplication>
#include <QLoggingCategory>
#include <QScreen>
#include <QSettings>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QStyleFactory>

#include "clientoptions.h"
#include "client/serverlist.h"
#include "common/systemclock.h"
#include "ui/clientstack.h"
#include "ui/darkpalette.h"
#include "ui/mainwindow.h"
#include "ui/signindialog.h"
#include "ui/translations.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

Q_LOGGING_CATEGORY(lcApp, "recordlock.app")

namespace {

EditorSettings editorSettings(const ClientOptions &options, QSettings &settings)
{
    EditorSettings editor;
    const int saved = settings.value(u"editor/idleMinutes"_s, 10).toInt();
    const int minutes = options.idleMinutes > 0 ? options.idleMinutes : std::max(saved, 1);
    editor.idleTimeoutMs = qint64(minutes) * 60 * 1000;
    return editor;
}

void placeWindow(QWidget &window, const ClientOptions &options)
{
    if (options.geometry) {
        window.setGeometry(*options.geometry);
        return;
    }
    if (options.placement == ClientOptions::Placement::Default)
        return;
    // Two demo windows side by side: each takes half of the primary screen.
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    const int width = screen.width() / 2;
    const int x = options.placement == ClientOptions::Placement::Left ? screen.left() : screen.left() + width;
    window.setGeometry(QRect(x, screen.top(), width, screen.height()).marginsRemoved(QMargins(8, 32, 8, 8)));
}

/// The CA certificates of --ca-cert; exits with a message when the file holds none.
QList<QSslCertificate> loadCaCertificates(const QString &file)
{
    QString error;
    const QList<QSslCertificate> certificates = ClientOptions::loadCaCertificates(file, &error);
    if (certificates.isEmpty()) {
        std::fputs(qPrintable(error + u'\n'), stderr);
        std::exit(2);
    }
    return certificates;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"RecordLock"_s);
    QApplication::setApplicationName(u"recordlock"_s);
    QApplication::setApplicationDisplayName(u"RecordLock"_s);
    QApplication::setApplicationVersion(QStringLiteral(RECORDLOCK_VERSION));
    QGuiApplication::setDesktopFileName(u"recordlock"_s);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QApplication::setWindowIcon(QIcon(u":/recordlock.svg"_s));

    // Translations first, so that even --help speaks the user's language.
    Translations translations;
    const QString language = ClientOptions::languageArgument(QApplication::arguments());
    translations.install(language.isEmpty() ? QLocale::system() : QLocale(language));
    const ClientOptions options = ClientOptions::parse(QApplication::arguments(),
                                                       qEnvironmentVariable("RECORDLOCK_CA_CERT"));
    const QList<QSslCertificate> caCertificates = options.caCertFile.isEmpty()
        ? QList<QSslCertificate>() : loadCaCertificates(options.caCertFile);
    if (options.dark)
        QApplication::setPalette(darkPalette());

    QSettings settings;
    const SystemClock clock;
    const QString drafts = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/drafts"_s;
    ClientStack stack(clock, drafts, editorSettings(options, settings));
    stack.connection().setCaCertificates(caCertificates);
    MainWindow window(&stack, &settings);
    placeWindow(window, options);
    window.show();

    qCInfo(lcApp) << "recordlock" << RECORDLOCK_VERSION << "servers" << ServerList::format(options.servers)
                  << "drafts in" << drafts;
    QList<QUrl> servers = options.servers;
    const ServerList::Parsed remembered = ServerList::parse(settings.value(SignInDialog::serverUrlKey()).toString());
    if (!options.serverGiven && settings.value(SignInDialog::rememberKey()).toBool() && remembered.ok())
        servers = remembered.servers;
    // Without a password, a session remembered for these servers (and user) signs in silently.
    window.signIn(servers, options.user, qEnvironmentVariable("RECORDLOCK_PASSWORD"));
    return QApplication::exec();
}
