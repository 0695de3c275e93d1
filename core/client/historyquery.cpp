#include "client/historyquery.h"

#include <algorithm>

#include <QJsonObject>

#include "client/clientlogging.h"
#include "client/connection.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

namespace recordlock {

HistoryQuery::HistoryQuery(Connection *connection)
    : m_connection(connection)
{
}

void HistoryQuery::fetch(const QString &recordId, qint64 before, int limit, QObject *context, Callback callback) const
{
    QJsonObject args{{u"recordId"_s, recordId}, {u"limit"_s, std::clamp(limit, 1, MaxLimit)}};
    if (before > 0)
        args.insert(u"before"_s, before);
    m_connection->request(ops::GetHistory, args, context,
                          [recordId, callback = std::move(callback)](const ServerMessage &reply) {
                              if (!reply.ok) {
                                  qCInfo(lcClientRecords) << "get_history of" << recordId << "failed:"
                                                          << errorCodeName(reply.error.code);
                                  return callback(reply.error);
                              }
                              if (auto page = HistoryPage::fromJson(reply.result))
                                  return callback(*page);
                              callback(ProtocolError{ErrorCode::Internal, u"malformed get_history result"_s, {}});
                          });
}

} // namespace recordlock
