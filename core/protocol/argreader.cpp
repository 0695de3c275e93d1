#include "protocol/argreader.h"

#include "protocol/argrules.h"
#include "protocol/limits.h"
#include "protocol/safeinteger.h"

using namespace Qt::StringLiterals;

namespace recordlock {

ArgReader::ArgReader(const QJsonObject &args)
    : m_args(args)
{
}

void ArgReader::fail(QStringView key, const QString &message)
{
    if (m_error)
        return;
    m_error = ProtocolError{ErrorCode::InvalidArgument, message, QJsonObject{{u"field"_s, key.toString()}}};
}

QString ArgReader::string(QStringView key, qsizetype maxLength)
{
    const QJsonValue value = m_args.value(key);
    if (value.isUndefined() || value.isNull()) {
        fail(key, u"\"%1\" is required"_s.arg(key));
        return {};
    }
    if (!value.isString()) {
        fail(key, u"\"%1\" must be a string"_s.arg(key));
        return {};
    }
    const QString s = value.toString();
    if (s.isEmpty() || s.size() > maxLength) {
        fail(key, u"\"%1\" must have 1 to %2 characters"_s.arg(key).arg(maxLength));
        return {};
    }
    return s;
}

QString ArgReader::trimmedString(QStringView key, qsizetype minLength, qsizetype maxLength)
{
    const QJsonValue value = m_args.value(key);
    if (value.isUndefined() || value.isNull()) {
        fail(key, u"\"%1\" is required"_s.arg(key));
        return {};
    }
    if (!value.isString()) {
        fail(key, u"\"%1\" must be a string"_s.arg(key));
        return {};
    }
    // Counted after trimming: padding with blanks must not pass for a reason.
    const QString s = value.toString().trimmed();
    if (s.size() < minLength || s.size() > maxLength) {
        fail(key, u"\"%1\" must have %2 to %3 characters (not counting surrounding blanks)"_s.arg(key)
                      .arg(minLength)
                      .arg(maxLength));
        return {};
    }
    return s;
}

std::optional<QString> ArgReader::optionalString(QStringView key, qsizetype maxLength)
{
    const QJsonValue value = m_args.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isString()) {
        fail(key, u"\"%1\" must be a string"_s.arg(key));
        return std::nullopt;
    }
    if (value.toString().size() > maxLength) {
        fail(key, u"\"%1\" must have at most %2 characters"_s.arg(key).arg(maxLength));
        return std::nullopt;
    }
    return value.toString();
}

qint64 ArgReader::integer(QStringView key, qint64 min, qint64 max)
{
    const QJsonValue value = m_args.value(key);
    if (value.isUndefined() || value.isNull()) {
        fail(key, u"\"%1\" is required"_s.arg(key));
        return 0;
    }
    const std::optional<qint64> whole = safeInteger(value);
    if (!whole) {
        fail(key, u"\"%1\" must be an integer"_s.arg(key));
        return 0;
    }
    const qint64 n = *whole;
    if (n < min || n > max) {
        fail(key, u"\"%1\" must be between %2 and %3"_s.arg(key).arg(min).arg(max));
        return 0;
    }
    return n;
}

qint64 ArgReader::optionalInteger(QStringView key, qint64 min, qint64 max, qint64 fallback)
{
    const QJsonValue value = m_args.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    return integer(key, min, max);
}

bool ArgReader::optionalBool(QStringView key, bool fallback)
{
    const QJsonValue value = m_args.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool()) {
        fail(key, u"\"%1\" must be true or false"_s.arg(key));
        return fallback;
    }
    return value.toBool();
}

QMap<QString, QString> ArgReader::stringMap(QStringView key, qsizetype maxValueLength)
{
    const QJsonValue value = m_args.value(key);
    if (!value.isObject()) {
        fail(key, u"\"%1\" must be an object of strings"_s.arg(key));
        return {};
    }
    QMap<QString, QString> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isString()) {
            fail(key, u"\"%1.%2\" must be a string"_s.arg(key, it.key()));
            return {};
        }
        if (it.value().toString().size() > maxValueLength) {
            fail(key, u"\"%1.%2\" must have at most %3 characters"_s.arg(key, it.key()).arg(maxValueLength));
            return {};
        }
        map.insert(it.key(), it.value().toString());
    }
    return map;
}

QString ArgReader::recordId(QStringView key)
{
    const QString id = string(key, limits::MaxRecordIdLength);
    if (ok() && !ArgRules::isValidRecordId(id)) {
        fail(key, u"\"%1\" must be 1 to %2 characters of A-Z, a-z, 0-9, '.', '_', '-'"_s.arg(key).arg(
                      limits::MaxRecordIdLength));
        return {};
    }
    return id;
}

QString ArgReader::sessionId(QStringView key)
{
    const QString id = string(key, limits::MaxSessionIdLength);
    if (ok() && !ArgRules::isValidSessionId(id)) {
        fail(key, u"\"%1\" must be %2 to %3 characters of A-Z, a-z, 0-9, '_', '-'"_s.arg(key)
                      .arg(limits::MinSessionIdLength)
                      .arg(limits::MaxSessionIdLength));
        return {};
    }
    return id;
}

QMap<QString, QString> ArgReader::fields(QStringView key)
{
    const QMap<QString, QString> map = stringMap(key, limits::MaxFieldValueLength);
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (!ArgRules::isValidFieldName(it.key())) {
            fail(key, u"\"%1\" is not a valid field name"_s.arg(it.key()));
            return {};
        }
    }
    return map;
}

ProtocolError ArgReader::error() const
{
    return m_error.value_or(ProtocolError{ErrorCode::Internal, u"no error"_s, {}});
}

} // namespace recordlock
