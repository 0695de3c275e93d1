#include "protocol/codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "protocol/limits.h"
#include "protocol/safeinteger.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

bool isValidId(const QJsonValue &id)
{
    if (id.isString())
        return !id.toString().isEmpty() && id.toString().size() <= limits::MaxIdLength;
    return safeInteger(id).has_value();
}

RequestDecodeFailure failure(QJsonValue id, ErrorCode code, QString message)
{
    return RequestDecodeFailure{std::move(id), ProtocolError{code, std::move(message), {}}};
}

QByteArray toBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// A request id as compact JSON: integers directly, anything else (strings need escaping) the way
/// QJsonDocument writes it.
QByteArray codecIdJson(const QJsonValue &id)
{
    if (const std::optional<qint64> n = safeInteger(id))
        return QByteArray::number(*n);
    if (id.isNull())
        return QByteArrayLiteral("null");
    QByteArray wrapped = QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact);
    return wrapped.sliced(1, wrapped.size() - 2);
}

/// A reply envelope written directly around its already encoded member: building an outer
/// QJsonObject would copy the whole result once more. Members in QJsonObject's (sorted) order,
/// so the bytes are the same as before.
QByteArray codecReplyEnvelope(const QJsonValue &id, qint64 serverTime, bool ok, QByteArrayView memberJson)
{
    // An undefined id is left out, as QJsonObject leaves out an undefined member.
    const QByteArray idJson = id.isUndefined() ? QByteArray() : ",\"id\":" + codecIdJson(id);
    const QByteArray time = QByteArray::number(serverTime);
    QByteArray out;
    out.reserve(memberJson.size() + idJson.size() + time.size() + 64);
    if (ok) {
        out += "{" + idJson.mid(1) + (idJson.isEmpty() ? "" : ",") + "\"ok\":true,\"result\":";
        out += memberJson;
    } else {
        out += "{\"error\":";
        out += memberJson;
        out += idJson + ",\"ok\":false";
    }
    out += ",\"serverTime\":" + time + ",\"type\":\"reply\"}";
    return out;
}

} // namespace

std::variant<Request, RequestDecodeFailure> Codec::decodeRequest(QByteArrayView text)
{
    if (text.size() > limits::MaxMessageBytes)
        return failure(QJsonValue::Null, ErrorCode::MessageTooLarge,
                       u"message exceeds %1 bytes"_s.arg(limits::MaxMessageBytes));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(QJsonValue::Null, ErrorCode::BadRequest,
                       u"malformed JSON at offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return failure(QJsonValue::Null, ErrorCode::BadRequest, u"a request must be a JSON object"_s);

    QJsonObject object = doc.object();
    const QJsonValue id = object.value(u"id"_s);
    if (!isValidId(id))
        return failure(QJsonValue::Null, ErrorCode::InvalidRequest,
                       u"\"id\" must be an integer or a non-empty string of at most %1 characters"_s
                           .arg(limits::MaxIdLength));
    const QJsonValue op = object.value(u"op"_s);
    if (!op.isString() || op.toString().isEmpty() || op.toString().size() > limits::MaxOpLength)
        return failure(id, ErrorCode::InvalidRequest, u"\"op\" must be a non-empty string"_s);

    object.remove(u"id"_s);
    object.remove(u"op"_s);
    return Request{id, op.toString(), object};
}

QByteArray Codec::encodeRequest(const QJsonValue &id, QStringView op, const QJsonObject &args)
{
    QJsonObject object = args;
    object.insert(u"id"_s, id);
    object.insert(u"op"_s, op.toString());
    return toBytes(object);
}

QByteArray Codec::encodeReply(const QJsonValue &id, qint64 serverTime, const QJsonObject &result)
{
    return codecReplyEnvelope(id, serverTime, true, toBytes(result));
}

QByteArray Codec::encodeReplyJson(const QJsonValue &id, qint64 serverTime, QByteArrayView resultJson)
{
    return codecReplyEnvelope(id, serverTime, true, resultJson);
}

QByteArray Codec::encodeError(const QJsonValue &id, qint64 serverTime, const ProtocolError &error)
{
    return codecReplyEnvelope(id, serverTime, false, toBytes(error.toJson()));
}

QByteArray Codec::encodeEvent(QStringView event, QStringView recordId, qint64 seq, qint64 serverTime,
                              const QJsonObject &body)
{
    QJsonObject object = body;
    object.insert(u"type"_s, u"event"_s);
    object.insert(u"event"_s, event.toString());
    object.insert(u"recordId"_s, recordId.toString());
    object.insert(u"seq"_s, seq);
    object.insert(u"serverTime"_s, serverTime);
    return toBytes(object);
}

bool Codec::decodeServerMessage(QByteArrayView text, ServerMessage *out, QString *errorText)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (errorText)
            *errorText = u"server message is not a JSON object"_s;
        return false;
    }
    const QJsonObject object = doc.object();
    const QString type = object.value(u"type"_s).toString();
    ServerMessage message;
    message.serverTime = object.value(u"serverTime"_s).toInteger();
    if (type == u"reply") {
        message.kind = ServerMessage::Kind::Reply;
        message.id = object.value(u"id"_s);
        message.ok = object.value(u"ok"_s).toBool();
        if (message.ok) {
            message.result = object.value(u"result"_s).toObject();
        } else {
            const QJsonValue error = object.value(u"error"_s);
            if (!error.isObject()) {
                if (errorText)
                    *errorText = u"error reply without an error object"_s;
                return false;
            }
            message.error = ProtocolError::fromJson(error.toObject());
        }
    } else if (type == u"event") {
        message.kind = ServerMessage::Kind::Event;
        message.event = object.value(u"event"_s).toString();
        message.recordId = object.value(u"recordId"_s).toString();
        message.seq = object.value(u"seq"_s).toInteger();
        message.body = object;
        if (message.event.isEmpty()) {
            if (errorText)
                *errorText = u"event without a name"_s;
            return false;
        }
    } else {
        if (errorText)
            *errorText = u"unknown message type \"%1\""_s.arg(type);
        return false;
    }
    *out = std::move(message);
    return true;
}

} // namespace recordlock
