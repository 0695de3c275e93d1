#include "protocol/codec.h"

#include <cmath>

#include <QJsonDocument>
#include <QJsonParseError>

#include "protocol/limits.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

bool isSafeInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && d == std::trunc(d) && std::fabs(d) <= double(limits::MaxSafeInteger);
}

bool isValidId(const QJsonValue &id)
{
    if (id.isString())
        return !id.toString().isEmpty() && id.toString().size() <= limits::MaxIdLength;
    return isSafeInteger(id);
}

RequestDecodeFailure failure(QJsonValue id, ErrorCode code, QString message)
{
    return RequestDecodeFailure{std::move(id), ProtocolError{code, std::move(message), {}}};
}

QByteArray toBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
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
    return toBytes(QJsonObject{
        {u"type"_s, u"reply"_s},
        {u"id"_s, id},
        {u"ok"_s, true},
        {u"serverTime"_s, serverTime},
        {u"result"_s, result},
    });
}

QByteArray Codec::encodeError(const QJsonValue &id, qint64 serverTime, const ProtocolError &error)
{
    return toBytes(QJsonObject{
        {u"type"_s, u"reply"_s},
        {u"id"_s, id},
        {u"ok"_s, false},
        {u"serverTime"_s, serverTime},
        {u"error"_s, error.toJson()},
    });
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
