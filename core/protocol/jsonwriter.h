#pragma once

#include <utility>
#include <vector>

#include <QByteArray>
#include <QLatin1StringView>
#include <QStringView>

namespace recordlock {

/// Writes compact JSON text byte for byte as QJsonDocument::toJson(Compact) would, without
/// building a QJsonObject first (hot replies). The caller writes keys in QJsonObject's order:
/// sorted by UTF-16 code units, which for ASCII keys is byte order.
class JsonWriter
{
public:
    /// Starts an object, as a value (after key()) or at the top.
    void beginObject();
    /// Ends the innermost object.
    void endObject();
    /// Writes a member name; the value follows.
    void key(QLatin1StringView name);
    /// A string value, escaped as QJsonDocument escapes it.
    void string(QStringView text);
    /// An integer value (|n| ≤ 2^53, as every protocol integer).
    void number(qint64 number);
    /// A boolean value.
    void boolean(bool flag);
    /// Hands over the text written so far; the writer is empty afterwards.
    QByteArray take() { return std::exchange(m_out, {}); }

private:
    void separate();

    QByteArray m_out;
    /// One entry per open object: true until its first member is written.
    std::vector<bool> m_empty;
    bool m_afterKey = false;
};

} // namespace recordlock
