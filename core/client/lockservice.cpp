#include "client/lockservice.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>

#include "client/clientlogging.h"
#include "client/lockevents.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

QJsonObject recordArgs(const QString &recordId)
{
    return QJsonObject{{u"recordId"_s, recordId}};
}

/// Why a lock this window held is gone, judged from the lock an error reply carried.
QString lossReasonFor(const LockInfo &lock)
{
    // renew/release after expiresAt is refused with not_holder and a free lock.
    return lock.held ? QString(LockState::ReasonLost) : QString(LockState::ReasonExpired);
}

} // namespace

LockService::LockService(Connection *connection, LockEvents *events, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    connect(m_connection, &Connection::stateChanged, this, &LockService::onConnectionStateChanged);
    connect(m_connection, &Connection::signedIn, this, &LockService::onSignedIn);
    connectEvents(events);
}

LockService::~LockService() = default;

void LockService::connectEvents(LockEvents *events)
{
    connect(events, &LockEvents::lockAcquired, this, [this](const LockInfo &lock) {
        if (LockState *s = stateForEvent(lock.recordId))
            s->applyAcquired(lock);
    });
    connect(events, &LockEvents::lockRenewed, this, [this](const LockInfo &lock) {
        if (LockState *s = stateForEvent(lock.recordId))
            s->applyRenewed(lock);
    });
    connect(events, &LockEvents::lockReleased, this, [this](const LockInfo &lock, const QString &reason) {
        if (LockState *s = stateForEvent(lock.recordId))
            s->applyReleased(lock, reason);
    });
    connect(events, &LockEvents::lockExpired, this, [this](const LockInfo &lock) {
        if (LockState *s = stateForEvent(lock.recordId))
            s->applyExpired(lock);
    });
    connect(events, &LockEvents::holderPresenceChanged, this, [this](const LockInfo &lock) {
        if (LockState *s = stateForEvent(lock.recordId))
            s->applyPresence(lock);
    });
    connect(events, &LockEvents::lockOverridden, this,
            [this](const LockInfo &lock, const Holder &previous, const Holder &by, const QString &reason) {
                // The displaced window gets this event even when it does not watch the record.
                if (LockState *s = stateForEvent(lock.recordId))
                    s->applyOverride(lock, LockOverride{previous, by, reason});
            });
    connect(events, &LockEvents::lockDenied, this, [this](const LockInfo &lock) {
        if (LockState *s = existingState(lock.recordId))
            s->applyDenied(lock);
    });
    connect(events, &LockEvents::recordUpdated, this, [this](const RecordData &record, const QStringList &,
                                                             qint64 seq) {
        if (LockState *s = existingState(record.id))
            s->applyRecordUpdated(seq);
    });
}

LockState *LockService::state(const QString &recordId)
{
    if (LockState *existing = m_states.value(recordId))
        return existing;
    auto *created = new LockState(recordId, this);
    m_states.insert(recordId, created);
    connect(created, &LockState::resyncNeeded, this, &LockService::refresh);
    if (!m_connection->isOnline())
        created->setOffline();
    emit stateCreated(created);
    return created;
}

LockState *LockService::existingState(const QString &recordId) const
{
    return m_states.value(recordId);
}

QList<LockState *> LockService::states() const
{
    return m_states.values();
}

QStringList LockService::heldRecords() const
{
    QStringList held;
    for (const LockState *s : m_states) {
        if (s->status() == LockState::Status::HeldByMe)
            held.append(s->recordId());
    }
    held.sort();
    return held;
}

qint64 LockService::lockTtlMs() const
{
    return m_connection->session().lockTtlMs;
}

void LockService::watch(const QString &recordId)
{
    state(recordId);
    m_watched.insert(recordId);
    if (m_connection->isOnline())
        subscribe(recordId, QString(LockState::ReasonLost));
}

void LockService::unwatch(const QString &recordId)
{
    if (!m_watched.remove(recordId) || !m_connection->isOnline())
        return;
    m_connection->request(ops::Unsubscribe, recordArgs(recordId), this, [](const ServerMessage &) {});
}

