#pragma once

#include <limits>
#include <optional>

#include <QJsonValue>

#include "protocol/limits.h"

namespace recordlock {

/// The JSON number as an integer if it is a whole number with |n| <= 2^53 (the protocol's
/// integers), else nullopt. Compared as an integer: 2^53 + 1 parses exactly but would round to
/// 2^53 as a double.
inline std::optional<qint64> safeInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    constexpr qint64 NotWhole = std::numeric_limits<qint64>::min();
    const qint64 n = value.toInteger(NotWhole);
    if (n == NotWhole || n < -limits::MaxSafeInteger || n > limits::MaxSafeInteger)
        return std::nullopt;
    return n;
}

} // namespace recordlock
