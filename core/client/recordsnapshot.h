#pragma once

#include <optional>

#include <QJsonObject>

#include "protocol/lockinfo.h"
#include "protocol/recorddata.h"

namespace recordlock {

/// The result of get_record: the full record and its lock at the same moment.
struct RecordSnapshot
{
    RecordData record;
    LockInfo lock;

    /// Parses {"record":{...},"lock":{...}}; nullopt when the record is missing.
    static std::optional<RecordSnapshot> fromJson(const QJsonObject &result);
};

} // namespace recordlock
