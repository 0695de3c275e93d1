// recordlock-client-bench: cold start of the desktop client against a recordlockd seeded with
// many records, offscreen: time from process start to the first paint of the filled record list
// and to the whole list, and peak RSS. Prints numbers; fails only on errors or an unfilled list.
#include <cstdio>
#include <memory>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QStyleFactory>

#include "startupdriver.h"
#include "startupprobe.h"

using namespace Qt::StringLiterals;

namespace {

/// The --client side: one fresh client process, measured by StartupProbe.
int runClient(QElapsedTimer sinceMain, int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QCommandLineParser parser;
    const QCommandLineOption client(u"client"_s, u"Server URL."_s, u"URL"_s);
    const QCommandLineOption user(u"user"_s, u"Demo user (password = name)."_s, u"NAME"_s);
    const QCommandLineOption timeout(u"timeout"_s, u"Milliseconds."_s, u"MS"_s);
    parser.addOptions({client, user, timeout});
    parser.process(app);
    recordlock::StartupProbe probe(sinceMain, QUrl(parser.value(client)), parser.value(user),
                                   parser.value(timeout).toInt());
    QObject::connect(&probe, &recordlock::StartupProbe::finished, &app, [](const QJsonObject &report, bool ok) {
        const QByteArray json = QJsonDocument(report).toJson(QJsonDocument::Compact) + '\n';
        std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout);
        std::fflush(stdout);
        QCoreApplication::exit(ok ? 0 : 1);
    });
    probe.start();
    return QApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--client") == 0)
            return runClient(sinceMain, argc, argv);
    }

    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Starts recordlockd ($RECORDLOCKD or --recordlockd) with --demo-records N, then runs the desktop "
        "client (offscreen) as a fresh process against it and reports the time from process start to the "
        "first paint of the filled record list, to all rows listed, and the peak RSS."_s);
    parser.addHelpOption();
    const QCommandLineOption records(u"records"_s, u"Records the server is seeded with (default 100000)."_s,
                                     u"N"_s, u"100000"_s);
    const QCommandLineOption runs(u"runs"_s, u"Client processes run one after the other (default 1)."_s, u"N"_s,
                                  u"1"_s);
    const QCommandLineOption timeout(u"timeout"_s, u"Seconds a client may take to list every record (default 120)."_s,
                                     u"S"_s, u"120"_s);
    const QCommandLineOption recordlockd(u"recordlockd"_s, u"The recordlockd binary (default: $RECORDLOCKD)."_s,
                                         u"PATH"_s);
    const QCommandLineOption json(u"json"_s, u"Print the report as JSON."_s);
    parser.addOptions({records, runs, timeout, recordlockd, json});
    parser.process(app);
    bool ok = false;
    const int recordCount = parser.value(records).toInt(&ok);
    const int runCount = parser.value(runs).toInt();
    const int timeoutSeconds = parser.value(timeout).toInt();
    if (!ok || recordCount < 1 || recordCount > 1'000'000 || runCount < 1 || runCount > 100 || timeoutSeconds < 1
        || timeoutSeconds > 3600) {
        std::fputs("recordlock-client-bench: --records 1..1000000, --runs 1..100, --timeout 1..3600\n", stderr);
        return 2;
    }
    if (parser.isSet(recordlockd))
        qputenv("RECORDLOCKD", parser.value(recordlockd).toLocal8Bit());
    if (qEnvironmentVariable("RECORDLOCKD").isEmpty()) {
        std::fputs("recordlock-client-bench: set RECORDLOCKD or pass --recordlockd\n", stderr);
        return 2;
    }

    recordlock::StartupDriver driver(recordCount, runCount, timeoutSeconds * 1000);
    const bool passed = driver.run();
    const QByteArray text = parser.isSet(json) ? QJsonDocument(driver.report()).toJson(QJsonDocument::Indented)
                                               : driver.toText().toUtf8();
    std::fwrite(text.constData(), 1, std::size_t(text.size()), stdout);
    return passed ? 0 : 1;
}