void LockService::watchAll(const QStringList &recordIds)
{
    for (const QString &id : recordIds)
        state(id);
    m_watchAll = true;
    if (m_connection->isOnline())
        subscribeAll();
}

void LockService::unwatchAll()
{
    if (!m_watchAll)
        return;
    m_watchAll = false;
    if (m_connection->isOnline())
        m_connection->request(ops::UnsubscribeAll, {}, this, [](const ServerMessage &) {});
}

void LockService::acquire(const QString &recordId, bool switchSession)
{
    state(recordId)->setPending();
    QJsonObject args = recordArgs(recordId);
    if (switchSession)
        args.insert(u"switchSession"_s, true);
    requestLock(Operation::Acquire, ops::Acquire, args, recordId, QString(LockState::ReasonLost));
}

void LockService::renew(const QString &recordId)
{
    const LockInfo &lock = state(recordId)->lock();
    if (!lock.held || !lock.sameSession || lock.token <= 0) {
        failLater(Operation::Renew, recordId,
                  ProtocolError{ErrorCode::NotHolder, u"this window does not hold the lock"_s, {}});
        return;
    }
    QJsonObject args = recordArgs(recordId);
    args.insert(u"token"_s, lock.token);
    requestLock(Operation::Renew, ops::Renew, args, recordId, QString(LockState::ReasonLost));
}

void LockService::release(const QString &recordId)
{
    const LockInfo &lock = state(recordId)->lock();
    if (!lock.held || !lock.sameSession || lock.token <= 0) {
        failLater(Operation::Release, recordId,
                  ProtocolError{ErrorCode::NotHolder, u"this window does not hold the lock"_s, {}});
        return;
    }
    QJsonObject args = recordArgs(recordId);
    args.insert(u"token"_s, lock.token);
    requestLock(Operation::Release, ops::Release, args, recordId, reasons::Released.toString());
}

void LockService::refresh(const QString &recordId)
{
    state(recordId);
    if (m_connection->isOnline())
        requestLock(Operation::Refresh, ops::GetLock, recordArgs(recordId), recordId,
                    QString(LockState::ReasonLost));
}

void LockService::takeOver(const QString &recordId, const QString &reason, const QString &expectHolder,
                           QObject *context, TakeOverCallback callback)
{
    state(recordId)->setPending();
    QJsonObject args = recordArgs(recordId);
    args.insert(u"reason"_s, reason);
    if (!expectHolder.isEmpty())
        args.insert(u"expectHolder"_s, expectHolder);
    // The service is the request's context, so the state learns the answer even when the caller is gone.
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    m_connection->request(ops::Override, args, this,
                          [this, recordId, guard, hasContext, callback = std::move(callback)](const ServerMessage &reply) {
                              const bool deliver = callback && (!hasContext || guard);
                              if (!reply.ok) {
                                  handleFailure(Operation::TakeOver, recordId, reply.error);
                                  if (deliver)
                                      callback(reply.error);
                                  return;
                              }
                              const auto result = TakeOverResult::fromJson(reply.result);
                              if (!result) {
                                  const ProtocolError error{ErrorCode::Internal, u"reply without a valid lock"_s, {}};
                                  handleFailure(Operation::TakeOver, recordId, error);
                                  if (deliver)
                                      callback(error);
                                  return;
                              }
                              qCInfo(lcClientLocks) << "took over" << recordId << "outcome" << result->outcome;
                              state(recordId)->applySnapshot(result->lock);
                              if (deliver)
                                  callback(*result);
                          });
}

LockState *LockService::stateForEvent(const QString &recordId)
{
    // With subscribe_all every record is watched, so events may introduce records first seen here.
    return m_watchAll ? state(recordId) : existingState(recordId);
}

void LockService::onConnectionStateChanged(Connection::State state)
{
    if (state == Connection::State::Online)
        return;
    // A copy: slots reacting to the change may create states.
    const QList<LockState *> all = m_states.values();
    for (LockState *s : all)
        s->setOffline();
}

