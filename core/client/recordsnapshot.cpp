#include "client/recordsnapshot.h"

using namespace Qt::StringLiterals;

namespace recordlock {

std::optional<RecordSnapshot> RecordSnapshot::fromJson(const QJsonObject &result)
{
    auto record = RecordData::fromJson(result.value(u"record"_s).toObject());
    if (!record)
        return std::nullopt;
    RecordSnapshot snapshot{*record, {}};
    if (auto lock = LockInfo::fromJson(result.value(u"lock"_s).toObject()))
        snapshot.lock = *lock;
    else
        snapshot.lock.recordId = record->id;
    return snapshot;
}

} // namespace recordlock
