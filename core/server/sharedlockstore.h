#pragma once

#include <optional>

#include <QList>
#include <QStringList>

#include "server/lockevent.h"
#include "server/lockrow.h"

namespace recordlock {

/// A lock store several recordlockd instances share (Redis). LockManager reads the rows it decides
/// on from it and writes them back only if nobody changed them meanwhile; the events of a write are
/// published to the other instances in the same atomic step. Every call may fail (nullopt/Failed):
/// the store is then unreachable and nothing was changed.
class SharedLockStore
{
public:
    /// What a conditional write did.
    enum class WriteResult {
        Written,  ///< stored, and its events published
        Conflict, ///< another instance changed the row first; nothing stored
        Failed,   ///< the store could not be reached, or did not answer in time: if the write was stored
                  ///< after all, its events still arrive over Pub/Sub
    };

    virtual ~SharedLockStore();
    /// The record's row now (a free row with zero counters if it was never locked).
    virtual std::optional<LockRow> read(const QString &recordId) = 0;
    /// Every stored row now.
    virtual std::optional<QList<LockRow>> readAll() = 0;
    /// The rows of several records now, in the order asked.
    virtual std::optional<QList<LockRow>> readMany(const QStringList &recordIds) = 0;
    /// The records a session holds now.
    virtual std::optional<QStringList> recordsOf(const QString &sessionId) = 0;
    /// Held records whose deadline is at or before now.
    virtual std::optional<QStringList> dueBy(qint64 now) = 0;
    /// Every held record.
    virtual std::optional<QStringList> heldRecords() = 0;
    /// Stores row if the stored seq is still expectedSeq, and publishes events with it.
    /// previousSessionId is the holder of the row being replaced ("" if it was free).
    virtual WriteResult writeIf(const LockRow &row, qint64 expectedSeq, const QString &previousSessionId,
                                const QList<LockEvent> &events) = 0;
};

} // namespace recordlock
