#include "bench/benchrunner.h"

#include <QJsonArray>
#include <QTimer>

#include "bench/benchlogging.h"
#include "bench/benchreport.h"
#include "bench/benchsession.h"
#include "bench/fanoutprobe.h"
#include "bench/holddriver.h"
#include "bench/loaddriver.h"
#include "bench/procsampler.h"
#include "bench/rediscomparison.h"
#include "bench/redisserver.h"
#include "bench/serverlauncher.h"
#include "bench/sessionpool.h"
#include "bench/wirelockclient.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// The most records fetched to pick from in the lock-cycle modes; the largest list_records page.
constexpr int MaxRecords = 10'000;

QString benchRunnerStoreName(const BenchConfig &config)
{
    return config.lockStore == BenchConfig::LockStore::Redis ? u"redis"_s : u"sqlite"_s;
}

QString modeName(const BenchConfig &config)
{
    if (config.hold > 0)
        return u"hold"_s;
    return config.mode == BenchConfig::Mode::AcquireRenewRelease ? u"acquire-renew-release"_s : u"acquire-release"_s;
}

} // namespace

BenchRunner::BenchRunner(BenchConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
}

BenchRunner::~BenchRunner()
{
    // Drivers and probe point into the pool's sessions: they go first.
    m_driver.reset();
    m_hold.reset();
    m_probe.reset();
    m_clients.clear();
    m_pool.reset();
    m_redis.reset();
    // recordlockd first, then the Redis it keeps its locks in.
    m_launcher.reset();
    m_storeRedis.reset();
}

void BenchRunner::start()
{
    if (!m_config.server.isEmpty()) {
        m_url = m_config.server;
        m_serverPid = m_config.serverPid;
        openSessions();
        return;
    }
    if (m_config.lockStore == BenchConfig::LockStore::Redis)
        startStoreRedis();
    else
        launchServer();
}

void BenchRunner::startStoreRedis()
{
    m_storeRedis =
        std::make_unique<RedisServer>(m_config.redisServerPath, RedisServer::Persistence::AppendOnlyEverySec);
    connect(m_storeRedis.get(), &RedisServer::failed, this,
            [this](const QString &why) { finish(u"lock store: %1"_s.arg(why)); });
    connect(m_storeRedis.get(), &RedisServer::started, this, &BenchRunner::launchServer);
    m_storeRedis->start();
}

void BenchRunner::launchServer()
{
    m_launcher = std::make_unique<ServerLauncher>(ServerLauncher::locate(m_config.recordlockdPath));
    if (m_storeRedis)
        m_launcher->setRedisLockStore(u"unix://"_s + m_storeRedis->socketPath());
    connect(m_launcher.get(), &ServerLauncher::failed, this, [this](const QString &why) { finish(why); });
    connect(m_launcher.get(), &ServerLauncher::started, this, [this] {
        m_url = m_launcher->url();
        m_serverPid = m_launcher->pid();
        m_notes << m_launcher->notes();
        openSessions();
    });
    m_launcher->start(m_config.demoRecords, m_config.lockTtlSeconds);
}

void BenchRunner::openSessions()
{
    QList<SessionPool::Credential> credentials;
    if (m_config.server.isEmpty())
        credentials = {{u"alice"_s, u"alice"_s}, {u"bob"_s, u"bob"_s}};
    else
        credentials = {{m_config.user, m_config.password}};
    m_pool = std::make_unique<SessionPool>(m_url, credentials, m_errors);
    connect(m_pool.get(), &SessionPool::failed, this, [this](const QString &why) { finish(why); });
    connect(m_pool.get(), &SessionPool::ready, this, &BenchRunner::fetchRecords);
    qCInfo(lcBench) << "signing in" << m_config.sessions << "sessions at" << m_url.toString();
    m_pool->open(m_config.sessions);
}

void BenchRunner::fetchRecords()
{
    // Hold mode needs a record per holder plus the hot one; the other modes pick from one page.
    m_recordIds.clear();
    fetchRecordPage(m_config.hold > 0 ? m_config.hold + 1 : MaxRecords);
}

