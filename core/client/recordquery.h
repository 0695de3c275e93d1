#pragma once

#include <QJsonObject>
#include <QString>

namespace recordlock {

/// The arguments of list_records; empty members take the server's defaults.
struct RecordQuery
{
    /// "customer", "claim" or empty for both.
    QString type;
    /// Case-insensitive substring of title or id; empty for all.
    QString text;
    qint64 offset = 0;
    /// 1..10000; 0 means the server's default (1000).
    qint64 limit = 0;

    /// The request arguments.
    QJsonObject toArgs() const;
};

} // namespace recordlock
