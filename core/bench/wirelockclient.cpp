#include "bench/wirelockclient.h"

#include <memory>

#include <QJsonObject>

#include "bench/benchclock.h"
#include "bench/benchsession.h"
#include "bench/errortally.h"
#include "bench/lockopstats.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

QString errorCode(const QJsonObject &reply)
{
    return reply.value(u"error"_s).toObject().value(u"code"_s).toString();
}

/// Shared state of one cycle, kept alive by the reply handlers that capture it.
struct CycleContext
{
    BenchSession &session;
    QString recordId;
    LockOpStats &stats;
    ErrorTally &errors;
    std::function<void()> done;
    double token = 0;
};

void sendRelease(const std::shared_ptr<CycleContext> &context)
{
    const qint64 sentNs = BenchClock::nowNs();
    context->session.send(
        QJsonObject{{u"op"_s, ops::Release}, {u"recordId"_s, context->recordId}, {u"token"_s, context->token}},
        [context, sentNs](const QJsonObject &reply, qint64 arrivalNs) {
            if (context->stats.inWindow(arrivalNs)) {
                ++context->stats.requests;
                context->stats.release.add(arrivalNs - sentNs);
            }
            if (!reply.value(u"ok"_s).toBool()) {
                if (errorCode(reply) == u"not_holder")
                    context->errors.addLost();
                else
                    context->errors.addError(u"reply:release:"_s + errorCode(reply), context->recordId);
            }
            context->done();
        });
}

void sendRenew(const std::shared_ptr<CycleContext> &context)
{
    const qint64 sentNs = BenchClock::nowNs();
    context->session.send(
        QJsonObject{{u"op"_s, ops::Renew}, {u"recordId"_s, context->recordId}, {u"token"_s, context->token}},
        [context, sentNs](const QJsonObject &reply, qint64 arrivalNs) {
            if (context->stats.inWindow(arrivalNs)) {
                ++context->stats.requests;
                context->stats.renew.add(arrivalNs - sentNs);
            }
            if (!reply.value(u"ok"_s).toBool()) {
                if (errorCode(reply) == u"not_holder") {
                    context->errors.addLost();
                    context->done();
                    return;
                }
                context->errors.addError(u"reply:renew:"_s + errorCode(reply), context->recordId);
            }
            sendRelease(context);
        });
}

} // namespace

WireLockClient::WireLockClient(BenchSession &session)
    : m_session(session)
{
}

bool WireLockClient::isOpen() const
{
    return m_session.isOpen();
}

void WireLockClient::runCycle(const QString &recordId, BenchConfig::Mode mode, qint64 startNs, LockOpStats &stats,
                              ErrorTally &errors, std::function<void()> done)
{
    auto context = std::make_shared<CycleContext>(CycleContext{m_session, recordId, stats, errors, std::move(done)});
    m_session.send(QJsonObject{{u"op"_s, ops::Acquire}, {u"recordId"_s, recordId}},
                 [context, mode, startNs](const QJsonObject &reply, qint64 arrivalNs) {
                     LockOpStats &s = context->stats;
                     const bool counted = s.inWindow(arrivalNs);
                     if (counted) {
                         ++s.requests;
                         ++s.cycles;
                         s.acquire.add(arrivalNs - startNs);
                     }
                     if (!reply.value(u"ok"_s).toBool()) {
                         if (errorCode(reply) == u"lock_held")
                             context->errors.addDenial();
                         else
                             context->errors.addError(u"reply:acquire:"_s + errorCode(reply), context->recordId);
                         context->done();
                         return;
                     }
                     const QJsonObject result = reply.value(u"result"_s).toObject();
                     // Each cycle is on a record its session does not hold: anything but a
                     // fresh grant means the server's lock state disagrees with the client's.
                     if (result.value(u"outcome"_s).toString() != u"granted")
                         context->errors.addError(u"acquire:outcome:"_s + result.value(u"outcome"_s).toString(),
                                                  context->recordId);
                     const QJsonObject lock = result.value(u"lock"_s).toObject();
                     context->token = lock.value(u"token"_s).toDouble();
                     if (context->token <= 0) {
                         context->errors.addError(u"protocol"_s, u"granted lock without a token"_s);
                         context->done();
                         return;
                     }
                     if (counted)
                         ++s.granted;
                     if (mode == BenchConfig::Mode::AcquireRenewRelease)
                         sendRenew(context);
                     else
                         sendRelease(context);
                 });
}

} // namespace recordlock
