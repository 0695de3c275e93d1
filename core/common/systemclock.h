#pragma once

#include "common/clock.h"

namespace recordlock {

/// The real clock: QDateTime::currentMSecsSinceEpoch().
class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
};

} // namespace recordlock
