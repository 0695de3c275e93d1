#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>

#include "protocol/lockinfo.h"

namespace recordlock {

/// The result of an `override` request: what happened and the lock this window now holds.
struct TakeOverResult
{
    /// The wire outcomes.
    static constexpr QLatin1StringView Overridden{"overridden"};
    static constexpr QLatin1StringView Granted{"granted"};
    static constexpr QLatin1StringView Renewed{"renewed"};

    /// "overridden" (taken from someone), "granted" (it was free) or "renewed" (already ours).
    QString outcome;
    /// The lock with this window's new fencing token.
    LockInfo lock;

    /// Parses {"outcome":...,"lock":{...}}; nullopt when the lock is missing or malformed.
    static std::optional<TakeOverResult> fromJson(const QJsonObject &result);
};

} // namespace recordlock
