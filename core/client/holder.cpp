#include "client/holder.h"

using namespace Qt::StringLiterals;

namespace recordlock {

Holder Holder::fromJson(const QJsonObject &object)
{
    Holder holder;
    holder.handle = object.value(u"handle"_s).toString();
    holder.displayName = object.value(u"displayName"_s).toString();
    holder.sameUser = object.value(u"sameUser"_s).toBool();
    holder.sameSession = object.value(u"sameSession"_s).toBool();
    return holder;
}

} // namespace recordlock
