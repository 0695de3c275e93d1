#pragma once

#include <QLatin1StringView>

/// Wire names of operations and events; docs/protocol.md is their specification.
namespace recordlock::ops {
inline constexpr QLatin1StringView Login{"login"};
inline constexpr QLatin1StringView Auth{"auth"};
inline constexpr QLatin1StringView Logout{"logout"};
inline constexpr QLatin1StringView Ping{"ping"};
inline constexpr QLatin1StringView ListRecords{"list_records"};
inline constexpr QLatin1StringView GetRecord{"get_record"};
inline constexpr QLatin1StringView SaveRecord{"save_record"};
inline constexpr QLatin1StringView Subscribe{"subscribe"};
inline constexpr QLatin1StringView SubscribeAll{"subscribe_all"};
inline constexpr QLatin1StringView Unsubscribe{"unsubscribe"};
inline constexpr QLatin1StringView UnsubscribeAll{"unsubscribe_all"};
inline constexpr QLatin1StringView Acquire{"acquire"};
inline constexpr QLatin1StringView Renew{"renew"};
inline constexpr QLatin1StringView Release{"release"};
inline constexpr QLatin1StringView GetLock{"get_lock"};
inline constexpr QLatin1StringView Override{"override"};
inline constexpr QLatin1StringView GetHistory{"get_history"};
} // namespace recordlock::ops

namespace recordlock::events {
inline constexpr QLatin1StringView LockAcquired{"lock_acquired"};
inline constexpr QLatin1StringView LockRenewed{"lock_renewed"};
inline constexpr QLatin1StringView LockReleased{"lock_released"};
inline constexpr QLatin1StringView LockExpired{"lock_expired"};
inline constexpr QLatin1StringView LockOverride{"lock_override"};
inline constexpr QLatin1StringView LockDenied{"lock_denied"};
inline constexpr QLatin1StringView LockHolderPresence{"lock_holder_presence"};
inline constexpr QLatin1StringView RecordUpdated{"record_updated"};
} // namespace recordlock::events

/// Reasons carried by lock_released.
namespace recordlock::reasons {
inline constexpr QLatin1StringView Released{"released"};
inline constexpr QLatin1StringView Disconnected{"disconnected"};
inline constexpr QLatin1StringView Logout{"logout"};
inline constexpr QLatin1StringView Switched{"switched"};
} // namespace recordlock::reasons
