#include "bench/benchreport.h"

#include <QJsonArray>
#include <QStringList>

#include "bench/loaddriver.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

QString number(double value, int decimals = 1)
{
    return QString::number(value, 'f', decimals);
}

/// One table row of latencies in microseconds.
QString latencyRow(const QString &label, const QJsonObject &latency)
{
    return u"  %1 %2 %3 %4 %5 %6\n"_s.arg(label, -22)
        .arg(QString::number(qint64(latency.value(u"count"_s).toDouble())), 10)
        .arg(number(latency.value(u"p50Us"_s).toDouble()), 10)
        .arg(number(latency.value(u"p90Us"_s).toDouble()), 10)
        .arg(number(latency.value(u"p99Us"_s).toDouble()), 10)
        .arg(number(latency.value(u"maxUs"_s).toDouble()), 10);
}

/// The round-trip table of a report section: a header, then a row per op that has samples.
QString latencyTable(const QJsonObject &section, const QStringList &ops)
{
    QString text = u"  %1 %2 %3 %4 %5 %6\n"_s.arg(u"round trip (µs)"_s, -22)
                       .arg(u"count"_s, 10)
                       .arg(u"p50"_s, 10)
                       .arg(u"p90"_s, 10)
                       .arg(u"p99"_s, 10)
                       .arg(u"max"_s, 10);
    for (const QString &op : ops) {
        const QJsonObject latency = section.value(op).toObject();
        if (latency.value(u"count"_s).toDouble() > 0)
            text += latencyRow(op, latency);
    }
    return text;
}

QString loadSection(const QString &title, const QJsonObject &load)
{
    QString text = u"%1: %2 requests/s, %3 cycles/s (%4 requests in %5 s; %6 granted)\n"_s.arg(title)
                       .arg(number(load.value(u"requestsPerSecond"_s).toDouble()))
                       .arg(number(load.value(u"cyclesPerSecond"_s).toDouble()))
                       .arg(qint64(load.value(u"requests"_s).toDouble()))
                       .arg(number(load.value(u"windowSeconds"_s).toDouble(), 2))
                       .arg(qint64(load.value(u"granted"_s).toDouble()));
    text += latencyTable(load, {u"acquire"_s, u"renew"_s, u"release"_s, u"openLoopSendLag"_s});
    if (load.value(u"skippedCycles"_s).toDouble() > 0)
        text += u"  open-loop cycles skipped (generator > 1 s behind): %1\n"_s.arg(
            qint64(load.value(u"skippedCycles"_s).toDouble()));
    return text;
}

QString processLine(const QString &title, const QJsonObject &process)
{
    if (process.isEmpty() || !process.value(u"available"_s).toBool(true))
        return u"%1: not measured (no pid)\n"_s.arg(title);
    return u"%1: CPU %2% of one core, RSS %3 MiB (peak %4 MiB)\n"_s.arg(title)
        .arg(number(process.value(u"cpuPercent"_s).toDouble()))
        .arg(number(process.value(u"rssMiB"_s).toDouble()))
        .arg(number(process.value(u"peakRssMiB"_s).toDouble()));
}

} // namespace

QJsonObject BenchReport::loadJson(const LoadDriver &driver)
{
    const LockOpStats &stats = driver.stats();
    const double seconds = double(driver.windowNs()) / 1e9;
    const auto perSecond = [seconds](qint64 n) { return seconds > 0 ? double(n) / seconds : 0.0; };
    return QJsonObject{
        {u"windowSeconds"_s, seconds},
        {u"requests"_s, double(stats.requests)},
        {u"cycles"_s, double(stats.cycles)},
        {u"granted"_s, double(stats.granted)},
        {u"requestsPerSecond"_s, perSecond(stats.requests)},
        {u"cyclesPerSecond"_s, perSecond(stats.cycles)},
        {u"acquire"_s, stats.acquire.toJson()},
        {u"renew"_s, stats.renew.toJson()},
        {u"release"_s, stats.release.toJson()},
        {u"skippedCycles"_s, double(driver.skipped())},
        {u"openLoopSendLag"_s, stats.sendLag.toJson()},
    };
}

