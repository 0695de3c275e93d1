#include "editor/editlock.h"

#include <memory>
#include <utility>

#include "client/lockrenewer.h"
#include "editor/editorlogging.h"

namespace recordlock {

EditLock::EditLock(LockService *locks, QObject *parent)
    : QObject(parent)
    , m_locks(locks)
{
    connect(locks, &LockService::operationFailed, this, &EditLock::onOperationFailed);
}

void EditLock::setRenewer(LockRenewer *renewer)
{
    disconnect(m_renewerConnection);
    if (renewer)
        m_renewerConnection = connect(renewer, &LockRenewer::renewalFailed, this, &EditLock::onRenewalFailed);
}

void EditLock::attach(const QString &recordId)
{
    detach();
    if (!m_locks)
        return;
    m_recordId = recordId;
    m_locks->watch(recordId);
    m_state = m_locks->state(recordId);
    LockState *state = m_state.data();
    m_stateConnections = {
        connect(state, &LockState::statusChanged, this, &EditLock::onStatusChanged),
        connect(state, &LockState::changed, this, &EditLock::onChanged),
        connect(state, &LockState::lockLost, this, &EditLock::onLockLost),
        connect(state, &LockState::resyncNeeded, this, &EditLock::resyncNeeded),
    };
}

void EditLock::detach()
{
    if (m_recordId.isEmpty())
        return;
    if (m_acquiring)
        releaseWhenGranted();
    else
        release();
    for (const QMetaObject::Connection &connection : std::as_const(m_stateConnections))
        disconnect(connection);
    m_stateConnections.clear();
    if (m_locks)
        m_locks->unwatch(m_recordId);
    m_recordId.clear();
    m_state = nullptr;
    m_wanted = false;
    m_acquiring = false;
    setRenewalFailing(false);
}

void EditLock::acquire(bool switchSession)
{
    if (!m_locks || m_recordId.isEmpty())
        return;
    m_wanted = true;
    m_acquiring = true;
    m_locks->acquire(m_recordId, switchSession);
}

void EditLock::takeOver(const QString &reason, const QString &expectHolder)
{
    if (!m_locks || m_recordId.isEmpty())
        return;
    m_wanted = true;
    m_acquiring = true;
    m_locks->takeOver(m_recordId, reason, expectHolder, this,
                      [this](const std::variant<TakeOverResult, ProtocolError> &result) {
                          // "renewed" (this window held it already) changes no status, so the
                          // answer, not onStatusChanged(), has to say granted.
                          if (std::holds_alternative<TakeOverResult>(result) && isHeld()
                              && std::exchange(m_acquiring, false) && m_wanted)
                              emit granted();
                      });
}

void EditLock::release()
{
    m_wanted = false;
    setRenewalFailing(false);
    if (m_locks && isHeld())
        m_locks->release(m_recordId);
}

void EditLock::adopt()
{
    if (isHeld())
        m_wanted = true;
}

void EditLock::refresh()
{
    if (m_locks && !m_recordId.isEmpty())
        m_locks->refresh(m_recordId);
}

LockState::Status EditLock::status() const
{
    return m_state ? m_state->status() : LockState::Status::Unknown;
}

qint64 EditLock::token() const
{
    return m_state ? m_state->token() : 0;
}

void EditLock::onStatusChanged(LockState::Status status)
{
    // Other statuses while acquiring are not the answer: events sent before the server took the
    // acquire (e.g. the previous holder's lock_acquired arriving late) pass through first; the
    // answer is HeldByMe or the failed reply (onOperationFailed).
    if (status != LockState::Status::HeldByMe)
        return;
    const bool answered = std::exchange(m_acquiring, false);
    if (!m_wanted)
        release();
    else if (answered)
        emit granted();
}

void EditLock::onChanged()
{
    if (m_renewalFailing && isHeld() && m_state->expiresAt() > m_expiresAtAtFailure)
        setRenewalFailing(false);
    emit changed();
}

void EditLock::onLockLost(const QString &reason)
{
    if (!std::exchange(m_wanted, false))
        return;
    setRenewalFailing(false);
    emit lost(reason);
}

void EditLock::onOperationFailed(LockService::Operation operation, const QString &recordId, const ProtocolError &error)
{
    const bool asked = operation == LockService::Operation::Acquire || operation == LockService::Operation::TakeOver;
    if (!asked || recordId != m_recordId || !m_acquiring)
        return;
    m_acquiring = false;
    m_wanted = false;
    emit refused(error);
}

void EditLock::onRenewalFailed(const QString &recordId)
{
    if (recordId != m_recordId || !m_wanted || !isHeld())
        return;
    m_expiresAtAtFailure = m_state->expiresAt();
    setRenewalFailing(true);
}

void EditLock::releaseWhenGranted()
{
    // The editor goes away while an acquire is in flight: the service, which outlives it, gives
    // the lock back if the answer grants it.
    if (!m_locks || !m_state)
        return;
    LockService *locks = m_locks.data();
    const QString recordId = m_recordId;
    auto connections = std::make_shared<std::pair<QMetaObject::Connection, QMetaObject::Connection>>();
    const auto done = [connections] {
        QObject::disconnect(connections->first);
        QObject::disconnect(connections->second);
    };
    connections->first = connect(m_state.data(), &LockState::statusChanged, locks,
                                 [locks, recordId, done](LockState::Status status) {
                                     if (status != LockState::Status::HeldByMe)
                                         return;
                                     done();
                                     qCInfo(lcEditor) << recordId << "granted after its editor closed; releasing";
                                     locks->release(recordId);
                                 });
    connections->second = connect(locks, &LockService::operationFailed, locks,
                                  [recordId, done](LockService::Operation operation, const QString &id) {
                                      if ((operation == LockService::Operation::Acquire
                                           || operation == LockService::Operation::TakeOver)
                                          && id == recordId)
                                          done();
                                  });
}

void EditLock::setRenewalFailing(bool failing)
{
    if (m_renewalFailing == failing)
        return;
    m_renewalFailing = failing;
    emit renewalFailingChanged(failing);
}

} // namespace recordlock
