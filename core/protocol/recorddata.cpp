#include "protocol/recorddata.h"

using namespace Qt::StringLiterals;

namespace recordlock {

QJsonObject RecordData::toJson(bool withFields) const
{
    QJsonObject object{
        {u"id"_s, id},
        {u"type"_s, type},
        {u"title"_s, title()},
        {u"version"_s, version},
        {u"updatedAt"_s, updatedAt},
        {u"updatedBy"_s, updatedBy},
    };
    if (withFields) {
        QJsonObject f;
        for (auto it = fields.begin(); it != fields.end(); ++it)
            f.insert(it.key(), it.value());
        object.insert(u"fields"_s, f);
    }
    return object;
}

std::optional<RecordData> RecordData::fromJson(const QJsonObject &object)
{
    RecordData record;
    record.id = object.value(u"id"_s).toString();
    record.type = object.value(u"type"_s).toString();
    if (record.id.isEmpty() || record.type.isEmpty())
        return std::nullopt;
    record.version = object.value(u"version"_s).toInteger();
    record.updatedAt = object.value(u"updatedAt"_s).toInteger();
    record.updatedBy = object.value(u"updatedBy"_s).toString();
    const QJsonObject f = object.value(u"fields"_s).toObject();
    for (auto it = f.begin(); it != f.end(); ++it)
        record.fields.insert(it.key(), it.value().toString());
    if (!f.contains(u"title"_s) && object.contains(u"title"_s))
        record.fields.insert(u"title"_s, object.value(u"title"_s).toString());
    return record;
}

} // namespace recordlock
