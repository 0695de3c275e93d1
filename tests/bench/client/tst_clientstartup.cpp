// recordlock-client-bench at 10,000 records: the client's record list fills completely, without
// errors. The timings and memory are printed, never asserted.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int ClientStartupRecords = 10'000;

} // namespace

class tst_ClientStartup : public QObject
{
    Q_OBJECT

private slots:
    void tenThousandRecords()
    {
        const QString bench = qEnvironmentVariable("RECORDLOCK_CLIENT_BENCH");
        QVERIFY2(!bench.isEmpty(), "RECORDLOCK_CLIENT_BENCH is not set");
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(bench, {u"--records"_s, QString::number(ClientStartupRecords), u"--json"_s, u"--timeout"_s,
                              u"150"_s});
        QVERIFY(process.waitForFinished(240'000));
        const QByteArray output = process.readAllStandardOutput();
        const QJsonObject report = QJsonDocument::fromJson(output).object();
        QVERIFY2(!report.isEmpty(), output.constData());
        qInfo().noquote() << QString::fromUtf8(output);
        QVERIFY2(process.exitCode() == 0, qPrintable(report.value(u"failure"_s).toString()));
        QVERIFY(report.value(u"ok"_s).toBool());
        const QJsonObject run = report.value(u"runs"_s).toArray().at(0).toObject();
        QCOMPARE(run.value(u"rowsListed"_s).toInt(), ClientStartupRecords);
        const QJsonObject marks = run.value(u"sinceMainMs"_s).toObject();
        for (const QString &mark : {u"signedIn"_s, u"listPainted"_s, u"allRowsListed"_s, u"allRowsPainted"_s})
            QVERIFY2(marks.contains(mark), qPrintable(mark));
        QVERIFY(run.value(u"peakRssMiB"_s).toDouble() > 0);
    }
};

QTEST_GUILESS_MAIN(tst_ClientStartup)
#include "tst_clientstartup.moc"
