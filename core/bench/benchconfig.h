#pragma once

#include <QString>
#include <QUrl>

namespace recordlock {

/// Everything one recordlock-bench run is built from; app/recordlock-bench fills it from flags.
struct BenchConfig
{
    /// What each active client does per cycle.
    enum class Mode { AcquireRelease, AcquireRenewRelease };
    /// Where a started server keeps its locks.
    enum class LockStore { Sqlite, Redis };

    /// Hard caps: the tool must stay bounded in time and count whatever it is asked.
    static constexpr int MaxSessions = 15'000;
    static constexpr int MaxDurationSeconds = 600;
    static constexpr double MaxRate = 1'000'000;

    /// An external server (ws://...); empty: start recordlockd on 127.0.0.1:0 with a temp data dir.
    QUrl server;
    /// The recordlockd binary for a started server; empty: next to recordlock-bench, then PATH.
    QString recordlockdPath;
    /// Credentials for an external server (a started one uses its demo users).
    QString user;
    QString password;
    /// /proc is read for this pid (external server); 0 with an external server: no server stats.
    qint64 serverPid = 0;
    /// Connected, authenticated sessions in all (watchers, active clients and the probe included).
    int sessions = 200;
    /// Sessions doing lock cycles.
    int active = 10;
    /// Open-loop offered load in lock cycles per second over all active clients; 0 = closed loop.
    double rate = 0;
    /// Sessions subscribed to the hot record (fan-out probe); 0 = no probe.
    int watchers = 0;
    /// Length of the measured window.
    int durationSeconds = 10;
    Mode mode = Mode::AcquireRelease;
    /// Lock store of a started server; Redis: a private redis-server (append-only file, fsync
    /// every second) is started first and recordlockd gets --store redis --redis-url unix://SOCKET.
    LockStore lockStore = LockStore::Sqlite;
    /// Hold mode when > 0: this many sessions each hold the lock of its own record, renewing it
    /// every TTL/3 through the window, instead of the active clients' lock cycles.
    int hold = 0;
    /// Lock TTL of a started server, seconds (0: the server's default); hold mode defaults to 30.
    double lockTtlSeconds = 0;
    /// Generated records a started server is seeded with (only if its --help lists --demo-records).
    int demoRecords = 10'000;
    /// Also run the plain Redis lock recipe with the same number of active clients.
    bool compareRedis = false;
    /// The redis-server binary for --compare-redis and the Redis lock store.
    QString redisServerPath = QStringLiteral("redis-server");
    /// Print the report as JSON instead of a text table.
    bool json = false;
};

} // namespace recordlock
