// recordlock-bench: load generator and Redis comparison for recordlockd (issue 6).
#include <cstdio>
#include <memory>

#include <QCoreApplication>
#include <QJsonDocument>

#include "bench/benchreport.h"
#include "bench/benchrunner.h"
#include "benchoptions.h"
#ifdef RECORDLOCK_BENCH_HAVE_EPOLL
#include "eventloop/epolleventdispatcher.h"
#endif

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // Options are read before the application object: the event dispatcher must be chosen first.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    recordlock::BenchOptions options;
    switch (options.parse(arguments)) {
    case recordlock::BenchOptions::Outcome::ShowHelp:
        std::fputs(qPrintable(options.helpText()), stdout);
        return 0;
    case recordlock::BenchOptions::Outcome::Invalid:
        std::fprintf(stderr, "recordlock-bench: %s\n", qPrintable(options.error()));
        return 2;
    case recordlock::BenchOptions::Outcome::Run:
        break;
    }
#ifdef RECORDLOCK_BENCH_HAVE_EPOLL
    if (options.eventDispatcher() == u"epoll") {
        auto dispatcher = std::make_unique<recordlock::EpollEventDispatcher>();
        if (!dispatcher->isValid()) {
            std::fputs("recordlock-bench: cannot create the epoll event dispatcher\n", stderr);
            return 1;
        }
        // The application takes ownership.
        QCoreApplication::setEventDispatcher(dispatcher.release());
    }
#endif

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"recordlock-bench"_s);

    recordlock::BenchRunner runner(options.config());
    QObject::connect(&runner, &recordlock::BenchRunner::finished, &app, [&](int exitCode) {
        const QByteArray text = options.config().json
                                    ? QJsonDocument(runner.report()).toJson(QJsonDocument::Indented)
                                    : recordlock::BenchReport::toText(runner.report()).toUtf8();
        std::fwrite(text.constData(), 1, std::size_t(text.size()), stdout);
        std::fflush(stdout);
        QCoreApplication::exit(exitCode);
    });
    runner.start();
    return QCoreApplication::exec();
}
