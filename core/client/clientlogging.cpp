#include "client/clientlogging.h"

namespace recordlock {

Q_LOGGING_CATEGORY(lcClientConnection, "recordlock.client.connection")
Q_LOGGING_CATEGORY(lcClientLocks, "recordlock.client.locks")
Q_LOGGING_CATEGORY(lcClientRecords, "recordlock.client.records")

} // namespace recordlock
