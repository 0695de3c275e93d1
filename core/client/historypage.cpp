#include "client/historypage.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace recordlock {

std::optional<HistoryPage> HistoryPage::fromJson(const QJsonObject &result)
{
    const QJsonValue entries = result.value(u"entries"_s);
    if (!entries.isArray())
        return std::nullopt;
    HistoryPage page;
    page.more = result.value(u"more"_s).toBool();
    const QJsonArray array = entries.toArray();
    page.entries.reserve(array.size());
    for (const QJsonValue &value : array) {
        if (auto entry = HistoryEntry::fromJson(value.toObject()))
            page.entries.append(*entry);
    }
    return page;
}

} // namespace recordlock
