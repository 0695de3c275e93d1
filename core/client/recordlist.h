#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>

#include "protocol/lockinfo.h"
#include "protocol/recorddata.h"

namespace recordlock {

/// The result of list_records: one page of record summaries (no fields) with their locks.
struct RecordList
{
    /// One row: the record summary and its lock.
    struct Entry
    {
        RecordData record;
        LockInfo lock;
    };

    QList<Entry> entries;
    /// All matches, ignoring offset and limit.
    qint64 total = 0;

    /// Parses {"records":[...],"total":n}; nullopt when records is missing.
    static std::optional<RecordList> fromJson(const QJsonObject &result);
};

} // namespace recordlock
