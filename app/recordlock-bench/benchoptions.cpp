#include "benchoptions.h"

#include <QCommandLineParser>
#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// A whole number in [min, max], or false.
bool readInt(const QString &text, int min, int max, int *value)
{
    bool ok = false;
    const int number = text.trimmed().toInt(&ok);
    if (!ok || number < min || number > max)
        return false;
    *value = number;
    return true;
}

} // namespace

BenchOptions::Outcome BenchOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"recordlock-bench: drives recordlockd with many real WebSocket sessions and reports throughput, "
        "round-trip and fan-out latency, server CPU and RSS, and client errors (which must be zero). "
        "Without --server it starts its own recordlockd on 127.0.0.1 with a temporary data directory."_s);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption server(u"server"_s, u"An already running server, e.g. ws://127.0.0.1:8765/ws."_s,
                                    u"URL"_s);
    const QCommandLineOption recordlockd(u"recordlockd"_s,
                                         u"recordlockd binary to start (default: next to this program, then PATH)."_s,
                                         u"PATH"_s);
    const QCommandLineOption user(u"user"_s, u"User name for --server."_s, u"NAME"_s);
    const QCommandLineOption password(u"password"_s, u"Password for --server."_s, u"PASSWORD"_s);
    const QCommandLineOption serverPid(u"server-pid"_s, u"Pid of the --server process, for its CPU and RSS."_s,
                                       u"PID"_s);
    const QCommandLineOption sessions(
        u"sessions"_s, u"Connected, signed-in sessions in all (default 200, at most %1)."_s.arg(BenchConfig::MaxSessions),
        u"N"_s);
    const QCommandLineOption active(u"active"_s, u"Sessions doing lock cycles (default 10)."_s, u"K"_s);
    const QCommandLineOption rate(u"rate"_s,
                                  u"Open loop: lock cycles per second offered over all active sessions; the acquire "
                                  "latency counts from each cycle's scheduled time (default: closed loop)."_s,
                                  u"R"_s);
    const QCommandLineOption watchers(u"watchers"_s,
                                      u"Sessions subscribed to one hot record, for fan-out latency (default 0)."_s,
                                      u"W"_s);
    const QCommandLineOption duration(
        u"duration"_s, u"Seconds of measured load (default 10, at most %1)."_s.arg(BenchConfig::MaxDurationSeconds),
        u"S"_s);
    const QCommandLineOption mode(u"mode"_s, u"acquire-release (default) or acquire-renew-release."_s, u"MODE"_s);
    const QCommandLineOption store(u"store"_s,
                                   u"Lock store of a started server: sqlite (default) or redis (a private "
                                   "redis-server on a Unix socket with an append-only file fsynced every second, "
                                   "stopped after the server)."_s,
                                   u"STORE"_s);
    const QCommandLineOption demoRecords(u"demo-records"_s,
                                         u"Records a started server is seeded with, if it supports --demo-records "
                                         "(default 10000)."_s,
                                         u"N"_s);
    const QCommandLineOption hold(
        u"hold"_s,
        u"Hold mode: H sessions each acquire their own record and renew it every TTL/3 through the window, "
        "then release it (instead of --active lock cycles); reports renewals, renew round trips, failed "
        "renewals (must be 0) and the server's CPU and RSS while the locks are held."_s,
        u"H"_s);
    const QCommandLineOption lockTtl(u"lock-ttl"_s,
                                     u"Lock TTL of a started server, seconds, fractions allowed (default: the "
                                     "server's; 30 with --hold)."_s,
                                     u"SECONDS"_s);
    const QCommandLineOption json(u"json"_s, u"Print the report as JSON."_s);
    const QCommandLineOption compareRedis(u"compare-redis"_s,
                                          u"Also run the plain Redis lock recipe (SET NX PX + compare-and-delete "
                                          "Lua) with the same active clients against a private redis-server."_s);
    const QCommandLineOption redisServer(u"redis-server"_s,
                                         u"redis-server binary for --compare-redis and --store redis (default: "
                                         "from PATH)."_s,
                                         u"PATH"_s);
    const QCommandLineOption dispatcher(u"event-dispatcher"_s,
                                        u"Event dispatcher of the load generator: epoll (default where built: a "
                                        "loop pass costs O(ready sockets)) or qt (Qt's own, polls every socket)."_s,
                                        u"NAME"_s);
    parser.addOptions({server, recordlockd, user, password, serverPid, sessions, active, rate, watchers, duration,
                       mode, store, demoRecords, hold, lockTtl, json, compareRedis, redisServer, dispatcher});
    m_helpText = parser.helpText();

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help))
        return Outcome::ShowHelp;
    if (!parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument: %1"_s.arg(parser.positionalArguments().constFirst()));

    BenchConfig c;
    if (parser.isSet(server)) {
        c.server = QUrl(parser.value(server), QUrl::StrictMode);
        if (!c.server.isValid() || (c.server.scheme() != u"ws" && c.server.scheme() != u"wss"))
            return fail(u"--server: \"%1\" is not a ws:// or wss:// URL"_s.arg(parser.value(server)));
        if (!parser.isSet(user) || !parser.isSet(password))
            return fail(u"--server needs --user and --password"_s);
        c.user = parser.value(user);
        c.password = parser.value(password);
    }
    c.recordlockdPath = parser.value(recordlockd);
    if (parser.isSet(serverPid)) {
        int pid = 0;
        if (!readInt(parser.value(serverPid), 1, std::numeric_limits<int>::max(), &pid))
            return fail(u"--server-pid: not a process id"_s);
        c.serverPid = pid;
    }
    const struct
    {
        const QCommandLineOption &option;
        int min;
        int max;
        int *target;
    } integers[] = {
        {sessions, 1, BenchConfig::MaxSessions, &c.sessions},
        {active, 1, BenchConfig::MaxSessions, &c.active},
        {watchers, 0, BenchConfig::MaxSessions, &c.watchers},
        {duration, 1, BenchConfig::MaxDurationSeconds, &c.durationSeconds},
        {demoRecords, 2, 1'000'000, &c.demoRecords},
        {hold, 1, BenchConfig::MaxSessions, &c.hold},
    };
    for (const auto &i : integers) {
        if (parser.isSet(i.option) && !readInt(parser.value(i.option), i.min, i.max, i.target))
            return fail(u"--%1: \"%2\" is not a whole number from %3 to %4"_s.arg(i.option.names().constFirst(),
                                                                              parser.value(i.option))
                            .arg(i.min)
                            .arg(i.max));
    }
    if (parser.isSet(rate)) {
        bool ok = false;
        c.rate = parser.value(rate).toDouble(&ok);
        if (!ok || c.rate <= 0 || c.rate > BenchConfig::MaxRate)
            return fail(u"--rate: \"%1\" is not a rate from 0 to %2 cycles per second"_s.arg(parser.value(rate))
                            .arg(BenchConfig::MaxRate));
    }
    if (parser.isSet(lockTtl)) {
        bool ok = false;
        c.lockTtlSeconds = parser.value(lockTtl).toDouble(&ok);
        if (!ok || c.lockTtlSeconds <= 0 || c.lockTtlSeconds > 86'400)
            return fail(u"--lock-ttl: \"%1\" is not a number of seconds from 0 to 86400"_s.arg(parser.value(lockTtl)));
        if (parser.isSet(server))
            return fail(u"--lock-ttl applies to a started server; --server has its own"_s);
    }
    if (c.hold > 0) {
        for (const QCommandLineOption *other : {&active, &rate, &mode, &compareRedis}) {
            if (parser.isSet(*other))
                return fail(u"--hold and --%1 exclude each other"_s.arg(other->names().constFirst()));
        }
        c.active = 0;
        if (!parser.isSet(lockTtl) && !parser.isSet(server))
            c.lockTtlSeconds = 30;
        // One record per holder and the fan-out probe's hot record.
        if (!parser.isSet(demoRecords))
            c.demoRecords = std::max(c.demoRecords, c.hold + 1);
        else if (c.demoRecords < c.hold + 1)
            return fail(u"--demo-records %1 is fewer than the %2 records --hold %3 needs"_s.arg(c.demoRecords)
                            .arg(c.hold + 1)
                            .arg(c.hold));
    }
    // Active clients (or holders), then (with watchers) the fan-out probe's session and the watchers.
    const int drivers = c.hold > 0 ? c.hold : c.active;
    const int needed = drivers + (c.watchers > 0 ? 1 + c.watchers : 0);
    if (c.hold > 0 && !parser.isSet(sessions))
        c.sessions = std::max(c.sessions, needed);
    if (c.sessions < needed)
        return fail(u"--sessions %1 is fewer than the %2 needed (--active or --hold, plus --watchers and one "
                    "fan-out probe session when watching)"_s.arg(c.sessions)
                        .arg(needed));
    const QString modeName = parser.value(mode);
    if (modeName.isEmpty() || modeName == u"acquire-release")
        c.mode = BenchConfig::Mode::AcquireRelease;
    else if (modeName == u"acquire-renew-release")
        c.mode = BenchConfig::Mode::AcquireRenewRelease;
    else
        return fail(u"--mode: \"%1\" is not acquire-release or acquire-renew-release"_s.arg(modeName));
    if (parser.isSet(store)) {
        const QString storeName = parser.value(store);
        if (storeName == u"redis")
            c.lockStore = BenchConfig::LockStore::Redis;
        else if (storeName != u"sqlite")
            return fail(u"--store: \"%1\" is not sqlite or redis"_s.arg(storeName));
        if (!c.server.isEmpty())
            return fail(u"--store applies to a started server, not to --server"_s);
    }
    c.json = parser.isSet(json);
    c.compareRedis = parser.isSet(compareRedis);
    if (parser.isSet(redisServer))
        c.redisServerPath = parser.value(redisServer);
    if (parser.isSet(dispatcher)) {
        m_eventDispatcher = parser.value(dispatcher);
        if (m_eventDispatcher != u"qt" && !(m_eventDispatcher == u"epoll" && epollAvailable()))
            return fail(u"--event-dispatcher: \"%1\" is not available (%2)"_s.arg(
                m_eventDispatcher, epollAvailable() ? u"epoll or qt"_s : u"only qt in this build"_s));
    }
    m_config = c;
    return Outcome::Run;
}

bool BenchOptions::epollAvailable()
{
#ifdef RECORDLOCK_BENCH_HAVE_EPOLL
    return true;
#else
    return false;
#endif
}

BenchOptions::Outcome BenchOptions::fail(const QString &message)
{
    m_error = message;
    return Outcome::Invalid;
}

} // namespace recordlock
