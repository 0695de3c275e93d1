#pragma once

#include <optional>

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringView>

#include "protocol/protocolerror.h"

namespace recordlock {

/// Reads typed request arguments; the first missing or mistyped one becomes an invalid_argument error.
class ArgReader
{
public:
    /// Reads from a request's arguments (its members other than id and op).
    explicit ArgReader(const QJsonObject &args);

    /// A required string of 1..maxLength characters.
    QString string(QStringView key, qsizetype maxLength);
    /// A required string of minLength..maxLength characters after trimming white space; returned trimmed.
    QString trimmedString(QStringView key, qsizetype minLength, qsizetype maxLength);
    /// An optional string of 0..maxLength characters; nullopt when absent or null.
    std::optional<QString> optionalString(QStringView key, qsizetype maxLength);
    /// A required integer in [min, max].
    qint64 integer(QStringView key, qint64 min, qint64 max);
    /// An optional integer in [min, max]; fallback when absent.
    qint64 optionalInteger(QStringView key, qint64 min, qint64 max, qint64 fallback);
    /// An optional boolean; fallback when absent.
    bool optionalBool(QStringView key, bool fallback);
    /// A required object whose members are all strings of at most maxValueLength characters.
    QMap<QString, QString> stringMap(QStringView key, qsizetype maxValueLength);
    /// A required record id (ArgRules::isValidRecordId).
    QString recordId(QStringView key = u"recordId");
    /// A required session id (ArgRules::isValidSessionId).
    QString sessionId(QStringView key = u"sessionId");
    /// A required object of record fields: valid field names, values of at most 16,384 characters.
    QMap<QString, QString> fields(QStringView key = u"fields");

    /// True while every read so far succeeded.
    bool ok() const { return !m_error.has_value(); }
    /// The first failure, as an invalid_argument error naming the field.
    ProtocolError error() const;

private:
    void fail(QStringView key, const QString &message);

    QJsonObject m_args;
    std::optional<ProtocolError> m_error;
};

} // namespace recordlock
