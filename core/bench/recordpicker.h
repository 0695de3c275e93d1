#pragma once

#include <QRandomGenerator>
#include <QStringList>

namespace recordlock {

/// Picks records at random for active clients, uniformly over the records the server lists
/// (the fan-out probe's hot record excluded).
class RecordPicker
{
public:
    RecordPicker() = default;
    /// recordIds must not be empty; seed makes runs repeatable.
    RecordPicker(QStringList recordIds, quint32 seed);

    /// A random record id.
    const QString &pick();
    /// How many records are picked from.
    qsizetype size() const { return m_ids.size(); }

private:
    QStringList m_ids;
    QRandomGenerator m_random;
};

} // namespace recordlock
