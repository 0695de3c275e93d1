#include "client/recordservice.h"

#include <QJsonObject>

#include "client/clientlogging.h"
#include "client/connection.h"
#include "client/lockevents.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

ProtocolError malformed(QStringView what)
{
    return ProtocolError{ErrorCode::Internal, u"malformed %1 result"_s.arg(what), {}};
}

} // namespace

RecordService::RecordService(Connection *connection, LockEvents *events, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    connect(events, &LockEvents::recordUpdated, this, &RecordService::recordUpdated);
}

void RecordService::list(const RecordQuery &query, QObject *context, ListCallback callback)
{
    m_connection->request(ops::ListRecords, query.toArgs(), context,
                          [callback = std::move(callback)](const ServerMessage &reply) {
                              if (!reply.ok)
                                  return callback(reply.error);
                              if (auto list = RecordList::fromJson(reply.result))
                                  return callback(*list);
                              callback(malformed(u"list_records"));
                          });
}

void RecordService::get(const QString &recordId, QObject *context, GetCallback callback)
{
    m_connection->request(ops::GetRecord, QJsonObject{{u"recordId"_s, recordId}}, context,
                          [callback = std::move(callback)](const ServerMessage &reply) {
                              if (!reply.ok)
                                  return callback(reply.error);
                              if (auto snapshot = RecordSnapshot::fromJson(reply.result))
                                  return callback(*snapshot);
                              callback(malformed(u"get_record"));
                          });
}

void RecordService::save(const QString &recordId, qint64 token, qint64 version,
                         const QMap<QString, QString> &fields, QObject *context, SaveCallback callback)
{
    QJsonObject changed;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        changed.insert(it.key(), it.value());
    const QJsonObject args{
        {u"recordId"_s, recordId},
        {u"token"_s, token},
        {u"version"_s, version},
        {u"fields"_s, changed},
    };
    m_connection->request(ops::SaveRecord, args, context,
                          [recordId, callback = std::move(callback)](const ServerMessage &reply) {
                              if (!reply.ok) {
                                  qCInfo(lcClientRecords) << "save of" << recordId << "failed:"
                                                          << errorCodeName(reply.error.code);
                                  return callback(reply.error);
                              }
                              if (auto record = RecordData::fromJson(reply.result.value(u"record"_s).toObject()))
                                  return callback(*record);
                              callback(malformed(u"save_record"));
                          });
}

} // namespace recordlock
