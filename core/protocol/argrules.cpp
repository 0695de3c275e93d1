#include "protocol/argrules.h"

#include <algorithm>

#include "protocol/limits.h"

namespace recordlock {

namespace {

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAsciiAlnum(QChar c)
{
    return isAsciiLetter(c) || (c >= u'0' && c <= u'9');
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
    if (name.isEmpty() || name.size() > limits::MaxFieldNameLength || !isAsciiLetter(name.front()))
        return false;
    return std::all_of(name.begin(), name.end(), [](QChar c) { return isAsciiAlnum(c) || c == u'_'; });
}

} // namespace recordlock
