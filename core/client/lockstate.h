#pragma once

#include <QLatin1StringView>
#include <QObject>
#include <QString>

#include "client/lockoverride.h"
#include "protocol/lockinfo.h"

namespace recordlock {

/// The lock of one record as a window shows it; fed with snapshots and events by LockService.
///
/// Events carry the record's seq: one more than the last seen is applied, an older or equal one is
/// stale and ignored, a larger jump is applied and reported with resyncNeeded(). A snapshot (a
/// reply's lock) replaces the state unless it is older than what was already applied. Offline
/// keeps the last known holder for display; the next snapshot is taken as the new baseline.
class LockState : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString recordId READ recordId CONSTANT)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString holderName READ holderName NOTIFY changed)
    Q_PROPERTY(QString holderHandle READ holderHandle NOTIFY changed)
    Q_PROPERTY(qint64 since READ since NOTIFY changed)
    Q_PROPERTY(qint64 expiresAt READ expiresAt NOTIFY changed)
    Q_PROPERTY(bool connected READ isConnected NOTIFY changed)
    Q_PROPERTY(qint64 orphanDeadline READ orphanDeadline NOTIFY changed)
    Q_PROPERTY(qint64 token READ token NOTIFY changed)
    Q_PROPERTY(qint64 seq READ seq NOTIFY changed)

public:
    /// What the UI shows for the record.
    enum class Status {
        Unknown,           ///< nothing known yet
        Free,              ///< nobody holds the lock
        Pending,           ///< this window asked for the lock and awaits the answer
        HeldByMe,          ///< this window holds the lock (token() is valid)
        HeldByMeElsewhere, ///< the same user holds it in another window (switch possible)
        HeldByOther,       ///< someone else holds it
        Offline,           ///< no connection; the holder fields show the last known state
    };
    Q_ENUM(Status)

    /// lockLost() reasons beyond the lock_released ones (released, logout, disconnected, switched).
    static constexpr QLatin1StringView ReasonExpired{"expired"};
    static constexpr QLatin1StringView ReasonOverridden{"overridden"};
    /// The server no longer lists this window as holder and gave no event saying why.
    static constexpr QLatin1StringView ReasonLost{"lost"};

    /// A state for recordId, Unknown until the first snapshot or event.
    explicit LockState(const QString &recordId, QObject *parent = nullptr);

    /// The record this state is about.
    QString recordId() const { return m_recordId; }
    /// The current status.
    Status status() const { return m_status; }
    /// The last known lock (also while Offline or Pending).
    const LockInfo &lock() const { return m_lock; }
    /// Display name of the last known holder; empty when free.
    QString holderName() const { return m_lock.holderName; }
    /// Handle of the last known holder; empty when free.
    QString holderHandle() const { return m_lock.holderHandle; }
    /// Server time the holder got the lock.
    qint64 since() const { return m_lock.since; }
    /// Server time the lock expires unless renewed; compare with ServerClock, not the local clock.
    qint64 expiresAt() const { return m_lock.expiresAt; }
    /// False while the holder's connection is gone (orphan grace).
    bool isConnected() const { return m_lock.connected; }
    /// Server time an orphaned lock is freed unless its holder returns.
    qint64 orphanDeadline() const { return m_lock.orphanDeadline; }
    /// The fencing token while HeldByMe, else 0.
    qint64 token() const;
    /// The last applied seq.
    qint64 seq() const { return m_lock.seq; }
    /// The latest lock_override applied to this record (who, from whom, why); invalid if none.
    const LockOverride &lastOverride() const { return m_lastOverride; }

    /// Applies a lock from a reply (subscribe, get_lock, acquire, ...); lossReason is used for lockLost().
    void applySnapshot(const recordlock::LockInfo &lock, const QString &lossReason = QString(ReasonLost));
    /// Marks the record free without a known seq (subscribe_all lists held locks only).
    void applyUnsequencedFree();
    /// Applies lock_acquired.
    void applyAcquired(const recordlock::LockInfo &lock);
    /// Applies lock_renewed.
    void applyRenewed(const recordlock::LockInfo &lock);
    /// Applies lock_released with its reason.
    void applyReleased(const recordlock::LockInfo &lock, const QString &reason);
    /// Applies lock_expired.
    void applyExpired(const recordlock::LockInfo &lock);
    /// Applies lock_holder_presence.
    void applyPresence(const recordlock::LockInfo &lock);
    /// Applies lock_override: lock is the new holder's; details are kept as lastOverride() before
    /// lockLost("overridden") is emitted, so its receivers can name the administrator and the reason.
    void applyOverride(const recordlock::LockInfo &lock, const recordlock::LockOverride &details = {});
    /// Applies lock_denied: a snapshot of the holder that does not advance seq.
    void applyDenied(const recordlock::LockInfo &lock);
    /// Counts a record_updated event, which shares the record's seq counter.
    void applyRecordUpdated(qint64 seq);
    /// Shows that this window asked for the lock.
    void setPending();
    /// Returns from Pending to the previous status when the request failed without news.
    void cancelPending();
    /// The connection is gone; keeps the last known holder for display.
    void setOffline();

signals:
    /// Anything about the state changed.
    void changed();
    /// The status changed.
    void statusChanged(recordlock::LockState::Status status);
    /// The holder (or held/free) changed.
    void holderChanged();
    /// A lock this window held went away: expired, released, logout, disconnected, switched, overridden, lost.
    void lockLost(const QString &reason);
    /// Events were missed (seq jumped); the lock should be fetched again.
    void resyncNeeded(const QString &recordId);

private:
    enum class SeqCheck { Stale, InOrder, Gap };

    SeqCheck checkSeq(qint64 seq) const;
    bool hasBaseline() const;
    bool wasMine() const;
    void applyEvent(const LockInfo &lock, const QString &lossReason);
    void update(const LockInfo &lock, const QString &lossReason);
    void setStatus(Status status);

    QString m_recordId;
    LockInfo m_lock;
    LockOverride m_lastOverride;
    Status m_status = Status::Unknown;
    Status m_statusBeforePending = Status::Unknown;
    bool m_seqKnown = false;
    bool m_mineBeforeOffline = false;
};

} // namespace recordlock
