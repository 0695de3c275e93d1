#pragma once

#include <QList>

#include "server/auditentry.h"

namespace recordlock {

/// One page of a record's lock history, newest first.
struct AuditPage
{
    QList<AuditEntry> entries;
    /// Older entries exist beyond this page.
    bool more = false;
};

} // namespace recordlock