void BenchRunner::fetchRecordPage(int needed)
{
    const int limit = std::min<int>(MaxRecords, needed - int(m_recordIds.size()));
    m_pool->session(0)->send(
        QJsonObject{{u"op"_s, ops::ListRecords}, {u"offset"_s, int(m_recordIds.size())}, {u"limit"_s, limit}},
        [this, needed](const QJsonObject &reply, qint64) {
            const QJsonArray records = reply.value(u"result"_s).toObject().value(u"records"_s).toArray();
            for (const QJsonValue &record : records)
                m_recordIds << record.toObject().value(u"id"_s).toString();
            if (!reply.value(u"ok"_s).toBool()) {
                finish(u"list_records failed: %1"_s.arg(
                    reply.value(u"error"_s).toObject().value(u"code"_s).toString()));
                return;
            }
            if (!records.isEmpty() && m_recordIds.size() < needed) {
                fetchRecordPage(needed);
                return;
            }
            const int atLeast = m_config.hold > 0 ? needed : 2;
            if (m_recordIds.size() < atLeast) {
                finish(u"list_records gave %1 records; at least %2 are needed"_s.arg(m_recordIds.size()).arg(atLeast));
                return;
            }
            if (m_config.hold == 0 && m_recordIds.size() < 1000)
                m_notes << u"only %1 records: active clients will often collide (denials)"_s.arg(m_recordIds.size());
            prepareProbe(m_recordIds);
        });
}

void BenchRunner::prepareProbe(QStringList recordIds)
{
    // The first record is the hot one; active clients never touch it.
    const QString hot = recordIds.takeFirst();
    m_recordIds = recordIds;
    m_picker = RecordPicker(recordIds, 20261122);
    // The lock-driving sessions (active clients, or holders) come first, then the probe and watchers.
    const int k = m_config.hold > 0 ? m_config.hold : m_config.active;
    std::vector<BenchSession *> watchers;
    for (int i = 0; i < m_config.watchers; ++i)
        watchers.push_back(m_pool->session(k + 1 + i));
    BenchSession *prober = m_config.watchers > 0 ? m_pool->session(k) : nullptr;
    m_probe = std::make_unique<FanoutProbe>(prober, std::move(watchers), hot, m_errors);
    connect(m_probe.get(), &FanoutProbe::failed, this, [this](const QString &why) { finish(why); });
    connect(m_probe.get(), &FanoutProbe::subscribed, this, &BenchRunner::runWindow);
    m_probe->subscribe();
}

void BenchRunner::runWindow()
{
    if (m_config.hold > 0) {
        runHoldWindow();
        return;
    }
    std::vector<LockClient *> clients;
    for (int i = 0; i < m_config.active; ++i) {
        m_clients.push_back(std::make_unique<WireLockClient>(*m_pool->session(i)));
        clients.push_back(m_clients.back().get());
    }
    m_driver = std::make_unique<LoadDriver>(std::move(clients), m_picker, m_config.mode, m_config.rate, m_errors);
    createSamplers();
    connect(m_driver.get(), &LoadDriver::finished, this, &BenchRunner::windowPartDone);
    connect(m_probe.get(), &FanoutProbe::finished, this, &BenchRunner::windowPartDone);
    m_windowPartsLeft = 2;
    const qint64 durationMs = qint64(m_config.durationSeconds) * 1000;
    qCInfo(lcBench) << "load window:" << m_config.durationSeconds << "s";
    startSampling();
    m_driver->start(durationMs);
    m_probe->start(durationMs);
}

void BenchRunner::runHoldWindow()
{
    std::vector<BenchSession *> holders;
    for (int i = 0; i < m_config.hold; ++i)
        holders.push_back(m_pool->session(i));
    m_hold = std::make_unique<HoldDriver>(std::move(holders), m_recordIds.mid(0, m_config.hold), m_errors);
    createSamplers();
    connect(m_hold.get(), &HoldDriver::failed, this, [this](const QString &why) { finish(why); });
    connect(m_hold.get(), &HoldDriver::windowEnded, this, &BenchRunner::stopSampling);
    connect(m_hold.get(), &HoldDriver::finished, this, &BenchRunner::windowPartDone);
    connect(m_probe.get(), &FanoutProbe::finished, this, &BenchRunner::windowPartDone);
    connect(m_hold.get(), &HoldDriver::acquired, this, [this] {
        m_windowPartsLeft = 2;
        const qint64 durationMs = qint64(m_config.durationSeconds) * 1000;
        qCInfo(lcBench) << "hold window:" << m_config.durationSeconds << "s";
        startSampling();
        m_hold->start(durationMs);
        m_probe->start(durationMs);
    });
    qCInfo(lcBench) << "acquiring" << m_config.hold << "locks";
    m_hold->acquireAll();
}

void BenchRunner::createSamplers()
{
    m_sampler = std::make_unique<ProcSampler>(m_serverPid);
    if (m_storeRedis)
        m_storeSampler = std::make_unique<ProcSampler>(m_storeRedis->pid());
}

void BenchRunner::startSampling()
{
    m_sampler->start();
    if (m_storeSampler)
        m_storeSampler->start();
}

void BenchRunner::stopSampling()
{
    m_sampler->stop();
    if (m_storeSampler)
        m_storeSampler->stop();
}

