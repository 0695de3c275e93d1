#include "server/lockmanager.h"

#include <algorithm>

#include "common/clock.h"
#include "common/logline.h"
#include "protocol/names.h"
#include "server/auditlog.h"
#include "server/lockstore.h"
#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// How much of a session id a log line shows: enough to follow one window, too little to resume it.
constexpr qsizetype LockLogSessionPrefix = 8;

/// An operator's line about row's holder: handles only, never user ids or display names.
LogLine lockLogLine(const QString &message, const LockRow &row)
{
    return std::move(LogLine(message)
                         .field(u"record"_s, row.recordId)
                         .field(u"holder"_s, row.holderHandle)
                         .field(u"session"_s, row.sessionId.left(LockLogSessionPrefix))
                         .field(u"token"_s, row.token));
}

} // namespace

LockManager::LockManager(LockStore &store, AuditLog &audit, const Clock &clock, Settings settings, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_audit(audit)
    , m_clock(clock)
    , m_settings(settings)
{
}

LockManager::~LockManager() = default;

bool LockManager::load()
{
    m_table.clear();
    const qint64 now = m_clock.nowMs();
    bool ok = true;
    const QList<LockRow> rows = m_store.loadAll();
    for (LockRow row : rows) {
        if (row.held) {
            // Nobody can be connected to a server that just started: every holder gets the grace.
            LockRow orphaned = row;
            orphaned.connected = false;
            orphaned.orphanDeadline = now + m_settings.orphanGraceMs;
            if (m_store.write(orphaned)) {
                row = orphaned;
                qCInfo(lcLock) << lockLogLine(u"lock restored"_s, row);
            } else {
                qCWarning(lcLock) << "could not mark the lock of" << row.recordId << "disconnected after restart";
                ok = false;
            }
        }
        m_table.put(row);
    }
    qCInfo(lcLock) << LogLine(u"locks loaded"_s).field(u"rows"_s, rows.size()).field(u"held"_s, m_table.heldCount());
    announceDeadlines();
    return ok;
}

void LockManager::reload()
{
    m_table.clear();
    const QList<LockRow> rows = m_store.loadAll();
    for (const LockRow &row : rows)
        m_table.put(row);
    qCWarning(lcLock) << LogLine(u"locks reloaded"_s).field(u"rows"_s, rows.size()).field(u"held"_s, m_table.heldCount());
    announceDeadlines();
}

LockResult LockManager::acquire(const QString &recordId, const LockHolder &holder, bool switchSession)
{
    LockResult result;
    if (!settle(recordId)) {
        result.lock = rowOf(recordId);
        return result;
    }
    const LockRow row = rowOf(recordId);
    if (!row.held)
        result = grant(row, holder);
    else if (row.sessionId == holder.sessionId)
        result = refreshExpiry(row);
    else if (row.userId == holder.userId && switchSession)
        result = switchTo(row, holder);
    else
        result = LockResult{LockResult::Status::Held, row};
    if (result.status == LockResult::Status::Renewed) {
        qCInfo(lcLock) << lockLogLine(u"lock renewed by acquire"_s, result.lock);
    } else if (result.status == LockResult::Status::Held) {
        qCInfo(lcLock) << lockLogLine(u"lock denied"_s, row)
                              .field(u"requester"_s, holder.handle)
                              .field(u"reason"_s, u"lock_held"_s);
    }
    announceDeadlines();
    return result;
}

LockResult LockManager::renew(const QString &recordId, const QString &sessionId, qint64 token)
{
    // settle() first: a renew arriving at or after expiresAt must lose to the expiry.
    if (!settle(recordId))
        return LockResult{LockResult::Status::StoreFailed, rowOf(recordId)};
    const LockRow row = rowOf(recordId);
    if (!row.held || row.sessionId != sessionId)
        return LockResult{LockResult::Status::NotHolder, row};
    if (row.token != token)
        return LockResult{LockResult::Status::StaleToken, row};
    const LockResult result = refreshExpiry(row);
    announceDeadlines();
    return result;
}

LockResult LockManager::release(const QString &recordId, const QString &sessionId, qint64 token,
                                const QString &reason)
{
    if (!settle(recordId))
        return LockResult{LockResult::Status::StoreFailed, rowOf(recordId)};
    const LockRow row = rowOf(recordId);
    if (!row.held || row.sessionId != sessionId)
        return LockResult{LockResult::Status::NotHolder, row};
    if (row.token != token)
        return LockResult{LockResult::Status::StaleToken, row};
    const bool freed = freeLock(row, events::LockReleased, reason, u"released"_s, row.holderName);
    announceDeadlines();
    return LockResult{freed ? LockResult::Status::Released : LockResult::Status::StoreFailed, rowOf(recordId)};
}

LockResult LockManager::overrideLock(const QString &recordId, const LockHolder &admin, const QString &reason,
                                     const std::optional<QString> &expectHolder)
{
    // settle() first: a lock past its deadline is free, and its watchers hear so before the grant.
    if (!settle(recordId))
        return LockResult{LockResult::Status::StoreFailed, rowOf(recordId)};
    const LockRow row = rowOf(recordId);
    LockResult result;
    // The handle guards against overriding someone the admin was not shown; same-user windows share it.
    if (expectHolder && (!row.held || row.holderHandle != *expectHolder))
        result = LockResult{LockResult::Status::LockChanged, row};
    else if (!row.held)
        result = grant(row, admin);
    else if (row.sessionId == admin.sessionId)
        result = refreshExpiry(row);
    else
        result = takeOver(row, admin, reason);
    announceDeadlines();
    return result;
}

bool LockManager::releaseAll(const QString &sessionId, const QString &reason)
{
    bool ok = true;
    const QSet<QString> records = m_table.recordsOf(sessionId);
    for (const QString &recordId : records) {
        if (!settle(recordId)) {
            ok = false;
            continue;
        }
        const LockRow row = rowOf(recordId);
        // Every lock_released reason ("logout", ...) is also an audit action of docs/protocol.md.
        if (row.held && row.sessionId == sessionId)
            ok = freeLock(row, events::LockReleased, reason, reason, row.holderName) && ok;
    }
    announceDeadlines();
    return ok;
}

bool LockManager::sessionDisconnected(const QString &sessionId)
{
    bool ok = true;
    const QSet<QString> records = m_table.recordsOf(sessionId);
    for (const QString &recordId : records) {
        if (!settle(recordId)) {
            ok = false;
            continue;
        }
        const LockRow row = rowOf(recordId);
        if (row.held && row.sessionId == sessionId && row.connected)
            ok = setConnected(row, false) && ok;
    }
    announceDeadlines();
    return ok;
}

std::optional<QList<LockRow>> LockManager::sessionResumed(const QString &sessionId)
{
    bool ok = true;
    const QSet<QString> records = m_table.recordsOf(sessionId);
    for (const QString &recordId : records) {
        if (!settle(recordId)) {
            ok = false;
            continue;
        }
        const LockRow row = rowOf(recordId);
        if (row.held && row.sessionId == sessionId && !row.connected)
            ok = setConnected(row, true) && ok;
    }
    announceDeadlines();
    if (!ok)
        return std::nullopt;
    return locksOf(sessionId);
}

LockRow LockManager::lock(const QString &recordId)
{
    settle(recordId);
    announceDeadlines();
    return rowOf(recordId);
}

QList<LockRow> LockManager::heldLocks()
{
    processDeadlines();
    return m_table.heldRows();
}

QList<LockRow> LockManager::locksOf(const QString &sessionId)
{
    const QSet<QString> records = m_table.recordsOf(sessionId);
    for (const QString &recordId : records)
        settle(recordId);
    announceDeadlines();
    QList<LockRow> rows;
    const QSet<QString> held = m_table.recordsOf(sessionId);
    for (const QString &recordId : held)
        rows.append(m_table.row(recordId));
    std::sort(rows.begin(), rows.end(), [](const LockRow &a, const LockRow &b) { return a.recordId < b.recordId; });
    return rows;
}

std::optional<qint64> LockManager::ownerOf(const QString &sessionId) const
{
    const QSet<QString> records = m_table.recordsOf(sessionId);
    if (records.isEmpty())
        return std::nullopt;
    return m_table.row(*records.constBegin()).userId;
}

bool LockManager::processDeadlines()
{
    const qint64 now = m_clock.nowMs();
    // Collect first: settling changes the index, and a failed write must not loop forever.
    const QList<QString> due = m_table.dueBy(now);
    bool ok = true;
    for (const QString &recordId : std::as_const(due))
        ok = settle(recordId) && ok;
    announceDeadlines();
    return ok;
}

std::optional<qint64> LockManager::nextDeadline() const
{
    return m_table.nextDeadline();
}

std::optional<qint64> LockManager::nextSeq(const QString &recordId)
{
    LockRow next = rowOf(recordId);
    ++next.seq;
    if (!commit(next))
        return std::nullopt;
    return next.seq;
}

LockRow LockManager::rowOf(const QString &recordId) const
{
    return m_table.row(recordId);
}

bool LockManager::settle(const QString &recordId)
{
    const LockRow row = m_table.row(recordId);
    if (!row.held)
        return true;
    const qint64 now = m_clock.nowMs();
    const bool expired = now >= row.expiresAt;
    const bool orphaned = !row.connected && now >= row.orphanDeadline;
    if (!expired && !orphaned)
        return true;
    // Whichever deadline came first decides what watchers are told.
    if (expired && (!orphaned || row.expiresAt <= row.orphanDeadline))
        return freeLock(row, events::LockExpired, QString(), u"expired"_s, QString());
    return freeLock(row, events::LockReleased, reasons::Disconnected, u"disconnected"_s, QString());
}

bool LockManager::freeLock(const LockRow &row, const QString &event, const QString &reason,
                           const QString &auditAction, const QString &actorName)
{
    LockRow next = row;
    next.clearHolder();
    ++next.seq;
    if (!commit(next))
        return false;
    LogLine line = lockLogLine(event == events::LockExpired ? u"lock expired"_s : u"lock released"_s, row);
    if (!reason.isEmpty())
        line.field(u"reason"_s, reason);
    qCInfo(lcLock) << line;
    // The audit trail's reason is the override reason only; the action already says why it ended.
    audit(row, auditAction, actorName, row.holderName, QString());
    Q_EMIT lockEvent(LockEvent{event, next, holderOf(row), reason, std::nullopt});
    return true;
}

LockRow LockManager::grantedTo(const LockRow &row, const LockHolder &holder) const
{
    const qint64 now = m_clock.nowMs();
    LockRow next = row;
    next.held = true;
    next.sessionId = holder.sessionId;
    next.userId = holder.userId;
    next.holderName = holder.displayName;
    next.holderHandle = holder.handle;
    next.since = now;
    next.expiresAt = now + m_settings.lockTtlMs;
    next.connected = true;
    next.orphanDeadline = 0;
    next.token = ++next.fence;
    ++next.seq;
    return next;
}

LockResult LockManager::grant(const LockRow &row, const LockHolder &holder)
{
    const LockRow next = grantedTo(row, holder);
    if (!commit(next))
        return LockResult{LockResult::Status::StoreFailed, row};
    qCInfo(lcLock) << lockLogLine(u"lock granted"_s, next);
    audit(next, u"acquired"_s, holder.displayName, QString(), QString());
    Q_EMIT lockEvent(LockEvent{events::LockAcquired, next, std::nullopt, QString(), std::nullopt});
    return LockResult{LockResult::Status::Granted, next};
}

LockResult LockManager::switchTo(const LockRow &row, const LockHolder &holder)
{
    // Two broadcast events, one durable write: watchers see the release and the new grant.
    LockRow released = row;
    released.clearHolder();
    ++released.seq;
    const LockRow next = grantedTo(released, holder);
    if (!commit(next))
        return LockResult{LockResult::Status::StoreFailed, row};
    qCInfo(lcLock) << lockLogLine(u"lock switched"_s, next)
                          .field(u"previous_session"_s, row.sessionId.left(LockLogSessionPrefix));
    audit(next, u"switched"_s, holder.displayName, row.holderName, QString());
    Q_EMIT lockEvent(LockEvent{events::LockReleased, released, holderOf(row), reasons::Switched, std::nullopt});
    Q_EMIT lockEvent(LockEvent{events::LockAcquired, next, std::nullopt, QString(), std::nullopt});
    return LockResult{LockResult::Status::Switched, next};
}

LockResult LockManager::takeOver(const LockRow &row, const LockHolder &admin, const QString &reason)
{
    // One durable write: the displaced session's token is dead the moment the new row is stored.
    const LockRow next = grantedTo(row, admin);
    if (!commit(next))
        return LockResult{LockResult::Status::StoreFailed, row};
    // The reason is an audit fact operators need; it is the admin's own text, never a secret.
    qCInfo(lcLock) << lockLogLine(u"lock overridden"_s, next)
                          .field(u"previous_holder"_s, row.holderHandle)
                          .field(u"reason"_s, reason);
    audit(next, u"overridden"_s, admin.displayName, row.holderName, reason);
    Q_EMIT lockEvent(LockEvent{events::LockOverride, next, holderOf(row), reason, admin});
    return LockResult{LockResult::Status::Overridden, next};
}

LockResult LockManager::refreshExpiry(const LockRow &row)
{
    LockRow next = row;
    next.expiresAt = m_clock.nowMs() + m_settings.lockTtlMs;
    // The holding session is evidently connected when it renews.
    next.connected = true;
    next.orphanDeadline = 0;
    ++next.seq;
    if (!commit(next))
        return LockResult{LockResult::Status::StoreFailed, row};
    Q_EMIT lockEvent(LockEvent{events::LockRenewed, next, std::nullopt, QString(), std::nullopt});
    return LockResult{LockResult::Status::Renewed, next};
}

bool LockManager::setConnected(const LockRow &row, bool connected)
{
    LockRow next = row;
    next.connected = connected;
    next.orphanDeadline = connected ? 0 : m_clock.nowMs() + m_settings.orphanGraceMs;
    ++next.seq;
    if (!commit(next))
        return false;
    qCDebug(lcLock) << row.recordId << "holder" << (connected ? "reconnected" : "disconnected");
    Q_EMIT lockEvent(LockEvent{events::LockHolderPresence, next, std::nullopt, QString(), std::nullopt});
    return true;
}

bool LockManager::commit(const LockRow &next)
{
    if (!m_store.write(next)) {
        qCWarning(lcLock) << "lock store refused the write for" << next.recordId << "; nothing changed";
        return false;
    }
    m_table.put(next);
    return true;
}

void LockManager::audit(const LockRow &row, const QString &action, const QString &actorName,
                        const QString &subjectName, const QString &reason)
{
    AuditEntry entry;
    entry.recordId = row.recordId;
    entry.at = m_clock.nowMs();
    entry.action = action;
    entry.actorName = actorName;
    entry.subjectName = subjectName;
    entry.reason = reason;
    entry.token = row.token;
    // The lock change is already durable; a lost audit line must not undo it.
    if (!m_audit.append(entry))
        qCWarning(lcLock) << "could not append audit entry" << action << "for" << row.recordId;
}

void LockManager::announceDeadlines()
{
    const std::optional<qint64> next = nextDeadline();
    if (next == m_announcedDeadline)
        return;
    m_announcedDeadline = next;
    Q_EMIT deadlinesChanged();
}

LockHolder LockManager::holderOf(const LockRow &row)
{
    return LockHolder{row.sessionId, row.userId, row.holderName, row.holderHandle};
}

} // namespace recordlock
