#include "client/recordlist.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace recordlock {

std::optional<RecordList> RecordList::fromJson(const QJsonObject &result)
{
    const QJsonValue records = result.value(u"records"_s);
    if (!records.isArray())
        return std::nullopt;
    RecordList list;
    list.total = result.value(u"total"_s).toInteger();
    const QJsonArray array = records.toArray();
    list.entries.reserve(array.size());
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        auto record = RecordData::fromJson(object);
        if (!record)
            continue;
        Entry entry{*record, {}};
        if (auto lock = LockInfo::fromJson(object.value(u"lock"_s).toObject()))
            entry.lock = *lock;
        else
            entry.lock.recordId = record->id;
        list.entries.append(entry);
    }
    return list;
}

} // namespace recordlock
