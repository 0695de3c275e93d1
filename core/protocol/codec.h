#pragma once

#include <variant>

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include "protocol/protocolerror.h"
#include "protocol/request.h"
#include "protocol/requestdecodefailure.h"
#include "protocol/servermessage.h"

namespace recordlock {

/// Encodes and decodes the JSON wire messages of docs/protocol.md; no sockets involved.
class Codec
{
public:
    /// Decodes one client text message; never throws, always yields a request or an error to send.
    static std::variant<Request, RequestDecodeFailure> decodeRequest(QByteArrayView text);
    /// Encodes a request: {"id":..., "op":..., ...args}.
    static QByteArray encodeRequest(const QJsonValue &id, QStringView op, const QJsonObject &args = {});

    /// Encodes a successful reply.
    static QByteArray encodeReply(const QJsonValue &id, qint64 serverTime, const QJsonObject &result);
    /// Encodes a successful reply whose result is already JSON text (one object).
    static QByteArray encodeReplyJson(const QJsonValue &id, qint64 serverTime, QByteArrayView resultJson);
    /// Encodes an error reply.
    static QByteArray encodeError(const QJsonValue &id, qint64 serverTime, const ProtocolError &error);
    /// Encodes an event; body members (lock, reason, ...) are merged into the event object.
    static QByteArray encodeEvent(QStringView event, QStringView recordId, qint64 seq, qint64 serverTime,
                                  const QJsonObject &body);

    /// Decodes one server message; returns false and sets errorText when it is not a valid one.
    static bool decodeServerMessage(QByteArrayView text, ServerMessage *out, QString *errorText);
};

} // namespace recordlock
