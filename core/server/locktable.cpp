#include "server/locktable.h"

namespace recordlock {

void LockTable::clear()
{
    m_rows.clear();
    m_deadlines.clear();
    m_bySession.clear();
}

void LockTable::put(const LockRow &row)
{
    const auto it = m_rows.find(row.recordId);
    if (it == m_rows.end()) {
        m_rows.insert(row.recordId, row);
        index(row);
        return;
    }
    if (it->held && row.held && it->sessionId == row.sessionId) {
        // A renewal or a presence change: the holder stays, so its session entry does too (taking
        // it down and building it again cost a heap allocation per renewal); only the deadline
        // moves, and its set node is reused.
        const qint64 before = deadlineOf(*it);
        const qint64 after = deadlineOf(row);
        if (before != after) {
            auto node = m_deadlines.extract(DeadlineKey{before, row.recordId});
            node.value().first = after;
            m_deadlines.insert(std::move(node));
        }
        *it = row;
        return;
    }
    unindex(*it);
    *it = row;
    index(row);
}

LockRow LockTable::row(const QString &recordId) const
{
    const auto it = m_rows.constFind(recordId);
    if (it != m_rows.constEnd())
        return *it;
    LockRow row;
    row.recordId = recordId;
    return row;
}

QList<QString> LockTable::dueBy(qint64 now) const
{
    QList<QString> due;
    for (auto it = m_deadlines.cbegin(); it != m_deadlines.cend() && it->first <= now; ++it)
        due.append(it->second);
    return due;
}

std::optional<qint64> LockTable::nextDeadline() const
{
    if (m_deadlines.empty())
        return std::nullopt;
    return m_deadlines.cbegin()->first;
}

QList<LockRow> LockTable::heldRows() const
{
    QList<LockRow> rows;
    rows.reserve(heldCount());
    for (const DeadlineKey &key : m_deadlines)
        rows.append(m_rows.value(key.second));
    return rows;
}

QSet<QString> LockTable::recordsOf(const QString &sessionId) const
{
    return m_bySession.value(sessionId);
}

qint64 LockTable::deadlineOf(const LockRow &row)
{
    return row.connected ? row.expiresAt : qMin(row.expiresAt, row.orphanDeadline);
}

void LockTable::unindex(const LockRow &row)
{
    if (!row.held)
        return;
    m_deadlines.erase(DeadlineKey{deadlineOf(row), row.recordId});
    auto it = m_bySession.find(row.sessionId);
    if (it != m_bySession.end()) {
        it->remove(row.recordId);
        if (it->isEmpty())
            m_bySession.erase(it);
    }
}

void LockTable::index(const LockRow &row)
{
    if (!row.held)
        return;
    m_deadlines.insert(DeadlineKey{deadlineOf(row), row.recordId});
    m_bySession[row.sessionId].insert(row.recordId);
}

} // namespace recordlock
