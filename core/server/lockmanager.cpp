#include "server/lockmanager.h"

#include <algorithm>

#include "common/clock.h"
#include "common/logline.h"
#include "protocol/names.h"
#include "server/auditlog.h"
#include "server/lockstore.h"
#include "server/serverlogging.h"
#include "server/sharedlockstore.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// How much of a session id a log line shows: enough to follow one window, too little to resume it.
constexpr qsizetype LockLogSessionPrefix = 8;
/// Attempts of one operation over a shared store before another instance's writes make it give up.
constexpr int LockManagerMaxAttempts = 8;

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
    , m_shared(store.shared())
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
    if (m_shared)
        return loadShared(rows);
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

bool LockManager::loadShared(const QList<LockRow> &rows)
{
    // Other instances' holders may be connected; only those that came through this instance before
    // its restart cannot be, and get the orphan grace from now.
    for (const LockRow &row : rows)
        m_table.put(row);
    bool ok = true;
    for (const LockRow &row : rows) {
        // Rows already disconnected (a clean shutdown told the store) keep their orphan deadline.
        if (!row.held || row.via != m_settings.instance)
            continue;
        const bool restored = retrying([&] {
            if (!refresh(row.recordId) || !settle(row.recordId))
                return false;
            const LockRow current = rowOf(row.recordId);
            if (!current.held || !current.connected || current.via != m_settings.instance)
                return true;
            return setConnected(current, false);
        });
        if (restored)
            qCInfo(lcLock) << lockLogLine(u"lock restored"_s, rowOf(row.recordId));
        else
            qCWarning(lcLock) << "could not mark the lock of" << row.recordId << "disconnected after restart";
        ok = restored && ok;
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
    return retrying([&] {
        LockResult result;
        if (!refresh(recordId) || !settle(recordId)) {
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
    });
}

LockResult LockManager::renew(const QString &recordId, const QString &sessionId, qint64 token)
{
    return retrying([&] {
        // settle() first: a renew arriving at or after expiresAt must lose to the expiry.
        if (!refresh(recordId) || !settle(recordId))
            return LockResult{LockResult::Status::StoreFailed, rowOf(recordId)};
        const LockRow row = rowOf(recordId);
        if (const std::optional<LockResult> refused = holderRefusal(row, sessionId, token))
            return *refused;
        const LockResult result = refreshExpiry(row);
        announceDeadlines();
        return result;
    });
}

LockResult LockManager::release(const QString &recordId, const QString &sessionId, qint64 token,
                                const QString &reason)
{
    return retrying([&] {
        if (!refresh(recordId) || !settle(recordId))
            return LockResult{LockResult::Status::StoreFailed, rowOf(recordId)};
        const LockRow row = rowOf(recordId);
        if (const std::optional<LockResult> refused = holderRefusal(row, sessionId, token))
            return *refused;
        const bool freed = freeLock(row, events::LockReleased, reason, u"released"_s, row.holderName);
        announceDeadlines();
        return LockResult{freed ? LockResult::Status::Released : LockResult::Status::StoreFailed, rowOf(recordId)};
    });
}

LockResult LockManager::overrideLock(const QString &recordId, const LockHolder &admin, const QString &reason,
                                     const std::optional<QString> &expectHolder)
{
    return retrying([&] {
        // settle() first: a lock past its deadline is free, and its watchers hear so before the grant.
        if (!refresh(recordId) || !settle(recordId))
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
    });
}

bool LockManager::releaseAll(const QString &sessionId, const QString &reason)
{
    // Every lock_released reason ("logout", ...) is also an audit action of docs/protocol.md.
    return changeSessionLocks(sessionId, [&](const LockRow &row) {
        return freeLock(row, events::LockReleased, reason, reason, row.holderName);
    });
}

bool LockManager::sessionDisconnected(const QString &sessionId)
{
    return changeSessionLocks(sessionId, [&](const LockRow &row) {
        // Over a shared store the session may already be back through another instance: only the
        // connection through this one is gone.
        const bool throughHere = !m_shared || row.via == m_settings.instance;
        if (!row.connected || !throughHere)
            return true;
        return setConnected(row, false);
    });
}

std::optional<QList<LockRow>> LockManager::sessionResumed(const QString &sessionId)
{
    const bool resumed = changeSessionLocks(sessionId, [&](const LockRow &row) {
        // Over a shared store a session that comes back through this instance claims its locks, even
        // before the instance it left has noticed the drop.
        const bool elsewhere = m_shared && row.via != m_settings.instance;
        if (row.connected && !elsewhere)
            return true;
        return setConnected(row, true);
    });
    if (!resumed)
        return std::nullopt;
    return locksOf(sessionId);
}

bool LockManager::changeSessionLocks(const QString &sessionId, const std::function<bool(const LockRow &)> &change)
{
    return retrying([&] {
        bool ok = refreshSession(sessionId);
        const QSet<QString> records = m_table.recordsOf(sessionId);
        for (const QString &recordId : records) {
            if (!settle(recordId)) {
                ok = false;
                continue;
            }
            const LockRow row = rowOf(recordId);
            if (row.held && row.sessionId == sessionId)
                ok = change(row) && ok;
        }
        announceDeadlines();
        return ok;
    });
}

LockRow LockManager::lock(const QString &recordId)
{
    // Over a shared store an unreadable row leaves the copy's view, which peer events kept current.
    retrying([&] { return refresh(recordId) && settle(recordId); });
    announceDeadlines();
    return rowOf(recordId);
}

QList<LockRow> LockManager::locks(const QStringList &recordIds)
{
    // Over a shared store an unreadable batch leaves the copy's view, as lock() does.
    refreshAll(recordIds);
    QList<LockRow> rows;
    rows.reserve(recordIds.size());
    for (const QString &recordId : recordIds) {
        // A lost write has already re-read the row; settling again decides on the fresh one.
        retrying([&] { return settle(recordId); });
        rows.append(rowOf(recordId));
    }
    announceDeadlines();
    return rows;
}

std::optional<LockRow> LockManager::currentLock(const QString &recordId)
{
    const bool ok = retrying([&] { return refresh(recordId) && settle(recordId); });
    announceDeadlines();
    if (!ok && m_shared)
        return std::nullopt;
    return rowOf(recordId);
}

QList<LockRow> LockManager::heldLocks()
{
    if (m_shared) {
        // Rows the copy thinks held but the store no longer lists are refreshed too.
        const std::optional<QStringList> held = m_shared->heldRecords();
        QSet<QString> records;
        for (const LockRow &row : m_table.heldRows())
            records.insert(row.recordId);
        if (held)
            records.unite(QSet<QString>(held->cbegin(), held->cend()));
        refreshAll(QStringList(records.cbegin(), records.cend()));
    }
    processDeadlines();
    return m_table.heldRows();
}

QList<LockRow> LockManager::locksOf(const QString &sessionId)
{
    refreshSession(sessionId);
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

std::optional<qint64> LockManager::ownerOf(const QString &sessionId)
{
    refreshSession(sessionId);
    const QSet<QString> records = m_table.recordsOf(sessionId);
    if (records.isEmpty())
        return std::nullopt;
    return m_table.row(*records.constBegin()).userId;
}

bool LockManager::processDeadlines()
{
    const qint64 now = m_clock.nowMs();
    // Collect first: settling changes the index, and a failed write must not loop forever.
    QList<QString> due = m_table.dueBy(now);
    bool ok = true;
    if (m_shared) {
        // Every instance looks; the conditional write lets exactly one of them free each lock.
        const std::optional<QStringList> shared = m_shared->dueBy(now);
        ok = shared.has_value();
        if (shared) {
            QSet<QString> known(due.cbegin(), due.cend());
            for (const QString &recordId : *shared) {
                if (!known.contains(recordId))
                    due.append(recordId);
            }
        }
    }
    for (const QString &recordId : std::as_const(due))
        ok = retrying([&] { return refresh(recordId) && settle(recordId); }) && ok;
    announceDeadlines();
    return ok;
}

std::optional<qint64> LockManager::nextDeadline() const
{
    return m_table.nextDeadline();
}

bool LockManager::recordUpdated(const QString &recordId, const QJsonObject &record, const QStringList &changedFields)
{
    return retrying([&] {
        if (!refresh(recordId))
            return false;
        LockRow next = rowOf(recordId);
        ++next.seq;
        const LockEvent event{QString(events::RecordUpdated), next, std::nullopt, QString(), std::nullopt, record,
                              changedFields};
        return commit(next, {event});
    });
}

void LockManager::applyPeerEvents(const QList<LockEvent> &events)
{
    for (const LockEvent &event : events) {
        // Watchers may still need an event whose row this instance already read from the store:
        // every event goes on; the EventSequencer drops what watchers were already sent.
        if (event.lock.seq > m_table.row(event.lock.recordId).seq)
            m_table.put(event.lock);
        Q_EMIT peerLockEvent(event);
    }
    announceDeadlines();
}

bool LockManager::resync()
{
    if (!m_shared)
        return true;
    const std::optional<QList<LockRow>> stored = m_shared->readAll();
    if (!stored)
        return false;
    const QList<LockRow> &rows = *stored;
    QSet<QString> storedIds;
    for (const LockRow &row : rows) {
        storedIds.insert(row.recordId);
        if (row.seq > m_table.row(row.recordId).seq)
            m_table.put(row);
        // The state is all there is to tell: the seq jump makes clients that missed events re-fetch.
        Q_EMIT peerLockEvent(LockEvent{QString(events::LockHolderPresence), row, std::nullopt, QString(),
                                       std::nullopt, {}, {}});
    }
    // A copy that still holds rows the store no longer has (a Redis that lost its data) is wrong.
    for (const LockRow &row : m_table.heldRows()) {
        if (!storedIds.contains(row.recordId))
            refresh(row.recordId);
    }
    qCInfo(lcLock) << LogLine(u"locks resynchronised"_s).field(u"rows"_s, rows.size());
    announceDeadlines();
    return true;
}

qint64 LockManager::now() const
{
    return m_clock.nowMs();
}

LockRow LockManager::rowOf(const QString &recordId) const
{
    return m_table.row(recordId);
}

bool LockManager::refresh(const QString &recordId)
{
    if (!m_shared)
        return true;
    const std::optional<LockRow> row = m_shared->read(recordId);
    if (!row)
        return false;
    m_table.put(*row);
    return true;
}

bool LockManager::refreshSession(const QString &sessionId)
{
    if (!m_shared)
        return true;
    const std::optional<QStringList> stored = m_shared->recordsOf(sessionId);
    if (!stored)
        return false;
    QSet<QString> records = m_table.recordsOf(sessionId);
    records.unite(QSet<QString>(stored->cbegin(), stored->cend()));
    return refreshAll(QStringList(records.cbegin(), records.cend()));
}

bool LockManager::refreshAll(const QStringList &recordIds)
{
    if (!m_shared || recordIds.isEmpty())
        return true;
    const std::optional<QList<LockRow>> rows = m_shared->readMany(recordIds);
    if (!rows)
        return false;
    for (const LockRow &row : *rows)
        m_table.put(row);
    return true;
}

template <typename Operation>
auto LockManager::retrying(Operation operation) -> decltype(operation())
{
    for (int attempt = 1;; ++attempt) {
        m_conflict = false;
        auto result = operation();
        if (!m_conflict)
            return result;
        if (attempt >= LockManagerMaxAttempts) {
            qCWarning(lcLock) << "gave up after" << attempt << "attempts lost to other instances' writes";
            return result;
        }
    }
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
    if (!commit(next, {LockEvent{event, next, holderOf(row), reason, std::nullopt, {}, {}}}))
        return false;
    LogLine line = lockLogLine(event == events::LockExpired ? u"lock expired"_s : u"lock released"_s, row);
    if (!reason.isEmpty())
        line.field(u"reason"_s, reason);
    qCInfo(lcLock) << line;
    // The audit trail's reason is the override reason only; the action already says why it ended.
    audit(row, auditAction, actorName, row.holderName, QString());
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
    next.via = m_settings.instance;
    next.token = ++next.fence;
    ++next.seq;
    return next;
}

LockResult LockManager::grant(const LockRow &row, const LockHolder &holder)
{
    const LockRow next = grantedTo(row, holder);
    if (!commit(next, {LockEvent{events::LockAcquired, next, std::nullopt, QString(), std::nullopt, {}, {}}}))
        return LockResult{LockResult::Status::StoreFailed, row};
    qCInfo(lcLock) << lockLogLine(u"lock granted"_s, next);
    audit(next, u"acquired"_s, holder.displayName, QString(), QString());
    return LockResult{LockResult::Status::Granted, next};
}

LockResult LockManager::switchTo(const LockRow &row, const LockHolder &holder)
{
    // Two broadcast events, one durable write: watchers see the release and the new grant.
    LockRow released = row;
    released.clearHolder();
    ++released.seq;
    const LockRow next = grantedTo(released, holder);
    const QList<LockEvent> changes{
        LockEvent{events::LockReleased, released, holderOf(row), reasons::Switched, std::nullopt, {}, {}},
        LockEvent{events::LockAcquired, next, std::nullopt, QString(), std::nullopt, {}, {}},
    };
    if (!commit(next, changes))
        return LockResult{LockResult::Status::StoreFailed, row};
    qCInfo(lcLock) << lockLogLine(u"lock switched"_s, next)
                          .field(u"previous_session"_s, row.sessionId.left(LockLogSessionPrefix));
    audit(next, u"switched"_s, holder.displayName, row.holderName, QString());
    return LockResult{LockResult::Status::Switched, next};
}

LockResult LockManager::takeOver(const LockRow &row, const LockHolder &admin, const QString &reason)
{
    // One durable write: the displaced session's token is dead the moment the new row is stored.
    const LockRow next = grantedTo(row, admin);
    if (!commit(next, {LockEvent{events::LockOverride, next, holderOf(row), reason, admin, {}, {}}}))
        return LockResult{LockResult::Status::StoreFailed, row};
    // The reason is an audit fact operators need; it is the admin's own text, never a secret.
    qCInfo(lcLock) << lockLogLine(u"lock overridden"_s, next)
                          .field(u"previous_holder"_s, row.holderHandle)
                          .field(u"reason"_s, reason);
    audit(next, u"overridden"_s, admin.displayName, row.holderName, reason);
    return LockResult{LockResult::Status::Overridden, next};
}

LockResult LockManager::refreshExpiry(const LockRow &row)
{
    LockRow next = row;
    next.expiresAt = m_clock.nowMs() + m_settings.lockTtlMs;
    // The holding session is evidently connected when it renews.
    next.connected = true;
    next.orphanDeadline = 0;
    next.via = m_settings.instance;
    ++next.seq;
    if (!commit(next, {LockEvent{events::LockRenewed, next, std::nullopt, QString(), std::nullopt, {}, {}}}))
        return LockResult{LockResult::Status::StoreFailed, row};
    return LockResult{LockResult::Status::Renewed, next};
}

bool LockManager::setConnected(const LockRow &row, bool connected)
{
    LockRow next = row;
    next.connected = connected;
    next.orphanDeadline = connected ? 0 : m_clock.nowMs() + m_settings.orphanGraceMs;
    if (connected)
        next.via = m_settings.instance;
    ++next.seq;
    if (!commit(next, {LockEvent{events::LockHolderPresence, next, std::nullopt, QString(), std::nullopt, {}, {}}}))
        return false;
    qCDebug(lcLock) << row.recordId << "holder" << (connected ? "reconnected" : "disconnected");
    return true;
}

bool LockManager::commit(const LockRow &next, const QList<LockEvent> &events)
{
    if (m_shared) {
        const LockRow stored = m_table.row(next.recordId);
        const SharedLockStore::WriteResult written =
            m_shared->writeIf(next, stored.seq, stored.held ? stored.sessionId : QString(), events);
        if (written == SharedLockStore::WriteResult::Conflict) {
            // Another instance changed the row since it was read: read it again and start over.
            qCDebug(lcLock) << "lost a write of" << next.recordId << "to another instance; retrying";
            m_conflict = true;
            refresh(next.recordId);
            return false;
        }
        if (written == SharedLockStore::WriteResult::Failed) {
            qCWarning(lcLock) << "the shared lock store is unreachable; nothing changed for" << next.recordId;
            return false;
        }
    } else if (!m_store.write(next)) {
        qCWarning(lcLock) << "lock store refused the write for" << next.recordId << "; nothing changed";
        return false;
    }
    m_table.put(next);
    for (const LockEvent &event : events)
        Q_EMIT lockEvent(event);
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

std::optional<LockResult> LockManager::holderRefusal(const LockRow &row, const QString &sessionId, qint64 token)
{
    if (!row.held || row.sessionId != sessionId)
        return LockResult{LockResult::Status::NotHolder, row};
    if (row.token != token)
        return LockResult{LockResult::Status::StaleToken, row};
    return std::nullopt;
}

LockHolder LockManager::holderOf(const LockRow &row)
{
    return LockHolder{row.sessionId, row.userId, row.holderName, row.holderHandle};
}

} // namespace recordlock
