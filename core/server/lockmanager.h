#pragma once

#include <optional>

#include <QList>
#include <QObject>
#include <QString>

#include "server/lockevent.h"
#include "server/lockholder.h"
#include "server/lockresult.h"
#include "server/lockrow.h"
#include "server/locktable.h"

namespace recordlock {

class AuditLog;
class Clock;
class LockStore;

/// The lock rules of docs/protocol.md over a durable LockStore: grants, renewals, expiry, orphan
/// grace, admin overrides and fencing tokens. Pure logic without timers; the caller drives
/// processDeadlines().
class LockManager : public QObject
{
    Q_OBJECT

public:
    /// Durations the rules use.
    struct Settings
    {
        qint64 lockTtlMs = 120'000;
        qint64 orphanGraceMs = 30'000;
    };

    /// store, audit and clock must outlive the manager.
    LockManager(LockStore &store, AuditLog &audit, const Clock &clock, Settings settings,
                QObject *parent = nullptr);
    ~LockManager() override;

    /// Loads every row; held locks become disconnected with orphanDeadline = now + grace (written
    /// back). False if the store refused a write (such rows keep their stored state).
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
    std::optional<qint64> ownerOf(const QString &sessionId) const;

    /// Expires and frees every lock whose deadline has passed; false if a write failed.
    bool processDeadlines();
    /// The earliest expiresAt/orphanDeadline among held locks.
    std::optional<qint64> nextDeadline() const;
    /// Durably advances the record's seq for a non-lock broadcast (record_updated); nullopt on failure.
    std::optional<qint64> nextSeq(const QString &recordId);

    /// The durations in force.
    const Settings &settings() const { return m_settings; }

Q_SIGNALS:
    /// A broadcast lock event; emitted only after the change is stored.
    void lockEvent(const recordlock::LockEvent &event);
    /// nextDeadline() changed; re-arm the deadline timer.
    void deadlinesChanged();

private:
    LockRow rowOf(const QString &recordId) const;
    bool settle(const QString &recordId);
    bool freeLock(const LockRow &row, const QString &event, const QString &reason, const QString &auditAction,
                  const QString &actorName);
    LockRow grantedTo(const LockRow &row, const LockHolder &holder) const;
    LockResult grant(const LockRow &row, const LockHolder &holder);
    LockResult switchTo(const LockRow &row, const LockHolder &holder);
    LockResult takeOver(const LockRow &row, const LockHolder &admin, const QString &reason);
    LockResult refreshExpiry(const LockRow &row);
    bool setConnected(const LockRow &row, bool connected);
    bool commit(const LockRow &next);
    void audit(const LockRow &row, const QString &action, const QString &actorName, const QString &subjectName,
               const QString &reason);
    void announceDeadlines();
    static LockHolder holderOf(const LockRow &row);

    LockStore &m_store;
    AuditLog &m_audit;
    const Clock &m_clock;
    Settings m_settings;
    LockTable m_table;
    std::optional<qint64> m_announcedDeadline;
};

} // namespace recordlock
