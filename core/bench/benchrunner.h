#pragma once

#include <memory>
#include <vector>

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include "bench/benchconfig.h"
#include "bench/errortally.h"
#include "bench/recordpicker.h"

namespace recordlock {

class FanoutProbe;
class HoldDriver;
class LoadDriver;
class ProcSampler;
class RedisComparison;
class RedisServer;
class ServerLauncher;
class SessionPool;
class WireLockClient;

/// One whole bench run: start (or reach) the server (with --store redis, its private Redis
/// first; they stop in reverse order), sign in the sessions, subscribe the watchers, run the
/// load window (lock cycles, or held locks renewing in hold mode) with the
/// fan-out probe and /proc sampling, then the optional Redis comparison, and build the report.
/// finished() carries the process exit code.
class BenchRunner : public QObject
{
    Q_OBJECT

public:
    explicit BenchRunner(BenchConfig config, QObject *parent = nullptr);
    ~BenchRunner() override;

    /// Starts the run.
    void start();
    /// The report (complete after finished()).
    const QJsonObject &report() const { return m_report; }

Q_SIGNALS:
    /// The run is over: 0 if it measured something without client errors, 1 otherwise.
    void finished(int exitCode);

private:
    void startStoreRedis();
    void launchServer();
    void openSessions();
    void fetchRecords();
    void fetchRecordPage(int needed);
    void prepareProbe(QStringList recordIds);
    void runWindow();
    void runHoldWindow();
    void createSamplers();
    void startSampling();
    void stopSampling();
    void windowPartDone();
    void runRedis();
    void finish(const QString &failure = QString());

    BenchConfig m_config;
    ErrorTally m_errors;
    ErrorTally m_redisErrors;
    QUrl m_url;
    qint64 m_serverPid = 0;
    QStringList m_notes;
    RecordPicker m_picker;
    /// Records fetched so far; in hold mode, the held ones (the hot record taken out).
    QStringList m_recordIds;
    /// The Redis of a started server's Redis lock store (stopped after the server).
    std::unique_ptr<RedisServer> m_storeRedis;
    std::unique_ptr<ServerLauncher> m_launcher;
    std::unique_ptr<SessionPool> m_pool;
    std::vector<std::unique_ptr<WireLockClient>> m_clients;
    std::unique_ptr<LoadDriver> m_driver;
    std::unique_ptr<HoldDriver> m_hold;
    std::unique_ptr<FanoutProbe> m_probe;
    std::unique_ptr<ProcSampler> m_sampler;
    std::unique_ptr<ProcSampler> m_storeSampler;
    std::unique_ptr<RedisComparison> m_redis;
    QJsonObject m_report;
    int m_windowPartsLeft = 0;
    bool m_finished = false;
};

} // namespace recordlock
