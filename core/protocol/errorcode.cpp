#include "protocol/errorcode.h"

#include <array>
#include <utility>

#include <QLatin1StringView>

namespace recordlock {

namespace {

constexpr std::array<std::pair<ErrorCode, QLatin1StringView>, 20> kNames{{
    {ErrorCode::BadRequest, QLatin1StringView("bad_request")},
    {ErrorCode::InvalidRequest, QLatin1StringView("invalid_request")},
    {ErrorCode::UnknownOp, QLatin1StringView("unknown_op")},
    {ErrorCode::InvalidArgument, QLatin1StringView("invalid_argument")},
    {ErrorCode::Unauthenticated, QLatin1StringView("unauthenticated")},
    {ErrorCode::InvalidCredentials, QLatin1StringView("invalid_credentials")},
    {ErrorCode::Forbidden, QLatin1StringView("forbidden")},
    {ErrorCode::NotFound, QLatin1StringView("not_found")},
    {ErrorCode::LockHeld, QLatin1StringView("lock_held")},
    {ErrorCode::NotHolder, QLatin1StringView("not_holder")},
    {ErrorCode::StaleToken, QLatin1StringView("stale_token")},
    {ErrorCode::NoLock, QLatin1StringView("no_lock")},
    {ErrorCode::StaleVersion, QLatin1StringView("stale_version")},
    {ErrorCode::SessionConflict, QLatin1StringView("session_conflict")},
    {ErrorCode::RateLimited, QLatin1StringView("rate_limited")},
    {ErrorCode::ConnectionLimit, QLatin1StringView("connection_limit")},
    {ErrorCode::LockChanged, QLatin1StringView("lock_changed")},
    {ErrorCode::MessageTooLarge, QLatin1StringView("message_too_large")},
    {ErrorCode::Unavailable, QLatin1StringView("unavailable")},
    {ErrorCode::Internal, QLatin1StringView("internal")},
}};

} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto &[c, name] : kNames) {
        if (c == code)
            return QString(name);
    }
    return QStringLiteral("internal");
}

std::optional<ErrorCode> errorCodeFromName(QStringView name)
{
    for (const auto &[c, n] : kNames) {
        if (name == n)
            return c;
    }
    return std::nullopt;
}

} // namespace recordlock
