#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include "protocol/protocolerror.h"

class QTimer;

namespace recordlock {

class LockService;
class LockState;

/// Keeps every lock the window holds alive: renews each HeldByMe record of a LockService.
///
/// One renewer per LockService covers all its records (a window may hold several), so nobody has
/// to remember to create one per record. A renewal is due when a third of the TTL has passed,
/// i.e. when expiresAt is two thirds of a TTL away on the ServerClock; a lock that comes back
/// with less time left (e.g. resumed after a reconnect) is renewed at once. Without an answer the
/// next attempt follows TTL/3 later.
class LockRenewer : public QObject
{
    Q_OBJECT

public:
    /// service must outlive the renewer; follows its existing and future states.
    explicit LockRenewer(LockService *service, QObject *parent = nullptr);
    ~LockRenewer() override;

    /// True while a renewal timer runs for recordId.
    bool isRenewing(const QString &recordId) const;
    /// Milliseconds until the next renewal of recordId, or -1 when none is scheduled.
    qint64 nextRenewalInMs(const QString &recordId) const;

signals:
    /// A renewal failed; when the server said not_holder, the LockState already shows the loss.
    void renewalFailed(const QString &recordId, const recordlock::ProtocolError &error);

private:
    void track(LockState *state);
    void reschedule(LockState *state);
    void renewNow(const QString &recordId);
    qint64 ttlMs() const;

    LockService *m_service;
    /// One single-shot timer per record this window holds; children of this.
    QHash<QString, QTimer *> m_timers;
    /// expiresAt of the lock a renewal was last sent for: until it changes, only the retry timer runs.
    QHash<QString, qint64> m_renewedExpiry;
};

} // namespace recordlock
