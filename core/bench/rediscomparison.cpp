#include "bench/rediscomparison.h"

#include <hiredis/hiredis.h>

#include "bench/benchlogging.h"
#include "bench/errortally.h"
#include "bench/loaddriver.h"
#include "bench/procsampler.h"
#include "bench/redisconnection.h"
#include "bench/redislockclient.h"
#include "bench/redisserver.h"

using namespace Qt::StringLiterals;

namespace recordlock {

RedisComparison::RedisComparison(const BenchConfig &config, RecordPicker picker, ErrorTally &errors, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_picker(std::move(picker))
    , m_errors(errors)
{
}

RedisComparison::~RedisComparison()
{
    // Clients and driver refer to the connections: drop them first.
    m_driver.reset();
    m_clients.clear();
    m_connections.clear();
}

void RedisComparison::start()
{
    m_server = std::make_unique<RedisServer>(m_config.redisServerPath);
    connect(m_server.get(), &RedisServer::failed, this, &RedisComparison::fail);
    connect(m_server.get(), &RedisServer::started, this, &RedisComparison::connectClients);
    m_server->start();
}

void RedisComparison::connectClients()
{
    for (int i = 0; i < m_config.active; ++i) {
        auto connection = std::make_unique<RedisConnection>();
        if (!connection->connectUnix(m_server->socketPath())) {
            fail(u"cannot connect to redis-server: %1"_s.arg(connection->errorString()));
            return;
        }
        connect(connection.get(), &RedisConnection::failed, this, [this, c = connection.get()] {
            m_errors.addError(u"redis:closed"_s, c->errorString());
        });
        m_connections.push_back(std::move(connection));
    }
    loadScripts();
}

void RedisComparison::loadScripts()
{
    // Both SHA1s come back in order on the first connection; then the load starts.
    auto shas = std::make_shared<QByteArrayList>();
    for (const QByteArray &script : {RedisLockClient::ReleaseScript, RedisLockClient::RenewScript}) {
        m_connections.front()->command({"SCRIPT", "LOAD", script}, [this, shas](const redisReply *reply, qint64) {
            if (!reply || reply->type != REDIS_REPLY_STRING) {
                fail(u"SCRIPT LOAD failed"_s);
                return;
            }
            shas->append(QByteArray(reply->str, qsizetype(reply->len)));
            if (shas->size() == 2)
                runLoad(shas->at(0), shas->at(1));
        });
    }
}

void RedisComparison::runLoad(const QByteArray &releaseSha, const QByteArray &renewSha)
{
    std::vector<LockClient *> clients;
    for (std::size_t i = 0; i < m_connections.size(); ++i) {
        m_clients.push_back(std::make_unique<RedisLockClient>(*m_connections[i], releaseSha, renewSha,
                                                              "c" + QByteArray::number(qulonglong(i))));
        clients.push_back(m_clients.back().get());
    }
    m_driver = std::make_unique<LoadDriver>(std::move(clients), m_picker, m_config.mode, m_config.rate, m_errors);
    m_sampler = std::make_unique<ProcSampler>(m_server->pid());
    connect(m_driver.get(), &LoadDriver::finished, this, [this] {
        m_sampler->stop();
        done();
    });
    qCInfo(lcBench) << "redis comparison:" << m_config.active << "clients for" << m_config.durationSeconds << "s";
    m_sampler->start();
    m_driver->start(qint64(m_config.durationSeconds) * 1000);
}

void RedisComparison::fail(const QString &why)
{
    if (m_done)
        return;
    m_failure = why;
    m_errors.addError(u"redis:setup"_s, why);
    done();
}

void RedisComparison::done()
{
    if (m_done)
        return;
    m_done = true;
    // Often called from inside a hiredis reply callback: the connections are freed (quietly,
    // before the server stops, so that is not counted as a lost connection) on the next pass.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_clients.clear();
            m_connections.clear();
            if (m_server)
                m_server->stop();
            Q_EMIT finished();
        },
        Qt::QueuedConnection);
}

} // namespace recordlock