QJsonObject BenchReport::ratioJson(const QJsonObject &recordLock, const QJsonObject &redis)
{
    const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
    const QJsonObject rlAcquire = recordLock.value(u"acquire"_s).toObject();
    const QJsonObject redisAcquire = redis.value(u"acquire"_s).toObject();
    return QJsonObject{
        {u"requestsPerSecond"_s, ratio(recordLock.value(u"requestsPerSecond"_s).toDouble(),
                                       redis.value(u"requestsPerSecond"_s).toDouble())},
        {u"acquireP50"_s, ratio(rlAcquire.value(u"p50Us"_s).toDouble(), redisAcquire.value(u"p50Us"_s).toDouble())},
        {u"acquireP99"_s, ratio(rlAcquire.value(u"p99Us"_s).toDouble(), redisAcquire.value(u"p99Us"_s).toDouble())},
    };
}

QString BenchReport::toText(const QJsonObject &report)
{
    const QJsonObject config = report.value(u"config"_s).toObject();
    const qint64 hold = qint64(config.value(u"hold"_s).toDouble());
    const QString drivers = hold > 0
        ? u"%1 holding a lock"_s.arg(hold)
        : u"%1 active (%2)"_s.arg(qint64(config.value(u"active"_s).toDouble()))
              .arg(config.value(u"rate"_s).toDouble() > 0
                       ? u"open loop, %1 cycles/s offered"_s.arg(number(config.value(u"rate"_s).toDouble()))
                       : u"closed loop"_s);
    QString text = u"recordlock-bench: %1 sessions, %2, %3 watchers, %4 s, mode %5, server %6, lock store %7\n"_s
                       .arg(qint64(config.value(u"sessions"_s).toDouble()))
                       .arg(drivers)
                       .arg(qint64(config.value(u"watchers"_s).toDouble()))
                       .arg(qint64(config.value(u"durationSeconds"_s).toDouble()))
                       .arg(config.value(u"mode"_s).toString(), report.value(u"serverUrl"_s).toString(),
                            config.value(u"startedServer"_s).toBool() ? config.value(u"store"_s).toString()
                                                                      : u"(the server's)"_s);
    if (report.contains(u"lockStoreRedis"_s)) {
        const QJsonObject store = report.value(u"lockStoreRedis"_s).toObject();
        text += u"lock store: private redis-server at %1 (%2)\n"_s.arg(store.value(u"url"_s).toString(),
                                                                     store.value(u"persistence"_s).toString());
    }
    const QJsonArray notes = report.value(u"notes"_s).toArray();
    for (const QJsonValue &note : notes)
        text += u"note: %1\n"_s.arg(note.toString());
    if (report.contains(u"failure"_s))
        text += u"FAILED: %1\n"_s.arg(report.value(u"failure"_s).toString());
    if (report.contains(u"recordlock"_s))
        text += loadSection(u"RecordLock"_s, report.value(u"recordlock"_s).toObject());
    if (report.contains(u"hold"_s)) {
        const QJsonObject hold = report.value(u"hold"_s).toObject();
        text += u"held locks: %1 of %2, TTL %3 s, renewed every %4 s; %5 renewals in %6 s (%7/s), %8 failed; "
                "%9 released\n"_s.arg(qint64(hold.value(u"locksHeld"_s).toDouble()))
                    .arg(qint64(hold.value(u"holders"_s).toDouble()))
                    .arg(number(hold.value(u"ttlSeconds"_s).toDouble(), 3))
                    .arg(number(hold.value(u"renewIntervalSeconds"_s).toDouble(), 3))
                    .arg(qint64(hold.value(u"renewals"_s).toDouble()))
                    .arg(number(hold.value(u"windowSeconds"_s).toDouble(), 2))
                    .arg(number(hold.value(u"renewalsPerSecond"_s).toDouble()))
                    .arg(qint64(hold.value(u"failedRenewals"_s).toDouble()))
                    .arg(qint64(hold.value(u"released"_s).toDouble()));
        text += latencyTable(hold, {u"acquire"_s, u"renew"_s, u"release"_s, u"renewSendLag"_s});
    }
    if (report.contains(u"fanout"_s)) {
        const QJsonObject fanout = report.value(u"fanout"_s).toObject();
        const QJsonObject latency = fanout.value(u"latency"_s).toObject();
        text += u"fan-out to %1 watchers (acquire sent → last watcher received lock_acquired): %2 probes, "
                "p50 %3 µs, p99 %4 µs, max %5 µs\n"_s.arg(qint64(fanout.value(u"watchers"_s).toDouble()))
                    .arg(qint64(latency.value(u"count"_s).toDouble()))
                    .arg(number(latency.value(u"p50Us"_s).toDouble()))
                    .arg(number(latency.value(u"p99Us"_s).toDouble()))
                    .arg(number(latency.value(u"maxUs"_s).toDouble()));
    }
    if (report.contains(u"serverProcess"_s))
        text += processLine(u"recordlockd"_s, report.value(u"serverProcess"_s).toObject());
    if (report.contains(u"storeProcess"_s))
        text += processLine(u"redis-server (lock store)"_s, report.value(u"storeProcess"_s).toObject());
    if (report.contains(u"redis"_s)) {
        const QJsonObject redis = report.value(u"redis"_s).toObject();
        if (redis.contains(u"failure"_s))
            text += u"Redis comparison FAILED: %1\n"_s.arg(redis.value(u"failure"_s).toString());
        else
            text += loadSection(u"Redis recipe"_s, redis.value(u"load"_s).toObject())
                + processLine(u"redis-server"_s, redis.value(u"process"_s).toObject());
        const QJsonObject ratio = report.value(u"ratioRecordLockToRedis"_s).toObject();
        if (!ratio.isEmpty())
            text += u"RecordLock/Redis: throughput %1×, acquire p50 %2×, p99 %3×\n"_s
                        .arg(number(ratio.value(u"requestsPerSecond"_s).toDouble(), 2))
                        .arg(number(ratio.value(u"acquireP50"_s).toDouble(), 2))
                        .arg(number(ratio.value(u"acquireP99"_s).toDouble(), 2));
        const QJsonObject redisErrors = redis.value(u"errors"_s).toObject();
        text += u"Redis client errors: %1 (denials %2, lost locks %3)\n"_s
                    .arg(qint64(redisErrors.value(u"errors"_s).toDouble()))
                    .arg(qint64(redisErrors.value(u"denials"_s).toDouble()))
                    .arg(qint64(redisErrors.value(u"lostLocks"_s).toDouble()));
    }
    const QJsonObject errors = report.value(u"clientErrors"_s).toObject();
    text += u"client errors: %1 (denials %2, lost locks %3)\n"_s.arg(qint64(errors.value(u"errors"_s).toDouble()))
                .arg(qint64(errors.value(u"denials"_s).toDouble()))
                .arg(qint64(errors.value(u"lostLocks"_s).toDouble()));
    const QJsonObject byKind = errors.value(u"byKind"_s).toObject();
    const QJsonObject details = errors.value(u"firstDetails"_s).toObject();
    for (auto it = byKind.constBegin(); it != byKind.constEnd(); ++it)
        text += u"  %1: %2 (first: %3)\n"_s.arg(it.key()).arg(qint64(it.value().toDouble())).arg(
            details.value(it.key()).toString());
    text += report.value(u"ok"_s).toBool() ? u"result: OK\n"_s : u"result: FAILED\n"_s;
    return text;
}

} // namespace recordlock
