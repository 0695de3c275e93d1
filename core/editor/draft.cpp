#include "editor/draft.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

QJsonObject mapToJson(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

/// Reads an object of strings; nullopt when any member is not a string.
std::optional<QMap<QString, QString>> mapFromJson(const QJsonObject &object)
{
    QMap<QString, QString> map;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it.value().isString())
            return std::nullopt;
        map.insert(it.key(), it.value().toString());
    }
    return map;
}

} // namespace

QJsonObject Draft::toJson() const
{
    return QJsonObject{
        {u"recordId"_s, recordId},
        {u"baseVersion"_s, baseVersion},
        {u"edits"_s, mapToJson(edits)},
        {u"baseValues"_s, mapToJson(baseValues)},
        {u"savedAt"_s, savedAt},
    };
}

std::optional<Draft> Draft::fromJson(const QJsonObject &object)
{
    const QJsonValue id = object.value(u"recordId"_s);
    const QJsonValue edits = object.value(u"edits"_s);
    if (!id.isString() || id.toString().isEmpty() || !edits.isObject())
        return std::nullopt;
    Draft draft;
    draft.recordId = id.toString();
    draft.baseVersion = object.value(u"baseVersion"_s).toInteger();
    draft.savedAt = object.value(u"savedAt"_s).toInteger();
    const auto editMap = mapFromJson(edits.toObject());
    if (!editMap)
        return std::nullopt;
    draft.edits = *editMap;
    // Older or hand-written drafts may lack base values; conflicts are then judged without them.
    if (const auto base = mapFromJson(object.value(u"baseValues"_s).toObject()))
        draft.baseValues = *base;
    return draft;
}

} // namespace recordlock
