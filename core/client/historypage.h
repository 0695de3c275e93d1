#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>

#include "client/historyentry.h"

namespace recordlock {

/// One page of get_history: entries newest first, and whether older ones exist.
struct HistoryPage
{
    QList<HistoryEntry> entries;
    /// Older entries exist (ask again with before = the last entry's id).
    bool more = false;

    /// Parses {"entries":[...],"more":bool}; nullopt when entries is missing. Malformed entries are skipped.
    static std::optional<HistoryPage> fromJson(const QJsonObject &result);
};

} // namespace recordlock
