#include "codeccheck.h"

#include <functional>

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include "fuzzfailure.h"
#include "protocol/argreader.h"
#include "protocol/argrules.h"
#include "protocol/codec.h"
#include "protocol/lockinfo.h"
#include "protocol/recorddata.h"
#include "wirecheck.h"

using namespace Qt::StringLiterals;

namespace recordlock::fuzz {

namespace {

constexpr qint64 MaxSafe = 9007199254740992LL; // 2^53
constexpr qsizetype MaxMessageBytes = 65'536;
/// Most argument keys probed per input; keeps a run fast for objects with thousands of members.
constexpr int MaxProbedKeys = 6;

bool absent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

bool matches(const QString &pattern, const QString &text)
{
    return QRegularExpression(pattern).match(text).hasMatch();
}

/// Runs one read on a fresh ArgReader and compares its verdict with what the document says.
void probe(const QJsonObject &args, const QString &key, bool expectOk, const std::function<bool(ArgReader &)> &read,
           const QString &what)
{
    ArgReader reader(args);
    const bool valueOk = read(reader);
    const QByteArray context = QJsonDocument(QJsonObject{{key, args.value(key)}}).toJson(QJsonDocument::Compact);
    require(reader.ok() == expectOk, what + (expectOk ? u" refused a valid value"_s : u" accepted an invalid value"_s),
            context);
    if (expectOk) {
        require(valueOk, what + u" returned another value than it was given"_s, context);
        return;
    }
    const ProtocolError error = reader.error();
    require(error.code == ErrorCode::InvalidArgument && error.details.value(u"field"_s) == key,
            what + u" failed without invalid_argument naming the field"_s, context);
}

/// The integer a JSON number stands for (read as a double, see WireCheck::isInteger); 0 if none.
qint64 integerOf(const QJsonValue &value)
{
    return WireCheck::isInteger(value) ? qint64(value.toDouble()) : 0;
}

bool isSafeIntegerIn(const QJsonValue &value, qint64 min, qint64 max)
{
    return WireCheck::isInteger(value) && integerOf(value) >= min && integerOf(value) <= max;
}

void probeString(const QJsonObject &args, const QString &key, qsizetype max)
{
    const QJsonValue v = args.value(key);
    const bool ok = v.isString() && !v.toString().isEmpty() && v.toString().size() <= max;
    probe(args, key, ok, [&](ArgReader &r) { return r.string(key, max) == v.toString(); }, u"string"_s);
}

void probeOptionalString(const QJsonObject &args, const QString &key, qsizetype max)
{
    const QJsonValue v = args.value(key);
    const bool ok = absent(v) || (v.isString() && v.toString().size() <= max);
    probe(args, key, ok, [&](ArgReader &r) {
        const std::optional<QString> s = r.optionalString(key, max);
        return absent(v) ? !s.has_value() : s == v.toString();
    }, u"optionalString"_s);
}

void probeInteger(const QJsonObject &args, const QString &key, qint64 min, qint64 max, std::optional<qint64> fallback)
{
    const QJsonValue v = args.value(key);
    const bool ok = (fallback && absent(v)) || isSafeIntegerIn(v, min, max);
    probe(args, key, ok, [&](ArgReader &r) {
        if (fallback)
            return r.optionalInteger(key, min, max, *fallback) == (absent(v) ? *fallback : integerOf(v));
        return r.integer(key, min, max) == integerOf(v);
    }, fallback ? u"optionalInteger"_s : u"integer"_s);
}

void probeBool(const QJsonObject &args, const QString &key)
{
    const QJsonValue v = args.value(key);
    const bool ok = absent(v) || v.isBool();
    probe(args, key, ok, [&](ArgReader &r) { return r.optionalBool(key, false) == v.toBool(false); },
          u"optionalBool"_s);
}

void probeFields(const QJsonObject &args, const QString &key)
{
    const QJsonValue v = args.value(key);
    bool ok = v.isObject();
    const QJsonObject fields = v.toObject();
    for (auto it = fields.begin(); ok && it != fields.end(); ++it) {
        ok = matches(u"\\A[A-Za-z][A-Za-z0-9_]{0,63}\\z"_s, it.key()) && it.value().isString()
             && it.value().toString().size() <= 16'384;
    }
    probe(args, key, ok, [&](ArgReader &r) {
        const QMap<QString, QString> read = r.fields(key);
        for (auto it = read.cbegin(); it != read.cend(); ++it) {
            if (fields.value(it.key()) != QJsonValue(it.value()))
                return false;
        }
        return read.size() == fields.size();
    }, u"fields"_s);
}

} // namespace

void CodecCheck::run(QByteArrayView data)
{
    checkRequestDecoding(data);
    checkServerMessageDecoding(data);
    const QString text = QString::fromUtf8(data);
    require(ArgRules::isValidRecordId(text) == matches(u"\\A[A-Za-z0-9._-]{1,128}\\z"_s, text),
            u"ArgRules::isValidRecordId disagrees with the documented pattern"_s, data);
    require(ArgRules::isValidSessionId(text) == matches(u"\\A[A-Za-z0-9_-]{8,128}\\z"_s, text),
            u"ArgRules::isValidSessionId disagrees with the documented pattern"_s, data);
    require(ArgRules::isValidFieldName(text) == matches(u"\\A[A-Za-z][A-Za-z0-9_]{0,63}\\z"_s, text),
            u"ArgRules::isValidFieldName disagrees with the documented pattern"_s, data);
}

void CodecCheck::checkRequestDecoding(QByteArrayView data)
{
    const auto decoded = Codec::decodeRequest(data);
    if (const auto *failure = std::get_if<RequestDecodeFailure>(&decoded)) {
        const ErrorCode code = failure->error.code;
        require(code == ErrorCode::BadRequest || code == ErrorCode::InvalidRequest
                    || (code == ErrorCode::MessageTooLarge && data.size() > MaxMessageBytes),
                u"a request failed to decode with an undocumented code"_s, data);
        require(code != ErrorCode::BadRequest || failure->id.isNull(), u"bad_request must carry a null id"_s, data);
        require(failure->id.isNull() || WireCheck::isInteger(failure->id)
                    || (failure->id.isString() && !failure->id.toString().isEmpty()),
                u"a decode failure echoes an invalid id"_s, data);
        ServerMessage echoed;
        require(Codec::decodeServerMessage(Codec::encodeError(failure->id, 1, failure->error), &echoed, nullptr)
                    && echoed.id == failure->id && echoed.error.code == code,
                u"an encoded decode failure does not decode back"_s, data);
        return;
    }
    const Request &request = std::get<Request>(decoded);
    require(data.size() <= MaxMessageBytes, u"a request over 64 KiB was decoded"_s);
    require(WireCheck::isInteger(request.id)
                || (request.id.isString() && !request.id.toString().isEmpty() && request.id.toString().size() <= 64),
            u"a decoded request has an invalid id"_s, data);
    require(!request.op.isEmpty() && !request.args.contains(u"id"_s) && !request.args.contains(u"op"_s),
            u"a decoded request has an empty op or keeps id/op among its arguments"_s, data);
    QJsonObject original = QJsonDocument::fromJson(data.toByteArray()).object();
    require(original.take(u"op"_s) == request.op && original.take(u"id"_s) == request.id && original == request.args,
            u"the decoded request differs from the JSON object"_s, data);

    const QByteArray encoded = Codec::encodeRequest(request.id, request.op, request.args);
    const auto again = Codec::decodeRequest(encoded);
    const Request *round = std::get_if<Request>(&again);
    require(round && round->id == request.id && round->op == request.op && round->args == request.args,
            u"encodeRequest(decodeRequest(x)) does not decode to the same request"_s, encoded);
    checkArguments(request.args);
}

void CodecCheck::checkArguments(const QJsonObject &args)
{
    // The reads the ops of docs/protocol.md make, with the documented bounds.
    probeString(args, u"user"_s, 128);
    probeString(args, u"password"_s, 1'024);
    probeString(args, u"token"_s, 4'096);
    probeInteger(args, u"token"_s, 1, MaxSafe, std::nullopt);
    probeInteger(args, u"version"_s, 1, MaxSafe, std::nullopt);
    probeOptionalString(args, u"type"_s, 16);
    probeOptionalString(args, u"query"_s, 200);
    probeOptionalString(args, u"expectHolder"_s, 128);
    {
        // override's reason: 3-500 characters after trimming, handed on trimmed.
        const QJsonValue v = args.value(u"reason"_s);
        const qsizetype length = v.toString().trimmed().size();
        const bool ok = v.isString() && length >= 3 && length <= 500;
        probe(args, u"reason"_s, ok,
              [&](ArgReader &r) { return r.trimmedString(u"reason", 3, 500) == v.toString().trimmed(); },
              u"trimmedString"_s);
    }
    probeInteger(args, u"offset"_s, 0, MaxSafe, 0);
    probeInteger(args, u"limit"_s, 1, 10'000, 1'000);
    probeInteger(args, u"limit"_s, 1, 500, 100);
    probeInteger(args, u"before"_s, 1, MaxSafe, MaxSafe);
    probeBool(args, u"switchSession"_s);
    probeFields(args, u"fields"_s);
    {
        const QJsonValue v = args.value(u"recordId"_s);
        const bool ok = v.isString() && matches(u"\\A[A-Za-z0-9._-]{1,128}\\z"_s, v.toString());
        probe(args, u"recordId"_s, ok, [&](ArgReader &r) { return r.recordId() == v.toString(); }, u"recordId"_s);
    }
    {
        const QJsonValue v = args.value(u"sessionId"_s);
        const bool ok = v.isString() && matches(u"\\A[A-Za-z0-9_-]{8,128}\\z"_s, v.toString());
        probe(args, u"sessionId"_s, ok, [&](ArgReader &r) { return r.sessionId() == v.toString(); }, u"sessionId"_s);
    }
    // Whatever else the input carries, read as each type.
    int probed = 0;
    for (auto it = args.begin(); it != args.end() && probed < MaxProbedKeys; ++it, ++probed) {
        probeString(args, it.key(), 64);
        probeOptionalString(args, it.key(), 64);
        probeInteger(args, it.key(), -MaxSafe, MaxSafe, std::nullopt);
        probeBool(args, it.key());
    }
    // One reader, several reads: the error names the first argument that failed (login's order).
    ArgReader reader(args);
    (void)reader.string(u"user", 128);
    const bool userOk = reader.ok();
    (void)reader.string(u"password", 1'024);
    const bool passwordOk = reader.ok();
    (void)reader.sessionId();
    if (!reader.ok()) {
        const QString first = !userOk ? u"user"_s : !passwordOk ? u"password"_s : u"sessionId"_s;
        require(reader.error().details.value(u"field"_s) == first, u"ArgReader did not keep its first failure"_s);
    }
}

void CodecCheck::checkServerMessageDecoding(QByteArrayView data)
{
    ServerMessage message;
    QString errorText;
    if (!Codec::decodeServerMessage(data, &message, &errorText)) {
        require(!errorText.isEmpty(), u"decodeServerMessage failed without saying why"_s, data);
        return;
    }
    if (message.kind == ServerMessage::Kind::Reply) {
        const QByteArray encoded = message.ok ? Codec::encodeReply(message.id, message.serverTime, message.result)
                                              : Codec::encodeError(message.id, message.serverTime, message.error);
        ServerMessage again;
        require(Codec::decodeServerMessage(encoded, &again, nullptr) && again.id == message.id
                    && again.ok == message.ok && again.serverTime == message.serverTime
                    && again.result == message.result && again.error.code == message.error.code
                    && again.error.details == message.error.details,
                u"a decoded reply does not survive encode and decode"_s, encoded);
    } else {
        require(!message.event.isEmpty(), u"an event decoded without a name"_s, data);
        const QByteArray encoded =
            Codec::encodeEvent(message.event, message.recordId, message.seq, message.serverTime, message.body);
        ServerMessage again;
        require(Codec::decodeServerMessage(encoded, &again, nullptr) && again.event == message.event
                    && again.recordId == message.recordId && again.seq == message.seq
                    && again.serverTime == message.serverTime,
                u"a decoded event does not survive encode and decode"_s, encoded);
    }
    const QJsonObject &body = message.kind == ServerMessage::Kind::Event ? message.body : message.result;
    // The client parsers are lenient (a missing member gets a default), so the first encoding may
    // normalise; from then on toJson/fromJson must be a fixed point.
    if (const std::optional<LockInfo> lock = LockInfo::fromJson(body.value(u"lock"_s).toObject())) {
        const std::optional<LockInfo> normal = LockInfo::fromJson(lock->toJson());
        require(normal && LockInfo::fromJson(normal->toJson()) == normal,
                u"LockInfo toJson/fromJson is not a fixed point"_s, data);
    }
    if (const std::optional<RecordData> record = RecordData::fromJson(body.value(u"record"_s).toObject())) {
        const std::optional<RecordData> normal = RecordData::fromJson(record->toJson());
        require(normal && RecordData::fromJson(normal->toJson()) == normal,
                u"RecordData toJson/fromJson is not a fixed point"_s, data);
    }
}

} // namespace recordlock::fuzz
