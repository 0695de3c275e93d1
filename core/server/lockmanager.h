#pragma once

#include <functional>
#include <optional>

#include <QList>
#include <QObject>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "server/lockevent.h"
#include "server/lockholder.h"
#include "server/lockresult.h"
#include "server/lockrow.h"
#include "server/locktable.h"

namespace recordlock {

class AuditLog;
class Clock;
class LockStore;
class SharedLockStore;

/// The lock rules of docs/protocol.md over a durable LockStore: grants, renewals, expiry, orphan
/// grace, admin overrides and fencing tokens. Pure logic without timers; the caller drives
/// processDeadlines(). Over a shared store (several instances) every decision is taken on the row
/// just read from the store and written back only if nobody changed it meanwhile, else retried;
/// the in-memory table is then a copy that peer events keep current, used for deadlines only.
class LockManager : public QObject
{
    Q_OBJECT

public:
    /// Durations the rules use.
    struct Settings
    {
        qint64 lockTtlMs = 120'000;
        qint64 orphanGraceMs = 30'000;
        /// Over a shared store: this instance's name, the same across its restarts.
        QString instance;
    };

    /// store, audit and clock must outlive the manager.
    LockManager(LockStore &store, AuditLog &audit, const Clock &clock, Settings settings,
                QObject *parent = nullptr);
    ~LockManager() override;

    /// Loads every row; held locks become disconnected with orphanDeadline = now + grace (written
    /// back; not over a shared store, whose holders may be connected to other instances). False if
    /// the store refused a write (such rows keep their stored state).
    bool load();

    /// Replaces the in-memory rows with the stored ones as they are (after a failed group commit
    /// rolled back changes the table already had); writes nothing, emits no lock events.
    void reload();

    /// Grants, renews, switches (switchSession, same user) or refuses the lock.
    LockResult acquire(const QString &recordId, const LockHolder &holder, bool switchSession);
    /// Extends the holder's lock to now + TTL.
    LockResult renew(const QString &recordId, const QString &sessionId, qint64 token);
    /// Frees the holder's lock; reason is the lock_released reason.
    LockResult release(const QString &recordId, const QString &sessionId, qint64 token, const QString &reason);
    /// An admin's override: takes the lock from another session (Overridden), or grants it when
    /// free or past its deadline (Granted, after the expiry event), or renews the admin's own
    /// (Renewed). With expectHolder, a lock that is free or held under another handle is left
    /// alone (LockChanged). The caller checks the role and trims reason.
    LockResult overrideLock(const QString &recordId, const LockHolder &admin, const QString &reason,
                            const std::optional<QString> &expectHolder);
    /// Frees every lock of a session (logout); reason is both the lock_released reason and the
    /// audit action. False if any write failed.
    bool releaseAll(const QString &sessionId, const QString &reason);
    /// The session's connection is gone: its locks wait out the orphan grace; false on store failure.
    bool sessionDisconnected(const QString &sessionId);
    /// The session is back: its orphaned locks reconnect with the same tokens. Returns the
    /// session's locks, or nullopt if the store refused a write.
    std::optional<QList<LockRow>> sessionResumed(const QString &sessionId);

    /// The record's lock now (a free row with zero counters if never locked).
    LockRow lock(const QString &recordId);
    /// Every held lock.
    QList<LockRow> heldLocks();
    /// The locks a session holds.
    QList<LockRow> locksOf(const QString &sessionId);
    /// The user who owns a session's locks, if it holds any (a session id belongs to one user).
    std::optional<qint64> ownerOf(const QString &sessionId);

    /// Expires and frees every lock whose deadline has passed; false if a write failed.
    bool processDeadlines();
    /// The earliest expiresAt/orphanDeadline among held locks.
    std::optional<qint64> nextDeadline() const;
    /// Advances the record's seq and broadcasts record_updated with record (only the changed
    /// fields) and changedFields, as lockEvent; false if the store refused.
    bool recordUpdated(const QString &recordId, const QJsonObject &record, const QStringList &changedFields);
    /// The locks of several records, in the order asked (one round trip to a shared store).
    QList<LockRow> locks(const QStringList &recordIds);
    /// The record's lock read from the store now; nullopt if a shared store cannot be read.
    std::optional<LockRow> currentLock(const QString &recordId);

    /// Events another instance stored: the copy takes the rows newer than its own, and every
    /// event is emitted as peerLockEvent (an EventSequencer drops those watchers already had).
    void applyPeerEvents(const QList<LockEvent> &events);
    /// After peer events may have been missed: re-reads every row of the shared store and emits
    /// peerLockEvent (lock_holder_presence with the current lock) for each, so watchers that
    /// missed events see the new seq and re-fetch. False if the store could not be read.
    bool resync();

    /// The time the lock rules go by (Redis' clock over a shared store).
    qint64 now() const;
    /// The durations in force.
    const Settings &settings() const { return m_settings; }

Q_SIGNALS:
    /// A broadcast lock event; emitted only after the change is stored.
    void lockEvent(const recordlock::LockEvent &event);
    /// A broadcast event another instance made (applyPeerEvents(), resync()).
    void peerLockEvent(const recordlock::LockEvent &event);
    /// nextDeadline() changed; re-arm the deadline timer.
    void deadlinesChanged();

private:
    bool loadShared(const QList<LockRow> &rows);
    LockRow rowOf(const QString &recordId) const;
    bool refresh(const QString &recordId);
    bool refreshSession(const QString &sessionId);
    bool refreshAll(const QStringList &recordIds);
    template <typename Operation>
    auto retrying(Operation operation) -> decltype(operation());
    bool settle(const QString &recordId);
    /// Settles every lock of sessionId, then applies change to each it still holds (change
    /// returns false on a failed write); retried over a shared store as a whole.
    bool changeSessionLocks(const QString &sessionId, const std::function<bool(const LockRow &)> &change);
    bool freeLock(const LockRow &row, const QString &event, const QString &reason, const QString &auditAction,
                  const QString &actorName);
    LockRow grantedTo(const LockRow &row, const LockHolder &holder) const;
    LockResult grant(const LockRow &row, const LockHolder &holder);
    LockResult switchTo(const LockRow &row, const LockHolder &holder);
    LockResult takeOver(const LockRow &row, const LockHolder &admin, const QString &reason);
    LockResult refreshExpiry(const LockRow &row);
    bool setConnected(const LockRow &row, bool connected);
    bool commit(const LockRow &next, const QList<LockEvent> &events);
    void audit(const LockRow &row, const QString &action, const QString &actorName, const QString &subjectName,
               const QString &reason);
    void announceDeadlines();
    static LockHolder holderOf(const LockRow &row);
    /// NotHolder or StaleToken if sessionId with token may not renew or release row.
    static std::optional<LockResult> holderRefusal(const LockRow &row, const QString &sessionId, qint64 token);

    LockStore &m_store;
    /// m_store's shared side, or nullptr.
    SharedLockStore *m_shared;
    AuditLog &m_audit;
    const Clock &m_clock;
    Settings m_settings;
    LockTable m_table;
    std::optional<qint64> m_announcedDeadline;
    /// A shared-store write lost to another instance during the current attempt.
    bool m_conflict = false;
};

} // namespace recordlock