void LockService::onSignedIn(const SessionInfo &session)
{
    for (const LockInfo &lock : session.locks)
        state(lock.recordId)->applySnapshot(lock);

    // Whatever this window held and is not listed as resumed was lost while it was away.
    const QString lossReason = reasons::Disconnected.toString();
    const QList<LockState *> all = m_states.values();
    for (LockState *s : all) {
        const QString &id = s->recordId();
        if (m_watched.contains(id))
            subscribe(id, lossReason);
        else if (!m_watchAll)
            requestLock(Operation::Refresh, ops::GetLock, recordArgs(id), id, lossReason);
    }
    if (m_watchAll)
        subscribeAll();
}

void LockService::subscribe(const QString &recordId, const QString &lossReason)
{
    requestLock(Operation::Watch, ops::Subscribe, recordArgs(recordId), recordId, lossReason);
}

void LockService::subscribeAll()
{
    m_connection->request(ops::SubscribeAll, {}, this, [this](const ServerMessage &reply) {
        if (!reply.ok) {
            handleFailure(Operation::WatchAll, QString(), reply.error);
            return;
        }
        QSet<QString> listed;
        const QJsonArray locks = reply.result.value(u"locks"_s).toArray();
        for (const QJsonValue &value : locks) {
            if (auto lock = LockInfo::fromJson(value.toObject())) {
                listed.insert(lock->recordId);
                state(lock->recordId)->applySnapshot(*lock, reasons::Disconnected.toString());
            }
        }
        const QList<LockState *> all = m_states.values();
        for (LockState *s : all) {
            // A state awaiting this window's own acquire keeps Pending: its reply decides it.
            if (!listed.contains(s->recordId()) && s->status() != LockState::Status::Pending)
                s->applyUnsequencedFree();
        }
    });
}

void LockService::requestLock(Operation operation, QAnyStringView op, const QJsonObject &args,
                              const QString &recordId, const QString &lossReason)
{
    m_connection->request(op, args, this, [this, operation, recordId, lossReason](const ServerMessage &reply) {
        onLockReply(operation, recordId, reply, lossReason);
    });
}

void LockService::onLockReply(Operation operation, const QString &recordId, const ServerMessage &reply,
                              const QString &lossReason)
{
    if (!reply.ok) {
        handleFailure(operation, recordId, reply.error);
        return;
    }
    auto lock = LockInfo::fromJson(reply.result.value(u"lock"_s).toObject());
    if (!lock) {
        handleFailure(operation, recordId,
                      ProtocolError{ErrorCode::Internal, u"reply without a valid lock"_s, {}});
        return;
    }
    state(recordId)->applySnapshot(*lock, lossReason);
}

void LockService::handleFailure(Operation operation, const QString &recordId, const ProtocolError &error)
{
    qCInfo(lcClientLocks) << operation << recordId << "failed:" << errorCodeName(error.code) << error.message;
    if (LockState *s = existingState(recordId)) {
        const auto lock = LockInfo::fromJson(error.details.value(u"lock"_s).toObject());
        if (lock && lock->recordId == recordId)
            s->applySnapshot(*lock, lossReasonFor(*lock));
        else if (!m_connection->isOnline())
            s->setOffline();
        else
            s->cancelPending();
        // stale_token: the lock moved on. unavailable while online: a timeout, and the server
        // may still have granted, renewed or released. Either way only a fetch tells the truth.
        const bool outcomeUnknown = error.code == ErrorCode::Unavailable && m_connection->isOnline()
            && (operation == Operation::Acquire || operation == Operation::Renew
                || operation == Operation::Release || operation == Operation::TakeOver);
        if (error.code == ErrorCode::StaleToken || outcomeUnknown)
            refresh(recordId);
    }
    emit operationFailed(operation, recordId, error);
}

void LockService::failLater(Operation operation, const QString &recordId, const ProtocolError &error)
{
    // Same delivery as a server answer: never from inside the call that caused it.
    QTimer::singleShot(0, this, [this, operation, recordId, error] { handleFailure(operation, recordId, error); });
}

} // namespace recordlock
