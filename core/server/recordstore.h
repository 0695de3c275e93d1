#pragma once

#include "protocol/recorddata.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace recordlock {

/// Filter and page of a record listing.
struct RecordQuery
{
    QString type;  ///< empty: all types
    QString query; ///< empty: no text filter; else case-insensitive substring of title or id
    qint64 offset = 0;
    qint64 limit = 1000;
};

/// One page of records (fields left empty) plus the number of all matches.
struct RecordPage
{
    QList<RecordData> records;
    qint64 total = 0;
};

/// What a save attempt did.
struct SaveOutcome
{
    enum class Status { Saved, NotFound, StaleVersion, StaleToken, Failed };
    Status status = Status::Failed;
    /// The whole record after a successful save.
    RecordData record;
    /// The stored version when status is StaleVersion.
    qint64 currentVersion = 0;
};

/// Storage of business records (SQLite now, PostgreSQL later).
class RecordStore
{
public:
    virtual ~RecordStore();
    /// One record with all fields, or nullopt.
    virtual std::optional<RecordData> get(const QString &id) = 0;
    /// True if the record exists.
    virtual bool exists(const QString &id) = 0;
    /// A page of records ordered by id, without fields.
    virtual RecordPage list(const RecordQuery &query) = 0;
    /// Atomically: checks version == expectedVersion and fencingToken >= the highest token that
    /// wrote this record, merges fields, sets version+1, updatedAt, updatedBy, remembers the token.
    virtual SaveOutcome save(const QString &id, qint64 expectedVersion, qint64 fencingToken,
                             const QMap<QString, QString> &fields, const QString &byName, qint64 atMs) = 0;
    /// Inserts a new record at version 1; false if the id exists or on failure.
    virtual bool create(const RecordData &record) = 0;
    /// Number of records.
    virtual qint64 count() = 0;
};

} // namespace recordlock
