#include "server/storagelog.h"

namespace recordlock {

Q_LOGGING_CATEGORY(lcStorage, "recordlock.storage")
Q_LOGGING_CATEGORY(lcIdentity, "recordlock.identity")

} // namespace recordlock
