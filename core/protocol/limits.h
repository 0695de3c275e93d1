#pragma once

#include <QtGlobal>

namespace recordlock::limits {

/// Largest WebSocket message (and frame) either side accepts, in bytes.
inline constexpr qint64 MaxMessageBytes = 64 * 1024;
/// Longest request id string.
inline constexpr qsizetype MaxIdLength = 64;
/// Longest op name.
inline constexpr qsizetype MaxOpLength = 64;
/// Longest record id.
inline constexpr qsizetype MaxRecordIdLength = 128;
/// Shortest and longest client-chosen session id.
inline constexpr qsizetype MinSessionIdLength = 8;
inline constexpr qsizetype MaxSessionIdLength = 128;
/// Longest field value accepted by save_record.
inline constexpr qsizetype MaxFieldValueLength = 16 * 1024;
/// Largest integer JSON carries exactly (2^53).
inline constexpr qint64 MaxSafeInteger = 9007199254740992LL;

} // namespace recordlock::limits
