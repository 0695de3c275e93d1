#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace recordlock {

/// One field both this user and someone else changed since the edits' base version.
struct FieldConflict
{
    QString field;
    /// The server's value the user's edit was made against.
    QString base;
    /// The user's edited value.
    QString mine;
    /// The server's current value.
    QString theirs;
    /// False when the base value is unknown (a draft written without base values).
    bool baseKnown = true;

    friend bool operator==(const FieldConflict &, const FieldConflict &) = default;
};

} // namespace recordlock

Q_DECLARE_METATYPE(recordlock::FieldConflict)
