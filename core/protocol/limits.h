#pragma once

#include <QtGlobal>

/// The size limits of docs/protocol.md, shared by server and client.
namespace recordlock::limits {

/// Largest WebSocket message (and frame) the server accepts, in bytes.
inline constexpr qint64 MaxMessageBytes = 64 * 1024;
/// Largest server message a client should accept, in bytes (list pages can be large).
inline constexpr qint64 ClientMaxMessageBytes = 16 * 1024 * 1024;
/// Longest request id string.
inline constexpr qsizetype MaxIdLength = 64;
/// Longest op name.
inline constexpr qsizetype MaxOpLength = 64;
/// Longest record id.
inline constexpr qsizetype MaxRecordIdLength = 128;
/// Shortest client-chosen session id.
inline constexpr qsizetype MinSessionIdLength = 8;
/// Longest client-chosen session id.
inline constexpr qsizetype MaxSessionIdLength = 128;
/// Longest record field name.
inline constexpr qsizetype MaxFieldNameLength = 64;
/// Longest field value accepted by save_record.
inline constexpr qsizetype MaxFieldValueLength = 16 * 1024;
/// Longest user name accepted by login.
inline constexpr qsizetype MaxUserNameLength = 128;
/// Longest password accepted by login.
inline constexpr qsizetype MaxPasswordLength = 1024;
/// Longest session token accepted by auth.
inline constexpr qsizetype MaxTokenLength = 4096;
/// Longest list_records query text.
inline constexpr qsizetype MaxQueryLength = 200;
/// Largest list_records page.
inline constexpr qint64 MaxListLimit = 10'000;
/// The list_records page size when the request names none.
inline constexpr qint64 DefaultListLimit = 1'000;
/// Shortest override reason, counted after trimming white space.
inline constexpr qsizetype MinOverrideReasonLength = 3;
/// Longest override reason, counted after trimming white space.
inline constexpr qsizetype MaxOverrideReasonLength = 500;
/// Longest expectHolder handle override accepts (real handles are much shorter).
inline constexpr qsizetype MaxHandleLength = 128;
/// Largest get_history page.
inline constexpr qint64 MaxHistoryLimit = 500;
/// The get_history page size when the request names none.
inline constexpr qint64 DefaultHistoryLimit = 100;
/// Largest integer JSON carries exactly (2^53).
inline constexpr qint64 MaxSafeInteger = 9007199254740992LL;

} // namespace recordlock::limits
