#pragma once

#include <functional>
#include <variant>

#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include "client/recordlist.h"
#include "client/recordquery.h"
#include "client/recordsnapshot.h"
#include "protocol/protocolerror.h"
#include "protocol/recorddata.h"
#include "protocol/servermessage.h"

namespace recordlock {

class Connection;
class LockEvents;

/// Reads and saves records through a Connection, with typed results.
///
/// Each callback runs exactly once (unless its context is destroyed first) with either the value
/// or the ProtocolError; offline and timeouts arrive as ErrorCode::Unavailable.
class RecordService : public QObject
{
    Q_OBJECT

public:
    /// Receives a page of the record list or the error.
    using ListCallback = std::function<void(const std::variant<RecordList, ProtocolError> &)>;
    /// Receives the record with its lock or the error.
    using GetCallback = std::function<void(const std::variant<RecordSnapshot, ProtocolError> &)>;
    /// Receives the saved record (new version) or the error (no_lock, stale_token, stale_version, ...).
    using SaveCallback = std::function<void(const std::variant<RecordData, ProtocolError> &)>;

    /// connection and events must outlive the service.
    RecordService(Connection *connection, LockEvents *events, QObject *parent = nullptr);

    /// list_records.
    void list(const RecordQuery &query, QObject *context, ListCallback callback);
    /// get_record.
    void get(const QString &recordId, QObject *context, GetCallback callback);
    /// save_record: fields holds only the changed fields; token is the caller's fencing token.
    void save(const QString &recordId, qint64 token, qint64 version, const QMap<QString, QString> &fields,
              QObject *context, SaveCallback callback);

signals:
    /// A save succeeded somewhere (forwarded from LockEvents); changedOnly has only the changed fields.
    void recordUpdated(const recordlock::RecordData &changedOnly, const QStringList &changedFields, qint64 seq);

private:
    Connection *m_connection;
};

} // namespace recordlock
