#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtGlobal>

namespace recordlock {

/// Turns one Qt log message into one line of JSON for log collectors:
/// `{"ts":"...Z","level":"info","category":"recordlock.server.lock","msg":"lock granted","record":"CL-1","token":42}`.
/// The trailing key=value fields of a LogLine become members of their own.
class JsonLogFormatter
{
public:
    /// One trailing key=value of a message.
    struct Field
    {
        QString key;
        QString value;
        /// A bare integer, written as a JSON number.
        bool isNumber = false;
    };
    /// A message split into its words and its fields.
    struct Parsed
    {
        QString message;
        QList<Field> fields;
    };

    /// The JSON object (UTF-8, no newline) of a message logged at timestampMs (ms since the epoch, UTC).
    static QByteArray format(qint64 timestampMs, QtMsgType type, const QString &category, const QString &message);
    /// The level name: debug, info, warning, critical or fatal.
    static QString levelName(QtMsgType type);
    /// Splits off the longest run of key=value fields at the end of message; a message
    /// without one is returned whole.
    static Parsed parse(const QString &message);
    /// text as a JSON string literal, quotes included.
    static QByteArray jsonString(const QString &text);
};

} // namespace recordlock
