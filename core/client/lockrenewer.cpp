#include "client/lockrenewer.h"

#include <algorithm>

#include <QTimer>

#include "client/clientlogging.h"
#include "client/connection.h"
#include "client/lockservice.h"
#include "client/lockstate.h"

namespace recordlock {

namespace {

/// Longest single wait. QTimer takes an int (and its remainingTime() overflows near INT_MAX), so
/// a TTL of months, which recordlockd allows, is renewed daily: early renewals are harmless.
constexpr qint64 MaxWaitMs = 24LL * 3600 * 1000;

void startIn(QTimer *timer, qint64 ms)
{
    timer->start(int(std::clamp<qint64>(ms, 0, MaxWaitMs)));
}

} // namespace

LockRenewer::LockRenewer(LockService *service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    connect(m_service, &LockService::stateCreated, this, &LockRenewer::track);
    connect(m_service, &LockService::operationFailed, this,
            [this](LockService::Operation operation, const QString &recordId, const ProtocolError &error) {
                if (operation == LockService::Operation::Renew)
                    emit renewalFailed(recordId, error);
            });
    const QList<LockState *> states = m_service->states();
    for (LockState *state : states)
        track(state);
}

LockRenewer::~LockRenewer() = default;

bool LockRenewer::isRenewing(const QString &recordId) const
{
    const QTimer *timer = m_timers.value(recordId);
    return timer && timer->isActive();
}

qint64 LockRenewer::nextRenewalInMs(const QString &recordId) const
{
    const QTimer *timer = m_timers.value(recordId);
    return timer && timer->isActive() ? timer->remainingTime() : -1;
}

void LockRenewer::track(LockState *state)
{
    connect(state, &LockState::changed, this, [this, state] { reschedule(state); });
    reschedule(state);
}

void LockRenewer::reschedule(LockState *state)
{
    const QString id = state->recordId();
    QTimer *timer = m_timers.value(id);
    const qint64 ttl = ttlMs();
    if (state->status() != LockState::Status::HeldByMe || ttl <= 0) {
        if (timer)
            timer->stop();
        return;
    }
    if (timer && timer->isActive() && m_renewedExpiry.value(id, -1) == state->expiresAt())
        return; // a renewal is out; its answer (or the retry) decides what happens next
    if (!timer) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, id] { renewNow(id); });
        m_timers.insert(id, timer);
    }
    // Due once two thirds of a TTL remain: TTL/3 after a grant or renewal, sooner for a resumed lock.
    const qint64 remaining = m_service->connection()->serverClock().msUntil(state->expiresAt());
    startIn(timer, std::clamp<qint64>(remaining - (ttl * 2) / 3, 0, ttl / 3));
}

void LockRenewer::renewNow(const QString &recordId)
{
    LockState *state = m_service->existingState(recordId);
    if (!state || state->status() != LockState::Status::HeldByMe)
        return;
    qCDebug(lcClientLocks) << "renewing" << recordId;
    // Retry later if no answer changes the state; a successful reply reschedules from expiresAt.
    m_renewedExpiry.insert(recordId, state->expiresAt());
    if (QTimer *timer = m_timers.value(recordId))
        startIn(timer, std::max<qint64>(1, ttlMs() / 3));
    m_service->renew(recordId);
}

qint64 LockRenewer::ttlMs() const
{
    return m_service->lockTtlMs();
}

} // namespace recordlock
