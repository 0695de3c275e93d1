#include "startupdriver.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>

#include "serverprocess.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Marks in the order a user sees them, with their labels for the text report.
const struct
{
    const char16_t *key;
    const char16_t *label;
} StartupDriverMarks[] = {
    {u"windowPainted", u"window first painted"},
    {u"signedIn", u"signed in"},
    {u"firstRows", u"first rows in the model"},
    {u"listPainted", u"first paint with the list filled"},
    {u"allRowsListed", u"all rows listed"},
    {u"allRowsPainted", u"all rows listed and painted"},
};

} // namespace

StartupDriver::StartupDriver(int records, int runs, int timeoutMs)
    : m_records(records)
    , m_runs(runs)
    , m_timeoutMs(timeoutMs)
{
}

bool StartupDriver::run()
{
    m_report = QJsonObject{{u"records"_s, m_records}};
    test::ServerOptions options;
    options.extraArgs = {u"--demo-records"_s, QString::number(m_records)};
    test::ServerProcess server(options);
    if (!server.start()) {
        m_report.insert(u"failure"_s, QString(u"recordlockd did not start: "_s + server.output().right(2000)));
        m_report.insert(u"ok"_s, false);
        return false;
    }
    QJsonArray runs;
    QString failure;
    for (int i = 0; i < m_runs && failure.isEmpty(); ++i) {
        QProcess client;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (!environment.contains(u"QT_QPA_PLATFORM"_s))
            environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        client.setProcessEnvironment(environment);
        client.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        client.start(QCoreApplication::applicationFilePath(),
                     {u"--client"_s, server.wsUrl().toString(), u"--user"_s, u"alice"_s, u"--timeout"_s,
                      QString::number(m_timeoutMs)});
        if (!client.waitForFinished(m_timeoutMs + 30'000)) {
            client.kill();
            client.waitForFinished();
            failure = u"client run %1 did not finish"_s.arg(i + 1);
            break;
        }
        const QJsonObject result = QJsonDocument::fromJson(client.readAllStandardOutput()).object();
        runs.append(result);
        if (client.exitCode() != 0 || !result.value(u"ok"_s).toBool())
            failure = u"client run %1: %2"_s.arg(i + 1).arg(result.value(u"failure"_s).toString(u"no report"_s));
        else if (result.value(u"rowsListed"_s).toInt() != m_records)
            failure = u"client run %1 listed %2 of %3 records"_s.arg(i + 1)
                          .arg(result.value(u"rowsListed"_s).toInt())
                          .arg(m_records);
    }
    server.stop();
    m_report.insert(u"runs"_s, runs);
    if (!failure.isEmpty())
        m_report.insert(u"failure"_s, failure);
    m_report.insert(u"ok"_s, failure.isEmpty());
    return failure.isEmpty();
}

QString StartupDriver::toText() const
{
    QString text = u"desktop client cold start against recordlockd --demo-records %1 (offscreen)\n"_s.arg(m_records);
    const QJsonArray runs = m_report.value(u"runs"_s).toArray();
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const QJsonObject run = runs.at(i).toObject();
        const QJsonObject sinceStart = run.value(u"sinceProcessStartMs"_s).toObject();
        text += u"run %1: process start to main() %2 ms; rows listed %3; peak RSS %4 MiB (RSS at the end %5 MiB)\n"_s
                    .arg(i + 1)
                    .arg(qint64(run.value(u"processStartToMainMs"_s).toDouble()))
                    .arg(run.value(u"rowsListed"_s).toInt())
                    .arg(run.value(u"peakRssMiB"_s).toDouble(), 0, 'f', 1)
                    .arg(run.value(u"rssMiB"_s).toDouble(), 0, 'f', 1);
        for (const auto &m : StartupDriverMarks) {
            const QString key = QString::fromUtf16(m.key);
            if (sinceStart.contains(key))
                text += u"  %1 %2 ms after process start\n"_s.arg(QString::fromUtf16(m.label), -34)
                            .arg(qint64(sinceStart.value(key).toDouble()), 6);
        }
    }
    if (m_report.contains(u"failure"_s))
        text += u"FAILED: %1\n"_s.arg(m_report.value(u"failure"_s).toString());
    else
        text += u"result: OK\n"_s;
    return text;
}

} // namespace recordlock
