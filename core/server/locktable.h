#pragma once

#include <optional>
#include <set>
#include <utility>

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include "server/lockrow.h"

namespace recordlock {

/// LockManager's in-memory copy of the lock rows, indexed by deadline and by holding session so
/// that expiry and per-session operations need not scan every record.
class LockTable
{
public:
    /// Forgets every row.
    void clear();
    /// Stores or replaces a row, keeping the indices in step.
    void put(const LockRow &row);
    /// The record's row; a free row with zero counters if the record was never locked.
    LockRow row(const QString &recordId) const;

    /// Records whose deadline is at or before now, earliest first.
    QList<QString> dueBy(qint64 now) const;
    /// The earliest deadline among held rows.
    std::optional<qint64> nextDeadline() const;
    /// Every held row, earliest deadline first.
    QList<LockRow> heldRows() const;
    /// Number of held rows.
    qsizetype heldCount() const { return qsizetype(m_deadlines.size()); }
    /// The records a session holds.
    QSet<QString> recordsOf(const QString &sessionId) const;

    /// When a held row must be settled: expiresAt, or the orphan deadline if that comes first.
    static qint64 deadlineOf(const LockRow &row);

private:
    using DeadlineKey = std::pair<qint64, QString>;

    void unindex(const LockRow &row);
    void index(const LockRow &row);

    QHash<QString, LockRow> m_rows;
    /// (deadline, recordId) of every held lock, earliest first.
    std::set<DeadlineKey> m_deadlines;
    /// sessionId -> record ids it holds.
    QHash<QString, QSet<QString>> m_bySession;
};

} // namespace recordlock
