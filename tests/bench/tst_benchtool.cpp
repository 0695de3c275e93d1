#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

/// A small run lasts about its duration plus server start and sign-in.
constexpr int RunTimeoutMs = 90'000;

/// The JSON report of one recordlock-bench run (empty if it printed none), with its exit code.
struct Run
{
    int exitCode = -1;
    QJsonObject report;
    QByteArray errorOutput;
};

Run runBench(const QStringList &arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("RECORDLOCK_BENCH"),
                  QStringList{u"--recordlockd"_s, qEnvironmentVariable("RECORDLOCKD"), u"--json"_s} + arguments);
    Run run;
    if (!process.waitForFinished(RunTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.report = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    run.errorOutput = process.readAllStandardError();
    return run;
}

double number(const QJsonObject &object, const QString &path)
{
    QJsonValue value = object;
    for (const QString &key : path.split(u'.'))
        value = value.toObject().value(key);
    return value.toDouble(-1);
}

} // namespace

/// recordlock-bench at small scale against a server it starts: fails only on client errors
/// or zero throughput, never on timing.
class TestBenchTool : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("RECORDLOCK_BENCH").isEmpty(), "RECORDLOCK_BENCH is not set");
        QVERIFY2(!qEnvironmentVariable("RECORDLOCKD").isEmpty(), "RECORDLOCKD is not set");
    }

    void closedLoopWithWatchers()
    {
        const Run run = runBench({u"--sessions"_s, u"200"_s, u"--active"_s, u"10"_s, u"--watchers"_s, u"20"_s,
                                  u"--duration"_s, u"5"_s});
        QVERIFY2(!run.report.isEmpty(), run.errorOutput.constData());
        QVERIFY2(run.exitCode == 0, QJsonDocument(run.report).toJson().constData());
        QVERIFY(run.report.value(u"ok"_s).toBool());
        QCOMPARE(number(run.report, u"clientErrors.errors"_s), 0.0);
        QVERIFY(number(run.report, u"recordlock.requests"_s) > 0);
        QVERIFY(number(run.report, u"recordlock.acquire.count"_s) > 0);
        QVERIFY(number(run.report, u"recordlock.release.count"_s) > 0);
        QVERIFY(number(run.report, u"fanout.latency.count"_s) > 0);
        QVERIFY(number(run.report, u"serverProcess.rssMiB"_s) > 0);
    }

    void openLoopRenewMode()
    {
        const Run run = runBench({u"--sessions"_s, u"50"_s, u"--active"_s, u"5"_s, u"--rate"_s, u"200"_s,
                                  u"--mode"_s, u"acquire-renew-release"_s, u"--duration"_s, u"3"_s});
        QVERIFY2(run.exitCode == 0, QJsonDocument(run.report).toJson().constData());
        QCOMPARE(number(run.report, u"clientErrors.errors"_s), 0.0);
        QVERIFY(number(run.report, u"recordlock.renew.count"_s) > 0);
    }

    void holdMode()
    {
        // 50 held locks with a 1.5 s TTL renew every 0.5 s: every lock is renewed several times
        // in the window, and none may be lost.
        const Run run = runBench({u"--hold"_s, u"50"_s, u"--sessions"_s, u"60"_s, u"--watchers"_s, u"5"_s,
                                  u"--lock-ttl"_s, u"1.5"_s, u"--duration"_s, u"3"_s});
        QVERIFY2(!run.report.isEmpty(), run.errorOutput.constData());
        QVERIFY2(run.exitCode == 0, QJsonDocument(run.report).toJson().constData());
        QVERIFY(run.report.value(u"ok"_s).toBool());
        QCOMPARE(run.report.value(u"config"_s).toObject().value(u"mode"_s).toString(), u"hold"_s);
        QCOMPARE(number(run.report, u"clientErrors.errors"_s), 0.0);
        QCOMPARE(number(run.report, u"hold.locksHeld"_s), 50.0);
        // The server was started with the TTL asked for, and the bench read it from the acquire replies.
        QVERIFY(qAbs(number(run.report, u"hold.ttlSeconds"_s) - 1.5) < 0.05);
        QVERIFY(number(run.report, u"hold.renewals"_s) >= 50);
        QCOMPARE(number(run.report, u"hold.renew.count"_s), number(run.report, u"hold.renewals"_s));
        QCOMPARE(number(run.report, u"hold.failedRenewals"_s), 0.0);
        QCOMPARE(number(run.report, u"hold.released"_s), 50.0);
        QVERIFY(number(run.report, u"serverProcess.rssMiB"_s) > 0);
        QVERIFY(number(run.report, u"serverProcess.cpuPercent"_s) >= 0);
    }

    void holdModeRefusesLockCycleOptions()
    {
        QProcess process;
        process.start(qEnvironmentVariable("RECORDLOCK_BENCH"), {u"--hold"_s, u"10"_s, u"--active"_s, u"5"_s});
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("--hold and --active"));
    }

    void qtEventDispatcher()
    {
        // The default is the epoll dispatcher; Qt's own must work too (it is the "before").
        const Run run = runBench({u"--event-dispatcher"_s, u"qt"_s, u"--sessions"_s, u"30"_s, u"--active"_s, u"3"_s,
                                  u"--watchers"_s, u"5"_s, u"--duration"_s, u"2"_s});
        QVERIFY2(run.exitCode == 0, QJsonDocument(run.report).toJson().constData());
        QCOMPARE(number(run.report, u"clientErrors.errors"_s), 0.0);
        QVERIFY(number(run.report, u"recordlock.requests"_s) > 0);
    }

    void compareRedis()
    {
        if (QStandardPaths::findExecutable(u"redis-server"_s).isEmpty())
            QSKIP("redis-server is not installed");
        const Run run = runBench({u"--sessions"_s, u"20"_s, u"--active"_s, u"4"_s, u"--duration"_s, u"2"_s,
                                  u"--compare-redis"_s});
        QVERIFY2(run.exitCode == 0, QJsonDocument(run.report).toJson().constData());
        QVERIFY(number(run.report, u"redis.load.requests"_s) > 0);
        QCOMPARE(number(run.report, u"redis.errors.errors"_s), 0.0);
        QVERIFY(number(run.report, u"ratioRecordLockToRedis.requestsPerSecond"_s) > 0);
    }

    void redisLockStore()
    {
        if (QStandardPaths::findExecutable(u"redis-server"_s).isEmpty())
            QSKIP("redis-server is not installed");
        // recordlockd keeps its locks in a private redis-server; together with --compare-redis,
        // which starts a second, plain one.
        const Run run = runBench({u"--store"_s, u"redis"_s, u"--sessions"_s, u"20"_s, u"--active"_s, u"4"_s,
                                  u"--watchers"_s, u"5"_s, u"--duration"_s, u"2"_s, u"--compare-redis"_s});
        QVERIFY2(!run.report.isEmpty(), run.errorOutput.constData());
        QVERIFY2(run.exitCode == 0, QJsonDocument(run.report).toJson().constData());
        QVERIFY(run.report.value(u"ok"_s).toBool());
        QCOMPARE(run.report.value(u"config"_s).toObject().value(u"store"_s).toString(), u"redis"_s);
        QVERIFY(run.report.value(u"lockStoreRedis"_s).toObject().value(u"url"_s).toString().startsWith(u"unix:///"));
        QCOMPARE(number(run.report, u"clientErrors.errors"_s), 0.0);
        QVERIFY(number(run.report, u"recordlock.requests"_s) > 0);
        QVERIFY(number(run.report, u"recordlock.acquire.count"_s) > 0);
        QVERIFY(number(run.report, u"fanout.latency.count"_s) > 0);
        QVERIFY(number(run.report, u"storeProcess.rssMiB"_s) > 0);
        QVERIFY(number(run.report, u"redis.load.requests"_s) > 0);
        QCOMPARE(number(run.report, u"redis.errors.errors"_s), 0.0);
    }

    void refusesBadOptions()
    {
        QProcess process;
        process.start(qEnvironmentVariable("RECORDLOCK_BENCH"), {u"--store"_s, u"memory"_s});
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("not sqlite or redis"));

        process.start(qEnvironmentVariable("RECORDLOCK_BENCH"),
                      {u"--store"_s, u"redis"_s, u"--server"_s, u"ws://127.0.0.1:1/ws"_s, u"--user"_s, u"a"_s,
                       u"--password"_s, u"a"_s});
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("--store applies to a started server"));
    }
};

QTEST_GUILESS_MAIN(TestBenchTool)
#include "tst_benchtool.moc"
