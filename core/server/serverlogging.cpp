#include "server/serverlogging.h"

namespace recordlock {

Q_LOGGING_CATEGORY(lcLock, "recordlock.server.lock")
Q_LOGGING_CATEGORY(lcSession, "recordlock.server.session")
Q_LOGGING_CATEGORY(lcHttp, "recordlock.server.http")
Q_LOGGING_CATEGORY(lcRequest, "recordlock.server.request")
Q_LOGGING_CATEGORY(lcStorage, "recordlock.storage")
Q_LOGGING_CATEGORY(lcIdentity, "recordlock.identity")

} // namespace recordlock
