#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace recordlock {

/// Unsaved edits of one record, as kept on disk between sessions.
struct Draft
{
    QString recordId;
    /// The record version the edits were made against.
    qint64 baseVersion = 0;
    /// Edited fields: name → the user's value.
    QMap<QString, QString> edits;
    /// For each edited field, the server's value it was edited from (lets conflicts be found per field).
    QMap<QString, QString> baseValues;
    /// Local time the draft was written, ms since the epoch (for display only).
    qint64 savedAt = 0;

    /// The JSON form stored in a draft file.
    QJsonObject toJson() const;
    /// Parses the stored form; nullopt when recordId or edits are missing or malformed.
    static std::optional<Draft> fromJson(const QJsonObject &object);

    friend bool operator==(const Draft &, const Draft &) = default;
};

} // namespace recordlock
