#include "server/lockeventcodec.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

QJsonObject lockEventCodecHolder(const LockHolder &holder)
{
    return QJsonObject{{u"sessionId"_s, holder.sessionId},
                       {u"userId"_s, holder.userId},
                       {u"displayName"_s, holder.displayName},
                       {u"handle"_s, holder.handle}};
}

std::optional<LockHolder> lockEventCodecHolderOf(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject json = value.toObject();
    return LockHolder{json.value(u"sessionId"_s).toString(), json.value(u"userId"_s).toInteger(),
                      json.value(u"displayName"_s).toString(), json.value(u"handle"_s).toString()};
}

QJsonObject lockEventCodecRow(const LockRow &row)
{
    return QJsonObject{{u"recordId"_s, row.recordId},
                       {u"fence"_s, row.fence},
                       {u"seq"_s, row.seq},
                       {u"held"_s, row.held},
                       {u"sessionId"_s, row.sessionId},
                       {u"userId"_s, row.userId},
                       {u"holderName"_s, row.holderName},
                       {u"holderHandle"_s, row.holderHandle},
                       {u"since"_s, row.since},
                       {u"expiresAt"_s, row.expiresAt},
                       {u"connected"_s, row.connected},
                       {u"orphanDeadline"_s, row.orphanDeadline},
                       {u"token"_s, row.token},
                       {u"via"_s, row.via}};
}

LockRow lockEventCodecRowOf(const QJsonObject &json)
{
    LockRow row;
    row.recordId = json.value(u"recordId"_s).toString();
    row.fence = json.value(u"fence"_s).toInteger();
    row.seq = json.value(u"seq"_s).toInteger();
    row.held = json.value(u"held"_s).toBool();
    row.sessionId = json.value(u"sessionId"_s).toString();
    row.userId = json.value(u"userId"_s).toInteger();
    row.holderName = json.value(u"holderName"_s).toString();
    row.holderHandle = json.value(u"holderHandle"_s).toString();
    row.since = json.value(u"since"_s).toInteger();
    row.expiresAt = json.value(u"expiresAt"_s).toInteger();
    row.connected = json.value(u"connected"_s).toBool(true);
    row.orphanDeadline = json.value(u"orphanDeadline"_s).toInteger();
    row.token = json.value(u"token"_s).toInteger();
    row.via = json.value(u"via"_s).toString();
    return row;
}

} // namespace

QByteArray LockEventCodec::encode(const QString &instanceId, const QList<LockEvent> &events)
{
    QJsonArray list;
    for (const LockEvent &event : events) {
        QJsonObject json{{u"event"_s, event.event}, {u"lock"_s, lockEventCodecRow(event.lock)}};
        if (event.previousHolder)
            json.insert(u"previousHolder"_s, lockEventCodecHolder(*event.previousHolder));
        if (!event.reason.isEmpty())
            json.insert(u"reason"_s, event.reason);
        if (event.by)
            json.insert(u"by"_s, lockEventCodecHolder(*event.by));
        if (!event.record.isEmpty())
            json.insert(u"record"_s, event.record);
        if (!event.changedFields.isEmpty())
            json.insert(u"changedFields"_s, QJsonArray::fromStringList(event.changedFields));
        list.append(json);
    }
    return instanceId.toUtf8() + '\n' + QJsonDocument(QJsonObject{{u"events"_s, list}}).toJson(QJsonDocument::Compact);
}

std::optional<LockEventCodec::Message> LockEventCodec::decode(const QByteArray &bytes)
{
    const qsizetype newline = bytes.indexOf('\n');
    if (newline <= 0)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes.mid(newline + 1), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonValue events = document.object().value(u"events"_s);
    if (!events.isArray())
        return std::nullopt;
    Message message{QString::fromUtf8(bytes.left(newline)), {}};
    for (const QJsonValue &value : events.toArray()) {
        const QJsonObject json = value.toObject();
        const QJsonValue name = json.value(u"event"_s);
        const QJsonValue lock = json.value(u"lock"_s);
        if (!name.isString() || !lock.isObject())
            return std::nullopt;
        LockEvent event;
        event.event = name.toString();
        event.lock = lockEventCodecRowOf(lock.toObject());
        if (event.lock.recordId.isEmpty())
            return std::nullopt;
        event.previousHolder = lockEventCodecHolderOf(json.value(u"previousHolder"_s));
        event.reason = json.value(u"reason"_s).toString();
        event.by = lockEventCodecHolderOf(json.value(u"by"_s));
        event.record = json.value(u"record"_s).toObject();
        for (const QJsonValue &field : json.value(u"changedFields"_s).toArray())
            event.changedFields.append(field.toString());
        message.events.append(std::move(event));
    }
    return message;
}

} // namespace recordlock
