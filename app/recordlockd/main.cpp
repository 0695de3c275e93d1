#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QTextStream>

#include "common/systemclock.h"
#include "daemonoptions.h"
#include "eventloop/epolleventdispatcher.h"
#include "logscope.h"
#include "server/recordlockserver.h"
#include "signalwatcher.h"
#include "usercommand.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

Q_LOGGING_CATEGORY(lcDaemon, "recordlock.daemon")

namespace {

void printTo(FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fflush(stream);
}

bool writePortFile(const QString &path, quint16 port, QString *error)
{
    // QSaveFile renames into place: a reader never sees a half-written port.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(port) + '\n') < 0 || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

QString listenText(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                            : address.toString();
    return host + u':' + QString::number(port);
}

} // namespace

int main(int argc, char *argv[])
{
    // The dispatcher must be in place before the application object, so the choice is read from
    // the raw arguments here; DaemonOptions::parse() validates the same option later.
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments.append(QString::fromLocal8Bit(argv[i]));
    if (DaemonOptions::eventDispatcherFromArguments(rawArguments, QProcessEnvironment::systemEnvironment())
        == u"epoll") {
        auto dispatcher = std::make_unique<EpollEventDispatcher>();
        if (dispatcher->isValid())
            QCoreApplication::setEventDispatcher(dispatcher.release()); // the application owns it
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"recordlockd"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(RECORDLOCK_VERSION));
    // Debug output on request only (QT_LOGGING_RULES still overrides this).
    QLoggingCategory::setFilterRules(u"recordlock.*.debug=false"_s);

    if (UserCommand::isUserCommand(QCoreApplication::arguments())) {
        // Its own one-line results say what happened; the stores' progress lines would only clutter them.
        QLoggingCategory::setFilterRules(u"recordlock.*.debug=false\nrecordlock.*.info=false"_s);
        const SystemClock clock;
        QTextStream out(stdout);
        QTextStream err(stderr);
        UserCommand command(clock, out, err);
        return command.run(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment());
    }

    DaemonOptions options;
    switch (options.parse(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment())) {
    case DaemonOptions::Outcome::ShowHelp:
        printTo(stdout, options.helpText());
        return 0;
    case DaemonOptions::Outcome::ShowVersion:
        printTo(stdout, u"recordlockd %1\n"_s.arg(QCoreApplication::applicationVersion()));
        return 0;
    case DaemonOptions::Outcome::Invalid:
        printTo(stderr, u"recordlockd: %1\nTry 'recordlockd --help'.\n"_s.arg(options.error()));
        return 2;
    case DaemonOptions::Outcome::Run:
        break;
    }

    SystemClock clock;
    // A reader of stderr that went away must not kill the server: the write fails instead.
    std::signal(SIGPIPE, SIG_IGN);
    LogScope logs(clock, options.logFormat() == u"json");

    SignalWatcher signalWatcher;
    if (!signalWatcher.isValid())
        qCWarning(lcDaemon) << "cannot watch SIGTERM/SIGINT; stop the server with SIGKILL";
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app, [](int signalNumber) {
        qCInfo(lcDaemon) << "signal" << signalNumber << "received; shutting down";
        QCoreApplication::quit();
    });

    RecordLockServer server(options.config(), clock);
    QString error;
    if (!server.start(&error)) {
        printTo(stderr, u"recordlockd: %1\n"_s.arg(error));
        return 1;
    }
    if (!options.portFile().isEmpty() && !writePortFile(options.portFile(), server.port(), &error)) {
        printTo(stderr, u"recordlockd: cannot write the port file %1: %2\n"_s.arg(options.portFile(), error));
        return 1;
    }
    const bool redis = options.config().lockStore == ServerConfig::LockStoreKind::Redis;
    qCInfo(lcDaemon).noquote() << u"recordlockd listening on %1 (locks in %2, data %3)"_s.arg(
        listenText(options.config().address, server.port()), redis ? u"redis"_s : u"the database"_s,
        QDir::toNativeSeparators(options.config().dataDir));
    // While the loop runs, log lines leave once per pass, not once per line.
    logs.batchUntilBlocking(QCoreApplication::eventDispatcher());
    const int code = QCoreApplication::exec();
    logs.stopBatching();
    qCInfo(lcDaemon) << "stopped";
    return code;
}
