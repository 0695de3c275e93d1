#include "client/takeoverresult.h"

using namespace Qt::StringLiterals;

namespace recordlock {

std::optional<TakeOverResult> TakeOverResult::fromJson(const QJsonObject &result)
{
    auto lock = LockInfo::fromJson(result.value(u"lock"_s).toObject());
    if (!lock)
        return std::nullopt;
    return TakeOverResult{result.value(u"outcome"_s).toString(), *lock};
}

} // namespace recordlock
