#include "server/auditlog.h"
#include "server/lockstore.h"
#include "server/recordstore.h"

namespace recordlock {

LockStore::~LockStore() = default;
RecordStore::~RecordStore() = default;
AuditLog::~AuditLog() = default;

} // namespace recordlock
