#include "common/logline.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Longest bare integer taken as a number: 18 digits always fit a qint64 (and a JSON reader's).
constexpr qsizetype LogLineMaxNumberDigits = 18;

bool logValueNeedsQuotes(const QString &value)
{
    if (value.isEmpty() || LogLine::isNumber(value))
        return true;
    for (const QChar c : value) {
        if (c.unicode() <= 0x20 || c == u'"' || c == u'\\' || c == u'=' || c.unicode() == 0x7f || c.isSpace())
            return true;
    }
    return false;
}

} // namespace

LogLine::LogLine(const QString &message)
    : m_text(message)
{
}

LogLine &LogLine::field(const QString &key, const QString &value)
{
    appendKey(key);
    m_text += quoted(value);
    return *this;
}

LogLine &LogLine::field(const QString &key, qint64 value)
{
    appendKey(key);
    m_text += QString::number(value);
    return *this;
}

QString LogLine::quoted(const QString &value)
{
    if (!logValueNeedsQuotes(value))
        return value;
    QString out;
    out.reserve(value.size() + 2);
    out += u'"';
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'"':
            out += u"\\\""_s;
            break;
        case u'\\':
            out += u"\\\\"_s;
            break;
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case u'\t':
            out += u"\\t"_s;
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += u"\\u%1"_s.arg(uint(c.unicode()), 4, 16, QChar(u'0'));
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

bool LogLine::isNumber(QStringView value)
{
    const QStringView digits = value.startsWith(u'-') ? value.mid(1) : value;
    if (digits.isEmpty() || digits.size() > LogLineMaxNumberDigits)
        return false;
    // JSON forbids leading zeros: "007" is a string.
    if (digits.size() > 1 && digits.front() == u'0')
        return false;
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

void LogLine::appendKey(const QString &key)
{
    // Keys are names chosen in code; JsonLogFormatter only recognises [A-Za-z_][A-Za-z0-9_]*.
    Q_ASSERT(!key.isEmpty());
    if (!m_text.isEmpty())
        m_text += u' ';
    m_text += key;
    m_text += u'=';
}

QDebug operator<<(QDebug debug, const LogLine &line)
{
    const QDebugStateSaver saver(debug);
    debug.noquote() << line.text();
    return debug;
}

} // namespace recordlock
