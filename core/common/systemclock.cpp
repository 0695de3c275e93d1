#include "common/systemclock.h"

#include <QDateTime>

namespace recordlock {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace recordlock
