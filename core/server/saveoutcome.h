#pragma once

#include "protocol/recorddata.h"

namespace recordlock {

/// What a RecordStore::save() attempt did.
struct SaveOutcome
{
    enum class Status { Saved, NotFound, StaleVersion, StaleToken, Failed };
    Status status = Status::Failed;
    /// The whole record after a successful save.
    RecordData record;
    /// The stored version when status is StaleVersion.
    qint64 currentVersion = 0;
};

} // namespace recordlock
