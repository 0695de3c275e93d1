#include "protocolargs.h"

using namespace Qt::StringLiterals;

namespace recordlock::test {

QJsonObject recordArg(const QString &recordId)
{
    return {{u"recordId"_s, recordId}};
}

QJsonObject tokenArgs(const QString &recordId, qint64 token)
{
    return {{u"recordId"_s, recordId}, {u"token"_s, token}};
}

LockInfo lockOf(const QJsonObject &container)
{
    return LockInfo::fromJson(container.value(u"lock"_s).toObject()).value_or(LockInfo{});
}

} // namespace recordlock::test
