#include "protocol/lockinfo.h"

#include "protocol/jsonwriter.h"

using namespace Qt::StringLiterals;

namespace recordlock {

QJsonObject LockInfo::toJson() const
{
    QJsonObject object{
        {u"recordId"_s, recordId},
        {u"state"_s, held ? u"held"_s : u"free"_s},
        {u"seq"_s, seq},
    };
    if (!held)
        return object;
    object.insert(u"holder"_s, QJsonObject{
                                   {u"handle"_s, holderHandle},
                                   {u"displayName"_s, holderName},
                                   {u"sameUser"_s, sameUser},
                                   {u"sameSession"_s, sameSession},
                               });
    object.insert(u"since"_s, since);
    object.insert(u"expiresAt"_s, expiresAt);
    object.insert(u"connected"_s, connected);
    if (!connected)
        object.insert(u"orphanDeadline"_s, orphanDeadline);
    if (sameSession && token > 0)
        object.insert(u"token"_s, token);
    return object;
}

void LockInfo::writeJson(JsonWriter &out) const
{
    // Members in QJsonObject's sorted order, so the bytes equal toJson()'s.
    out.beginObject();
    if (held) {
        out.key("connected"_L1);
        out.boolean(connected);
        out.key("expiresAt"_L1);
        out.number(expiresAt);
        out.key("holder"_L1);
        out.beginObject();
        out.key("displayName"_L1);
        out.string(holderName);
        out.key("handle"_L1);
        out.string(holderHandle);
        out.key("sameSession"_L1);
        out.boolean(sameSession);
        out.key("sameUser"_L1);
        out.boolean(sameUser);
        out.endObject();
        if (!connected) {
            out.key("orphanDeadline"_L1);
            out.number(orphanDeadline);
        }
    }
    out.key("recordId"_L1);
    out.string(recordId);
    out.key("seq"_L1);
    out.number(seq);
    if (held) {
        out.key("since"_L1);
        out.number(since);
    }
    out.key("state"_L1);
    out.string(held ? u"held"_s : u"free"_s);
    if (held && sameSession && token > 0) {
        out.key("token"_L1);
        out.number(token);
    }
    out.endObject();
}

std::optional<LockInfo> LockInfo::fromJson(const QJsonObject &object)
{
    const QString state = object.value(u"state"_s).toString();
    LockInfo info;
    info.recordId = object.value(u"recordId"_s).toString();
    if (info.recordId.isEmpty() || (state != u"held" && state != u"free"))
        return std::nullopt;
    info.held = state == u"held";
    info.seq = object.value(u"seq"_s).toInteger();
    if (!info.held)
        return info;
    const QJsonObject holder = object.value(u"holder"_s).toObject();
    info.holderHandle = holder.value(u"handle"_s).toString();
    info.holderName = holder.value(u"displayName"_s).toString();
    info.sameUser = holder.value(u"sameUser"_s).toBool();
    info.sameSession = holder.value(u"sameSession"_s).toBool();
    info.since = object.value(u"since"_s).toInteger();
    info.expiresAt = object.value(u"expiresAt"_s).toInteger();
    info.connected = object.value(u"connected"_s).toBool(true);
    info.orphanDeadline = object.value(u"orphanDeadline"_s).toInteger();
    info.token = object.value(u"token"_s).toInteger();
    return info;
}

} // namespace recordlock
