#include "server/lockrow.h"

namespace recordlock {

void LockRow::clearHolder()
{
    held = false;
    sessionId.clear();
    userId = 0;
    holderName.clear();
    holderHandle.clear();
    since = expiresAt = orphanDeadline = token = 0;
    connected = true;
    via.clear();
}

} // namespace recordlock
