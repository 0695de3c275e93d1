#include "client/recordquery.h"

using namespace Qt::StringLiterals;

namespace recordlock {

QJsonObject RecordQuery::toArgs() const
{
    QJsonObject args;
    if (!type.isEmpty())
        args.insert(u"type"_s, type);
    if (!text.isEmpty())
        args.insert(u"query"_s, text);
    if (offset > 0)
        args.insert(u"offset"_s, offset);
    if (limit > 0)
        args.insert(u"limit"_s, limit);
    return args;
}

} // namespace recordlock
