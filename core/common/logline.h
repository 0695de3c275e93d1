#pragma once

#include <QDebug>
#include <QString>

namespace recordlock {

/// A log message with structured fields, written as `lock granted record=CL-1 token=42`.
/// The text reads well as Qt's plain output and JsonLogFormatter turns the fields back into JSON
/// members: bare integers stay numbers, every other value is a string.
class LogLine
{
public:
    /// Starts a line with its message (plain words, no fields).
    explicit LogLine(const QString &message);

    /// Appends key=value; the value is quoted when it has blanks, quotes, `=` or control
    /// characters, is empty, or looks like a number (so it stays a string in JSON).
    LogLine &field(const QString &key, const QString &value);
    /// Appends key=number, unquoted (a JSON number).
    LogLine &field(const QString &key, qint64 value);

    /// The message followed by its fields.
    const QString &text() const { return m_text; }

    /// value as written in a line: unchanged, or in double quotes with \" \\ \n \r \t \uXXXX escapes.
    static QString quoted(const QString &value);
    /// True if a bare value is an integer that JSON can carry as a number.
    static bool isNumber(QStringView value);

private:
    void appendKey(const QString &key);

    QString m_text;
};

/// Streams the line's text without qDebug's quotes.
QDebug operator<<(QDebug debug, const LogLine &line);

} // namespace recordlock
