#pragma once

#include <QtGlobal>

namespace recordlock {

/// Source of wall-clock time in milliseconds since the Unix epoch; injectable so expiry logic is testable.
class Clock
{
public:
    virtual ~Clock();
    /// Current time, milliseconds since 1970-01-01T00:00:00Z.
    virtual qint64 nowMs() const = 0;
};

} // namespace recordlock
