#pragma once

#include <QCoreApplication>
#include <QString>

namespace recordlock {

/// How lock times read in the UI: server instants as local wall-clock time, countdowns as durations.
class TimeText
{
    Q_DECLARE_TR_FUNCTIONS(TimeText)

public:
    /// A server-clock instant (ms since the epoch) as local "HH:mm".
    static QString clock(qint64 serverTimeMs);
    /// A remaining time, rounded up to whole seconds: "42 s", "90 s", "3 min 05 s", "1 h 04 min".
    static QString duration(qint64 ms);
};

} // namespace recordlock
