#pragma once

#include <memory>
#include <vector>

#include <QObject>

#include "bench/benchconfig.h"
#include "bench/recordpicker.h"

namespace recordlock {

class ErrorTally;
class LoadDriver;
class ProcSampler;
class RedisConnection;
class RedisLockClient;
class RedisServer;

/// The --compare-redis run: a private redis-server and as many active clients as the
/// RecordLock run, doing the plain Redis lock recipe on the same record ids, in the same mode
/// (closed or open loop at the same rate) for the same duration.
class RedisComparison : public QObject
{
    Q_OBJECT

public:
    RedisComparison(const BenchConfig &config, RecordPicker picker, ErrorTally &errors, QObject *parent = nullptr);
    ~RedisComparison() override;

    /// Starts redis-server, connects, loads the scripts and runs the load; finished() follows
    /// (also on failure, with failure() set).
    void start();
    /// The load driver (its stats are complete after finished()); nullptr if it never ran.
    const LoadDriver *driver() const { return m_driver.get(); }
    /// redis-server's CPU and RSS over the window.
    const ProcSampler *sampler() const { return m_sampler.get(); }
    /// Why the comparison could not run; empty if it ran.
    const QString &failure() const { return m_failure; }

Q_SIGNALS:
    /// The comparison is over.
    void finished();

private:
    void connectClients();
    void loadScripts();
    void runLoad(const QByteArray &releaseSha, const QByteArray &renewSha);
    void fail(const QString &why);
    void done();

    BenchConfig m_config;
    RecordPicker m_picker;
    ErrorTally &m_errors;
    std::unique_ptr<RedisServer> m_server;
    std::vector<std::unique_ptr<RedisConnection>> m_connections;
    std::vector<std::unique_ptr<RedisLockClient>> m_clients;
    std::unique_ptr<LoadDriver> m_driver;
    std::unique_ptr<ProcSampler> m_sampler;
    QString m_failure;
    bool m_done = false;
};

} // namespace recordlock
