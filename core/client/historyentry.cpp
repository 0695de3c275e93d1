#include "client/historyentry.h"

using namespace Qt::StringLiterals;

namespace recordlock {

std::optional<HistoryEntry> HistoryEntry::fromJson(const QJsonObject &object)
{
    const QJsonValue id = object.value(u"id"_s);
    const QString action = object.value(u"action"_s).toString();
    if (!id.isDouble() || action.isEmpty())
        return std::nullopt;
    HistoryEntry entry;
    entry.id = id.toInteger();
    entry.at = object.value(u"at"_s).toInteger();
    entry.action = action;
    entry.actor = object.value(u"actor"_s).toString();
    entry.subject = object.value(u"subject"_s).toString();
    entry.reason = object.value(u"reason"_s).toString();
    entry.token = object.value(u"token"_s).toInteger();
    return entry;
}

} // namespace recordlock
