#pragma once

#include <optional>

#include <QJsonObject>
#include <QLatin1StringView>
#include <QString>

namespace recordlock {

/// One entry of a record's lock history (get_history): what happened to the lock, when and by whom.
struct HistoryEntry
{
    /// The wire actions.
    static constexpr QLatin1StringView Acquired{"acquired"};
    static constexpr QLatin1StringView Released{"released"};
    static constexpr QLatin1StringView Logout{"logout"};
    static constexpr QLatin1StringView Switched{"switched"};
    static constexpr QLatin1StringView Expired{"expired"};
    static constexpr QLatin1StringView Disconnected{"disconnected"};
    static constexpr QLatin1StringView Overridden{"overridden"};
    static constexpr QLatin1StringView Saved{"saved"};

    /// Increasing entry number, the paging cursor.
    qint64 id = 0;
    /// Server time of the change.
    qint64 at = 0;
    /// One of the actions above (others are kept as sent).
    QString action;
    /// Display name of who did it; empty when the server did (expiry, orphan grace).
    QString actor;
    /// Display name of the holder affected (displaced, expired, released); empty if none.
    QString subject;
    /// The override reason; empty otherwise.
    QString reason;
    /// The fencing token involved.
    qint64 token = 0;

    /// Parses one entry; nullopt when id or action is missing.
    static std::optional<HistoryEntry> fromJson(const QJsonObject &object);

    friend bool operator==(const HistoryEntry &, const HistoryEntry &) = default;
};

} // namespace recordlock
