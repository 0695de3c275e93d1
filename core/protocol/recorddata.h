#pragma once

#include <optional>

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace recordlock {

/// A business record (customer or claim) as carried on the wire: string fields plus a version.
struct RecordData
{
    QString id;
    /// "customer" or "claim".
    QString type;
    qint64 version = 0;
    QMap<QString, QString> fields;
    qint64 updatedAt = 0;
    /// Display name of the last user who saved it.
    QString updatedBy;

    /// The record's title: its "title" field.
    QString title() const { return fields.value(QStringLiteral("title")); }
    /// The wire form; withFields=false gives the list summary (no fields).
    QJsonObject toJson(bool withFields = true) const;
    /// Parses the wire form; nullopt when id or type is missing.
    static std::optional<RecordData> fromJson(const QJsonObject &object);

    friend bool operator==(const RecordData &, const RecordData &) = default;
};

} // namespace recordlock
