#include "bench/redislockclient.h"

#include <memory>

#include <hiredis/hiredis.h>

#include "bench/benchclock.h"
#include "bench/errortally.h"
#include "bench/lockopstats.h"
#include "bench/redisconnection.h"

using namespace Qt::StringLiterals;

namespace recordlock {

const QByteArray RedisLockClient::ReleaseScript =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const QByteArray RedisLockClient::RenewScript =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

namespace {

/// State of one cycle, shared by its reply handlers.
struct RedisCycle
{
    RedisConnection &connection;
    QByteArray key;
    QByteArray token;
    QByteArray releaseSha;
    LockOpStats &stats;
    ErrorTally &errors;
    std::function<void()> done;
};

/// An integer reply of 1 is the script's success; 0 means the token no longer matched.
void checkScriptReply(const redisReply *reply, RedisCycle &cycle, const QString &what)
{
    if (!reply)
        cycle.errors.addError(u"redis:closed"_s, what);
    else if (reply->type == REDIS_REPLY_ERROR)
        cycle.errors.addError(u"redis:"_s + what, QString::fromUtf8(reply->str, qsizetype(reply->len)));
    else if (reply->type != REDIS_REPLY_INTEGER)
        cycle.errors.addError(u"redis:protocol"_s, what + u": unexpected reply type"_s);
    else if (reply->integer != 1)
        cycle.errors.addLost();
}

void sendRelease(const std::shared_ptr<RedisCycle> &cycle)
{
    const qint64 sentNs = BenchClock::nowNs();
    cycle->connection.command({"EVALSHA", cycle->releaseSha, "1", cycle->key, cycle->token},
                              [cycle, sentNs](const redisReply *reply, qint64 arrivalNs) {
                                  if (cycle->stats.inWindow(arrivalNs)) {
                                      ++cycle->stats.requests;
                                      cycle->stats.release.add(arrivalNs - sentNs);
                                  }
                                  checkScriptReply(reply, *cycle, u"release"_s);
                                  cycle->done();
                              });
}

} // namespace

RedisLockClient::RedisLockClient(RedisConnection &connection, QByteArray releaseSha, QByteArray renewSha,
                                 QByteArray clientTag)
    : m_connection(connection)
    , m_releaseSha(std::move(releaseSha))
    , m_renewSha(std::move(renewSha))
    , m_clientTag(std::move(clientTag))
{
}

bool RedisLockClient::isOpen() const
{
    return m_connection.isOpen();
}

void RedisLockClient::runCycle(const QString &recordId, BenchConfig::Mode mode, qint64 startNs, LockOpStats &stats,
                               ErrorTally &errors, std::function<void()> done)
{
    auto cycle = std::make_shared<RedisCycle>(RedisCycle{m_connection, "lock:" + recordId.toUtf8(),
                                                         m_clientTag + '-' + QByteArray::number(m_nextToken++),
                                                         m_releaseSha, stats, errors, std::move(done)});
    const QByteArray renewSha = m_renewSha;
    m_connection.command(
        {"SET", cycle->key, cycle->token, "NX", "PX", QByteArray::number(TtlMs)},
        [cycle, mode, startNs, renewSha](const redisReply *reply, qint64 arrivalNs) {
            LockOpStats &s = cycle->stats;
            const bool counted = s.inWindow(arrivalNs);
            if (counted) {
                ++s.requests;
                ++s.cycles;
                s.acquire.add(arrivalNs - startNs);
            }
            if (!reply || reply->type == REDIS_REPLY_ERROR) {
                cycle->errors.addError(u"redis:acquire"_s,
                                       reply ? QString::fromUtf8(reply->str, qsizetype(reply->len)) : u"closed"_s);
                cycle->done();
                return;
            }
            if (reply->type == REDIS_REPLY_NIL) {
                cycle->errors.addDenial();
                cycle->done();
                return;
            }
            if (counted)
                ++s.granted;
            if (mode != BenchConfig::Mode::AcquireRenewRelease) {
                sendRelease(cycle);
                return;
            }
            const qint64 sentNs = BenchClock::nowNs();
            cycle->connection.command({"EVALSHA", renewSha, "1", cycle->key, cycle->token, QByteArray::number(TtlMs)},
                                      [cycle, sentNs](const redisReply *renewReply, qint64 renewArrivalNs) {
                                          if (cycle->stats.inWindow(renewArrivalNs)) {
                                              ++cycle->stats.requests;
                                              cycle->stats.renew.add(renewArrivalNs - sentNs);
                                          }
                                          checkScriptReply(renewReply, *cycle, u"renew"_s);
                                          sendRelease(cycle);
                                      });
        });
}

} // namespace recordlock
