#include "protocol/jsonwriter.h"

#include <QStringEncoder>

namespace recordlock {

namespace {

/// \uxxxx with lowercase digits, as QJsonDocument writes it.
QByteArray hexEscape(char16_t unit)
{
    return "\\u" + QByteArray::number(unit, 16).rightJustified(4, '0');
}

/// Appends text as UTF-8 with Qt's encoder, straight into out.
void appendUtf8(QByteArray &out, QStringView text)
{
    if (text.isEmpty())
        return;
    QStringEncoder toUtf8(QStringEncoder::Utf8);
    const qsizetype at = out.size();
    out.resize(at + toUtf8.requiredSpace(text.size()));
    const char *end = toUtf8.appendToBuffer(out.data() + at, text);
    out.truncate(end - out.constData());
}

/// QJsonDocument's escaping: the short escapes, \u00xx for other controls, \udxxx for a surrogate
/// without its partner, and everything else as UTF-8 (Qt's encoder, run by run).
void appendEscaped(QByteArray &out, QStringView text)
{
    qsizetype plainFrom = 0;
    const auto escape = [&](qsizetype i, QByteArrayView replacement) {
        appendUtf8(out, text.sliced(plainFrom, i - plainFrom));
        out += replacement;
        plainFrom = i + 1;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t unit = text[i].unicode();
        switch (unit) {
        case u'"': escape(i, "\\\""); continue;
        case u'\\': escape(i, "\\\\"); continue;
        case u'\b': escape(i, "\\b"); continue;
        case u'\f': escape(i, "\\f"); continue;
        case u'\n': escape(i, "\\n"); continue;
        case u'\r': escape(i, "\\r"); continue;
        case u'\t': escape(i, "\\t"); continue;
        default: break;
        }
        if (QChar::isHighSurrogate(unit) && i + 1 < text.size() && QChar::isLowSurrogate(text[i + 1].unicode())) {
            ++i; // a pair: plain text
        } else if (unit < 0x20 || QChar::isSurrogate(unit)) {
            escape(i, hexEscape(unit));
        }
    }
    appendUtf8(out, text.sliced(plainFrom));
}

} // namespace

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_empty.empty()) {
        if (!m_empty.back())
            m_out += ',';
        m_empty.back() = false;
    }
}

void JsonWriter::beginObject()
{
    separate();
    m_out += '{';
    m_empty.push_back(true);
}

void JsonWriter::endObject()
{
    m_empty.pop_back();
    m_out += '}';
}

void JsonWriter::key(QLatin1StringView name)
{
    separate();
    m_out += '"';
    m_out += QByteArrayView(name.data(), name.size());
    m_out += "\":";
    m_afterKey = true;
}

void JsonWriter::string(QStringView text)
{
    separate();
    m_out += '"';
    appendEscaped(m_out, text);
    m_out += '"';
}

void JsonWriter::number(qint64 number)
{
    separate();
    m_out += QByteArray::number(number);
}

void JsonWriter::boolean(bool flag)
{
    separate();
    m_out += flag ? "true" : "false";
}

} // namespace recordlock
