#include "server/auditlog.h"

namespace recordlock {

AuditLog::~AuditLog() = default;

} // namespace recordlock
