#pragma once

#include "client/lockservice.h"
#include "client/lockstate.h"
#include "protocol/protocolerror.h"

#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>

namespace recordlock {

class LockRenewer;

/// The lock side of one editor: asks for the record's lock, follows its LockState and gives it back.
///
/// It remembers whether the editor wants the lock: a lock that turns up while not wanted (granted
/// after cancelEdit(), or resumed after a reconnect when editing had ended) is released at once,
/// so no window keeps renewing a lock nobody edits with.
class EditLock : public QObject
{
    Q_OBJECT

public:
    /// locks must outlive the EditLock (it is checked, so a service destroyed first is tolerated).
    explicit EditLock(LockService *locks, QObject *parent = nullptr);

    /// Reports renewal failures of the attached record through renewalFailing(); may be null.
    void setRenewer(LockRenewer *renewer);
    /// Watches recordId and follows its state.
    void attach(const QString &recordId);
    /// Gives back a held lock (or one still being asked for) and stops watching.
    void detach();

    /// Asks for the lock (switchSession: take it over from another window of this user).
    void acquire(bool switchSession);
    /// Admin override: takes the lock from whoever holds it; answered like acquire() with granted()
    /// or refused() (forbidden, lock_changed, ...). expectHolder: the holder handle the user was shown.
    void takeOver(const QString &reason, const QString &expectHolder);
    /// Gives the lock back if held; an acquire in flight is given back when granted.
    void release();
    /// Takes up a lock this window still holds (e.g. its release not yet answered) without a request.
    void adopt();
    /// Fetches the lock again (get_lock), e.g. after a save said the lock is not what it seemed.
    void refresh();

    /// The attached record's state (owned by the LockService); nullptr when detached.
    LockState *state() const { return m_state; }
    /// The state's status; Unknown when detached.
    LockState::Status status() const;
    /// True while this window holds the lock.
    bool isHeld() const { return status() == LockState::Status::HeldByMe; }
    /// The fencing token while held, else 0.
    qint64 token() const;
    /// True while an acquire awaits its reply.
    bool isAcquiring() const { return m_acquiring; }
    /// True after a renewal failed, until a renewal succeeds or the lock is given back.
    bool renewalFailing() const { return m_renewalFailing; }

signals:
    /// The acquire succeeded: this window holds the lock.
    void granted();
    /// The acquire failed (lock_held, unavailable, ...); the state already shows what it said.
    void refused(const recordlock::ProtocolError &error);
    /// The lock went away while wanted (expired, released, switched, overridden, disconnected, lost).
    void lost(const QString &reason);
    /// Anything about the state changed.
    void changed();
    /// Events were missed; whatever the record shows should be fetched again.
    void resyncNeeded();
    /// renewalFailing() changed.
    void renewalFailingChanged(bool failing);

private:
    void onStatusChanged(LockState::Status status);
    void onChanged();
    void onLockLost(const QString &reason);
    void onOperationFailed(LockService::Operation operation, const QString &recordId, const ProtocolError &error);
    void onRenewalFailed(const QString &recordId);
    void releaseWhenGranted();
    void setRenewalFailing(bool failing);

    QPointer<LockService> m_locks;
    QPointer<LockState> m_state;
    QString m_recordId;
    QList<QMetaObject::Connection> m_stateConnections;
    QMetaObject::Connection m_renewerConnection;
    bool m_wanted = false;
    bool m_acquiring = false;
    bool m_renewalFailing = false;
    /// expiresAt when a renewal failed; a later one means a renewal worked again.
    qint64 m_expiresAtAtFailure = 0;
};

} // namespace recordlock
