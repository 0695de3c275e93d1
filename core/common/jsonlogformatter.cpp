#include "common/jsonlogformatter.h"

#include <optional>

#include <QDateTime>

#include "common/logline.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Where a field that starts at from ends (the index after it), and the field; nullopt if the
/// text there is not key=value followed by a blank or the end.
std::optional<std::pair<qsizetype, JsonLogFormatter::Field>> readLogField(const QString &text, qsizetype from)
{
    qsizetype i = from;
    const auto isKeyStart = [](QChar c) { return c.isLetter() && c.unicode() < 0x80; };
    if (i >= text.size() || !(isKeyStart(text.at(i)) || text.at(i) == u'_'))
        return std::nullopt;
    while (i < text.size() && text.at(i).unicode() < 0x80 && (text.at(i).isLetterOrNumber() || text.at(i) == u'_'))
        ++i;
    if (i >= text.size() || text.at(i) != u'=')
        return std::nullopt;
    JsonLogFormatter::Field field;
    field.key = text.mid(from, i - from);
    ++i;
    if (i < text.size() && text.at(i) == u'"') {
        ++i;
        bool closed = false;
        while (i < text.size()) {
            const QChar c = text.at(i++);
            if (c == u'"') {
                closed = true;
                break;
            }
            if (c != u'\\') {
                field.value += c;
                continue;
            }
            if (i >= text.size())
                return std::nullopt;
            const QChar escaped = text.at(i++);
            switch (escaped.unicode()) {
            case u'n':
                field.value += u'\n';
                break;
            case u'r':
                field.value += u'\r';
                break;
            case u't':
                field.value += u'\t';
                break;
            case u'u': {
                bool ok = false;
                const ushort code = text.mid(i, 4).toUShort(&ok, 16);
                if (!ok || i + 4 > text.size())
                    return std::nullopt;
                field.value += QChar(code);
                i += 4;
                break;
            }
            default:
                field.value += escaped;
            }
        }
        if (!closed)
            return std::nullopt;
    } else {
        const qsizetype start = i;
        while (i < text.size() && text.at(i) != u' ' && text.at(i) != u'"')
            ++i;
        field.value = text.mid(start, i - start);
        field.isNumber = LogLine::isNumber(field.value);
    }
    if (i < text.size() && text.at(i) != u' ')
        return std::nullopt;
    return std::pair{i, field};
}

/// The fields from `from` to the end, each followed by one blank; nullopt if anything else is there.
std::optional<QList<JsonLogFormatter::Field>> readLogFieldsToEnd(const QString &text, qsizetype from)
{
    QList<JsonLogFormatter::Field> fields;
    qsizetype i = from;
    while (i < text.size()) {
        const auto field = readLogField(text, i);
        if (!field)
            return std::nullopt;
        fields.append(field->second);
        i = field->first;
        if (i < text.size())
            ++i; // the blank; a trailing blank ends the loop and is accepted
    }
    return fields;
}

} // namespace

QByteArray JsonLogFormatter::format(qint64 timestampMs, QtMsgType type, const QString &category,
                                    const QString &message)
{
    const Parsed parsed = parse(message);
    const QString ts = QDateTime::fromMSecsSinceEpoch(timestampMs, Qt::UTC).toString(Qt::ISODateWithMs);
    QByteArray out;
    out.reserve(message.size() + 128);
    out += "{\"ts\":" + jsonString(ts);
    out += ",\"level\":" + jsonString(levelName(type));
    out += ",\"category\":" + jsonString(category.isEmpty() ? u"default"_s : category);
    out += ",\"msg\":" + jsonString(parsed.message);
    for (const Field &field : parsed.fields) {
        // A field must not shadow the four fixed members; readers would keep either.
        const bool reserved = field.key == u"ts" || field.key == u"level" || field.key == u"category"
                              || field.key == u"msg";
        out += ',' + jsonString(reserved ? u'_' + field.key : field.key) + ':';
        out += field.isNumber ? field.value.toLatin1() : jsonString(field.value);
    }
    out += '}';
    return out;
}

QString JsonLogFormatter::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return u"debug"_s;
    case QtInfoMsg:
        return u"info"_s;
    case QtWarningMsg:
        return u"warning"_s;
    case QtCriticalMsg:
        return u"critical"_s;
    case QtFatalMsg:
        return u"fatal"_s;
    }
    return u"info"_s;
}

JsonLogFormatter::Parsed JsonLogFormatter::parse(const QString &message)
{
    // The first word boundary from which everything up to the end reads as fields wins.
    for (qsizetype start = 0; start < message.size(); ++start) {
        if (start > 0 && message.at(start - 1) != u' ')
            continue;
        if (auto fields = readLogFieldsToEnd(message, start)) {
            QString words = message.left(start);
            if (words.endsWith(u' '))
                words.chop(1);
            return Parsed{words, *fields};
        }
    }
    return Parsed{message, {}};
}

QByteArray JsonLogFormatter::jsonString(const QString &text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char ch : utf8) {
        const auto byte = static_cast<unsigned char>(ch);
        switch (byte) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (byte < 0x20)
                out += "\\u00" + QByteArray::number(byte, 16).rightJustified(2, '0');
            else
                out += ch; // UTF-8 bytes of non-ASCII text pass through: JSON is UTF-8
        }
    }
    out += '"';
    return out;
}

} // namespace recordlock
