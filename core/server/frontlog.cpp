#include "server/frontlog.h"

namespace recordlock {

Q_LOGGING_CATEGORY(lcLock, "recordlock.server.lock")
Q_LOGGING_CATEGORY(lcSession, "recordlock.server.session")
Q_LOGGING_CATEGORY(lcHttp, "recordlock.server.http")
Q_LOGGING_CATEGORY(lcRequest, "recordlock.server.request")

} // namespace recordlock
