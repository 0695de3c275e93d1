#pragma once

#include <optional>

#include <QMap>
#include <QString>

#include "protocol/recorddata.h"
#include "server/recordfilter.h"
#include "server/recordpage.h"
#include "server/saveoutcome.h"

namespace recordlock {

/// Storage of business records (SQLite now, PostgreSQL later).
class RecordStore
{
public:
    virtual ~RecordStore();
    /// One record with all fields, or nullopt.
    virtual std::optional<RecordData> get(const QString &id) = 0;
    /// True if the record exists.
    virtual bool exists(const QString &id) = 0;
    /// A page of records ordered by id; each record's fields hold only its title.
    virtual RecordPage list(const RecordFilter &filter) = 0;
    /// Atomically: checks fencingToken >= the highest token that wrote this record, then
    /// version == expectedVersion (the order of docs/protocol.md), merges fields, sets version+1,
    /// updatedAt, updatedBy and remembers the token.
    virtual SaveOutcome save(const QString &id, qint64 expectedVersion, qint64 fencingToken,
                             const QMap<QString, QString> &fields, const QString &byName, qint64 atMs) = 0;
    /// Inserts a new record at version 1; false if the id exists or on failure.
    virtual bool create(const RecordData &record) = 0;
    /// Number of records.
    virtual qint64 count() = 0;
    /// False while the store cannot be read (its database is unreachable): a false exists() or
    /// an empty get() then means "unknown", not "no such record".
    virtual bool isAvailable() const;
};

} // namespace recordlock
