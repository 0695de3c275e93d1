#include "client/lockstate.h"

#include "client/clientlogging.h"

namespace recordlock {

namespace {

LockState::Status statusFor(const LockInfo &lock)
{
    if (!lock.held)
        return LockState::Status::Free;
    if (lock.sameSession)
        return LockState::Status::HeldByMe;
    if (lock.sameUser)
        return LockState::Status::HeldByMeElsewhere;
    return LockState::Status::HeldByOther;
}

} // namespace

LockState::LockState(const QString &recordId, QObject *parent)
    : QObject(parent)
    , m_recordId(recordId)
{
    m_lock.recordId = recordId;
}

qint64 LockState::token() const
{
    return m_status == Status::HeldByMe ? m_lock.token : 0;
}

void LockState::applySnapshot(const LockInfo &lock, const QString &lossReason)
{
    if (hasBaseline() && lock.seq < m_lock.seq) {
        qCDebug(lcClientLocks) << m_recordId << "ignoring snapshot older than seq" << m_lock.seq;
        return;
    }
    update(lock, lossReason);
}

void LockState::applyUnsequencedFree()
{
    LockInfo free;
    free.recordId = m_recordId;
    free.seq = m_lock.seq;
    update(free, QString(ReasonLost));
    m_seqKnown = false;
}

void LockState::applyAcquired(const LockInfo &lock)
{
    applyEvent(lock, QString(ReasonLost));
}

void LockState::applyRenewed(const LockInfo &lock)
{
    applyEvent(lock, QString(ReasonLost));
}

void LockState::applyReleased(const LockInfo &lock, const QString &reason)
{
    applyEvent(lock, reason);
}

void LockState::applyExpired(const LockInfo &lock)
{
    applyEvent(lock, QString(ReasonExpired));
}

void LockState::applyPresence(const LockInfo &lock)
{
    applyEvent(lock, QString(ReasonLost));
}

void LockState::applyOverride(const LockInfo &lock, const LockOverride &details)
{
    // A stale event must not replace the details of the override that is in force.
    if (checkSeq(lock.seq) == SeqCheck::Stale) {
        qCDebug(lcClientLocks) << m_recordId << "ignoring stale override seq" << lock.seq << "<=" << m_lock.seq;
        return;
    }
    m_lastOverride = details;
    applyEvent(lock, QString(ReasonOverridden));
}

void LockState::applyDenied(const LockInfo &lock)
{
    // Carries the current seq without advancing it, so it is a snapshot, not an event in sequence.
    applySnapshot(lock);
}

void LockState::applyRecordUpdated(qint64 seq)
{
    const SeqCheck check = checkSeq(seq);
    if (check == SeqCheck::Stale)
        return;
    m_lock.seq = seq;
    m_seqKnown = true;
    emit changed();
    if (check == SeqCheck::Gap)
        emit resyncNeeded(m_recordId);
}

void LockState::setPending()
{
    if (m_status == Status::Pending)
        return;
    m_statusBeforePending = m_status;
    setStatus(Status::Pending);
}

void LockState::cancelPending()
{
    if (m_status == Status::Pending)
        setStatus(m_statusBeforePending);
}

void LockState::setOffline()
{
    if (m_status == Status::Offline)
        return;
    // The server keeps the lock through the orphan grace; whether it survived shows in the next snapshot.
    m_mineBeforeOffline = wasMine();
    setStatus(Status::Offline);
}

LockState::SeqCheck LockState::checkSeq(qint64 seq) const
{
    if (!hasBaseline())
        return SeqCheck::InOrder;
    if (seq <= m_lock.seq)
        return SeqCheck::Stale;
    if (seq > m_lock.seq + 1)
        return SeqCheck::Gap;
    return SeqCheck::InOrder;
}

bool LockState::hasBaseline() const
{
    // After Offline the old seq is no base to judge anything by: the next message starts afresh.
    return m_seqKnown && m_status != Status::Offline && m_status != Status::Unknown;
}

bool LockState::wasMine() const
{
    return m_status == Status::HeldByMe
        || (m_status == Status::Offline && m_mineBeforeOffline)
        || (m_status == Status::Pending
            && (m_statusBeforePending == Status::HeldByMe
                || (m_statusBeforePending == Status::Offline && m_mineBeforeOffline)));
}

void LockState::applyEvent(const LockInfo &lock, const QString &lossReason)
{
    const SeqCheck check = checkSeq(lock.seq);
    if (check == SeqCheck::Stale) {
        qCDebug(lcClientLocks) << m_recordId << "ignoring stale event seq" << lock.seq << "<=" << m_lock.seq;
        return;
    }
    update(lock, lossReason);
    if (check == SeqCheck::Gap) {
        qCInfo(lcClientLocks) << m_recordId << "missed events before seq" << lock.seq;
        emit resyncNeeded(m_recordId);
    }
}

void LockState::update(const LockInfo &lock, const QString &lossReason)
{
    const bool mine = wasMine();
    const LockInfo old = m_lock;
    const Status oldStatus = m_status;

    m_lock = lock;
    m_lock.recordId = m_recordId;
    m_seqKnown = true;
    m_mineBeforeOffline = false;
    m_status = statusFor(lock);

    const bool holderDiffers = old.held != m_lock.held || old.holderHandle != m_lock.holderHandle
        || old.holderName != m_lock.holderName || old.sameSession != m_lock.sameSession;
    if (oldStatus != m_status)
        emit statusChanged(m_status);
    if (holderDiffers)
        emit holderChanged();
    if (oldStatus != m_status || old != m_lock)
        emit changed();
    if (mine && m_status != Status::HeldByMe)
        emit lockLost(lossReason);
}

void LockState::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    emit statusChanged(status);
    emit changed();
}

} // namespace recordlock
