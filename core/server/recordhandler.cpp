#include "server/recordhandler.h"

#include <QJsonArray>
#include <QJsonObject>

#include "protocol/argreader.h"
#include "protocol/limits.h"
#include "protocol/names.h"
#include "server/auditlog.h"
#include "server/clientconnection.h"
#include "server/eventfanout.h"
#include "server/lockmanager.h"
#include "server/lockview.h"
#include "server/recordstore.h"
#include "server/replyerrors.h"
#include "server/requestdispatcher.h"
#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

QJsonObject lockJson(const LockRow &row, const ClientConnection &connection)
{
    return LockView::forRecipient(row, connection.sessionId(), connection.user().id).toJson();
}

} // namespace

RecordHandler::RecordHandler(RecordStore &records, LockManager &locks, AuditLog &audit)
    : m_records(records)
    , m_locks(locks)
    , m_audit(audit)
{
}

void RecordHandler::install(RequestDispatcher &dispatcher)
{
    using Access = RequestDispatcher::Access;
    dispatcher.addOp(ops::ListRecords, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { listRecords(c, r); });
    dispatcher.addOp(ops::GetRecord, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { getRecord(c, r); });
    dispatcher.addOp(ops::SaveRecord, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { saveRecord(c, r); });
}

void RecordHandler::listRecords(ClientConnection &connection, const Request &request)
{
    ArgReader args(request.args);
    RecordFilter filter;
    const std::optional<QString> type = args.optionalString(u"type", 16);
    filter.query = args.optionalString(u"query", limits::MaxQueryLength).value_or(QString());
    filter.offset = args.optionalInteger(u"offset", 0, limits::MaxSafeInteger, 0);
    filter.limit = args.optionalInteger(u"limit", 1, limits::MaxListLimit, limits::DefaultListLimit);
    if (!args.ok())
        return connection.sendError(request.id, args.error());
    // Absent means both types; an empty string is a malformed value, not a request for both.
    if (type && *type != u"customer" && *type != u"claim") {
        return connection.sendError(request.id, ReplyErrors::invalidArgument(
                                                    u"type"_s, u"\"type\" must be \"customer\" or \"claim\""_s));
    }
    filter.type = type.value_or(QString());
    const RecordPage page = m_records.list(filter);
    if (!page.ok)
        return connection.sendError(request.id, ReplyErrors::unavailable());
    QStringList ids;
    ids.reserve(page.records.size());
    for (const RecordData &record : page.records)
        ids.append(record.id);
    const QList<LockRow> locks = m_locks.locks(ids);
    QJsonArray records;
    for (qsizetype i = 0; i < page.records.size(); ++i) {
        QJsonObject json = page.records.at(i).toJson(false);
        json.insert(u"lock"_s, lockJson(locks.at(i), connection));
        records.append(json);
    }
    connection.sendReply(request.id, QJsonObject{{u"records"_s, records}, {u"total"_s, page.total}});
}

void RecordHandler::getRecord(ClientConnection &connection, const Request &request)
{
    ArgReader args(request.args);
    const QString recordId = args.recordId();
    if (!args.ok())
        return connection.sendError(request.id, args.error());
    const std::optional<RecordData> record = m_records.get(recordId);
    if (!record)
        return connection.sendError(request.id, ReplyErrors::missingRecord(m_records, recordId));
    connection.sendReply(request.id, QJsonObject{{u"record"_s, record->toJson(true)},
                                                 {u"lock"_s, lockJson(m_locks.lock(recordId), connection)}});
}

void RecordHandler::saveRecord(ClientConnection &connection, const Request &request)
{
    ArgReader args(request.args);
    const QString recordId = args.recordId();
    const qint64 token = args.integer(u"token", 1, limits::MaxSafeInteger);
    const qint64 version = args.integer(u"version", 1, limits::MaxSafeInteger);
    const QMap<QString, QString> fields = args.fields();
    if (!args.ok())
        return connection.sendError(request.id, args.error());

    // The documented order: not_found, no_lock, stale_token, stale_version.
    if (!m_records.exists(recordId))
        return connection.sendError(request.id, ReplyErrors::missingRecord(m_records, recordId));
    // Read from the store, not a copy: over a shared store another instance may have moved the lock.
    const std::optional<LockRow> current = m_locks.currentLock(recordId);
    if (!current)
        return connection.sendError(request.id, ReplyErrors::unavailable());
    const LockRow &lock = *current;
    const qint64 now = m_locks.now();
    if (!lock.held || lock.sessionId != connection.sessionId() || now >= lock.expiresAt) {
        return connection.sendError(request.id, ReplyErrors::withLock(ErrorCode::NoLock,
                                                                      u"save needs the lock on %1"_s.arg(recordId),
                                                                      lock, connection));
    }
    if (lock.token != token)
        return connection.sendError(request.id, ReplyErrors::staleToken(recordId));

    const SaveOutcome outcome = m_records.save(recordId, version, token, fields, connection.user().displayName, now);
    switch (outcome.status) {
    case SaveOutcome::Status::Saved:
        break;
    case SaveOutcome::Status::NotFound:
        return connection.sendError(request.id, ReplyErrors::notFound(recordId));
    case SaveOutcome::Status::StaleToken:
        return connection.sendError(request.id, ReplyErrors::staleToken(recordId));
    case SaveOutcome::Status::StaleVersion:
        return connection.sendError(request.id,
                                    ProtocolError{ErrorCode::StaleVersion,
                                                  u"%1 is at version %2, not %3"_s.arg(recordId)
                                                      .arg(outcome.currentVersion)
                                                      .arg(version),
                                                  QJsonObject{{u"currentVersion"_s, outcome.currentVersion}}});
    case SaveOutcome::Status::Failed:
        return connection.sendError(request.id, ReplyErrors::unavailable());
    }

    AuditEntry entry;
    entry.recordId = recordId;
    entry.at = now;
    entry.action = u"saved"_s;
    entry.actorName = connection.user().displayName;
    entry.token = token;
    if (!m_audit.append(entry))
        qCWarning(lcRequest) << "could not append the audit entry of a save of" << recordId;

    if (!m_locks.recordUpdated(recordId, EventFanout::changedPart(outcome.record, fields.keys()), fields.keys()))
        qCWarning(lcRequest) << "saved" << recordId << "but could not advance its seq; record_updated not sent";
    connection.sendReply(request.id, QJsonObject{{u"record"_s, outcome.record.toJson(true)}});
}

} // namespace recordlock
