#include "server/argrules.h"

#include <algorithm>

#include <QJsonObject>

#include "protocol/limits.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

bool isAsciiAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

} // namespace

bool ArgRules::isValidRecordId(QStringView id)
{
    if (id.isEmpty() || id.size() > limits::MaxRecordIdLength)
        return false;
    return std::all_of(id.begin(), id.end(),
                       [](QChar c) { return isAsciiAlnum(c) || c == u'.' || c == u'_' || c == u'-'; });
}

bool ArgRules::isValidSessionId(QStringView id)
{
    if (id.size() < limits::MinSessionIdLength || id.size() > limits::MaxSessionIdLength)
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) { return isAsciiAlnum(c) || c == u'_' || c == u'-'; });
}

bool ArgRules::isValidFieldName(QStringView name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    const QChar first = name.front();
    if (!((first >= u'a' && first <= u'z') || (first >= u'A' && first <= u'Z')))
        return false;
    return std::all_of(name.begin(), name.end(), [](QChar c) { return isAsciiAlnum(c) || c == u'_'; });
}

ProtocolError ArgRules::invalidArgument(const QString &field, const QString &message)
{
    return ProtocolError{ErrorCode::InvalidArgument, message, QJsonObject{{u"field"_s, field}}};
}

std::optional<ProtocolError> ArgRules::checkRecordId(const QString &id)
{
    if (isValidRecordId(id))
        return std::nullopt;
    return invalidArgument(u"recordId"_s, u"\"recordId\" must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', '-'"_s);
}

} // namespace recordlock