void BenchRunner::windowPartDone()
{
    if (--m_windowPartsLeft > 0)
        return;
    stopSampling();
    if (!m_config.compareRedis) {
        finish();
        return;
    }
    runRedis();
}

void BenchRunner::runRedis()
{
    m_redis = std::make_unique<RedisComparison>(m_config, m_picker, m_redisErrors);
    connect(m_redis.get(), &RedisComparison::finished, this, [this] { finish(); });
    m_redis->start();
}

void BenchRunner::finish(const QString &failure)
{
    if (m_finished)
        return;
    m_finished = true;
    QJsonObject report{
        {u"config"_s,
         QJsonObject{{u"sessions"_s, m_config.sessions},
                     {u"active"_s, m_config.active},
                     {u"rate"_s, m_config.rate},
                     {u"watchers"_s, m_config.watchers},
                     {u"durationSeconds"_s, m_config.durationSeconds},
                     {u"mode"_s, modeName(m_config)},
                     {u"hold"_s, m_config.hold},
                     {u"lockTtlSeconds"_s, m_config.lockTtlSeconds},
                     {u"store"_s, benchRunnerStoreName(m_config)},
                     {u"startedServer"_s, m_config.server.isEmpty()}}},
        {u"serverUrl"_s, m_url.toString()},
        {u"notes"_s, QJsonArray::fromStringList(m_notes)},
    };
    if (!failure.isEmpty())
        report.insert(u"failure"_s, failure);
    if (m_storeRedis)
        report.insert(u"lockStoreRedis"_s,
                      QJsonObject{{u"url"_s, QString(u"unix://"_s + m_storeRedis->socketPath())},
                                  {u"persistence"_s, m_storeRedis->persistenceText()}});
    qint64 requests = 0;
    if (m_driver) {
        const QJsonObject load = BenchReport::loadJson(*m_driver);
        requests = m_driver->stats().requests;
        report.insert(u"recordlock"_s, load);
        report.insert(u"serverProcess"_s, m_sampler->toJson());
        if (m_storeSampler)
            report.insert(u"storeProcess"_s, m_storeSampler->toJson());
    }
    if ((m_driver || m_hold) && m_config.watchers > 0) {
        report.insert(u"fanout"_s,
                      QJsonObject{{u"watchers"_s, m_config.watchers},
                                  {u"definition"_s,
                                   u"from sending acquire on the hot record to the moment the last of the "
                                   "watchers received the matching lock_acquired (same seq), on the load "
                                   "generator's monotonic clock"_s},
                                  {u"latency"_s, m_probe->latencies().toJson()}});
    }
    bool holdOk = true;
    if (m_hold) {
        const HoldStats &stats = m_hold->stats();
        report.insert(u"hold"_s, m_hold->toJson());
        if (stats.windowEndNs > 0) {
            report.insert(u"serverProcess"_s, m_sampler->toJson());
            if (m_storeSampler)
                report.insert(u"storeProcess"_s, m_storeSampler->toJson());
        }
        holdOk = stats.locksHeld == m_config.hold && stats.renewals > 0 && stats.failedRenewals == 0;
        requests = stats.renewals;
    }
    bool redisOk = true;
    if (m_redis) {
        QJsonObject redis{{u"errors"_s, m_redisErrors.toJson()}};
        if (!m_redis->failure().isEmpty())
            redis.insert(u"failure"_s, m_redis->failure());
        if (m_redis->driver() && m_redis->failure().isEmpty()) {
            const QJsonObject load = BenchReport::loadJson(*m_redis->driver());
            redis.insert(u"load"_s, load);
            redis.insert(u"process"_s, m_redis->sampler()->toJson());
            report.insert(u"ratioRecordLockToRedis"_s,
                          BenchReport::ratioJson(report.value(u"recordlock"_s).toObject(), load));
            redisOk = m_redis->driver()->stats().requests > 0;
        }
        redisOk = redisOk && m_redisErrors.errorCount() == 0;
        report.insert(u"redis"_s, redis);
    }
    report.insert(u"clientErrors"_s, m_errors.toJson());
    const bool ok = failure.isEmpty() && requests > 0 && m_errors.errorCount() == 0 && redisOk && holdOk;
    report.insert(u"ok"_s, ok);
    m_report = report;
    if (m_pool)
        m_pool->closeAll();
    // recordlockd first, then the Redis it keeps its locks in.
    if (m_launcher)
        m_launcher->stop();
    if (m_storeRedis)
        m_storeRedis->stop();
    QMetaObject::invokeMethod(this, [this, ok] { Q_EMIT finished(ok ? 0 : 1); }, Qt::QueuedConnection);
}

} // namespace recordlock
