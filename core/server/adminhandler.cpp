#include "server/adminhandler.h"

#include <optional>

#include <QJsonArray>
#include <QJsonObject>

#include "protocol/argreader.h"
#include "protocol/limits.h"
#include "protocol/names.h"
#include "server/auditlog.h"
#include "server/clientconnection.h"
#include "server/lockmanager.h"
#include "server/lockview.h"
#include "server/recordstore.h"
#include "server/replyerrors.h"
#include "server/requestdispatcher.h"
#include "server/serverlogging.h"
#include "server/userstore.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

QString outcomeName(LockResult::Status status)
{
    switch (status) {
    case LockResult::Status::Overridden:
        return u"overridden"_s;
    case LockResult::Status::Renewed:
        return u"renewed"_s;
    default:
        return u"granted"_s;
    }
}

QJsonObject entryJson(const AuditEntry &entry)
{
    return QJsonObject{
        {u"id"_s, entry.id},
        {u"at"_s, entry.at},
        {u"action"_s, entry.action},
        {u"actor"_s, entry.actorName},
        {u"subject"_s, entry.subjectName},
        {u"reason"_s, entry.reason},
        {u"token"_s, entry.token},
    };
}

} // namespace

AdminHandler::AdminHandler(UserStore &users, LockManager &locks, RecordStore &records, AuditLog &audit)
    : m_users(users)
    , m_locks(locks)
    , m_records(records)
    , m_audit(audit)
{
}

void AdminHandler::install(RequestDispatcher &dispatcher)
{
    using Access = RequestDispatcher::Access;
    dispatcher.addOp(ops::Override, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { overrideLock(c, r); });
    dispatcher.addOp(ops::GetHistory, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { getHistory(c, r); });
}

bool AdminHandler::checkAdmin(ClientConnection &connection, const Request &request)
{
    // The account's role now, not the one it had at login: a demoted admin loses the power at once.
    const std::optional<QString> role = m_users.roleOf(connection.user().id, connection.user().handle);
    if (role == u"admin"_s)
        return true;
    // The handle, not the internal id: logs are read by more people than the database is.
    qCWarning(lcRequest).noquote() << "refused" << request.op << "to" << connection.user().handle << "with role"
                                   << role.value_or(u"(none)"_s);
    connection.sendError(request.id, ProtocolError{ErrorCode::Forbidden,
                                                   u"\"%1\" needs the admin role"_s.arg(request.op), {}});
    return false;
}

void AdminHandler::overrideLock(ClientConnection &connection, const Request &request)
{
    if (!checkAdmin(connection, request))
        return;
    ArgReader args(request.args);
    const QString recordId = args.recordId();
    const QString reason =
        args.trimmedString(u"reason", limits::MinOverrideReasonLength, limits::MaxOverrideReasonLength);
    const std::optional<QString> expectHolder = args.optionalString(u"expectHolder", limits::MaxHandleLength);
    if (!args.ok())
        return connection.sendError(request.id, args.error());
    if (!m_records.exists(recordId))
        return connection.sendError(request.id, ReplyErrors::missingRecord(m_records, recordId));

    const LockResult result = m_locks.overrideLock(recordId, connection.holder(), reason, expectHolder);
    const QJsonObject lock = LockView::forRecipient(result.lock, connection.sessionId(), connection.user().id).toJson();
    switch (result.status) {
    case LockResult::Status::Overridden:
    case LockResult::Status::Granted:
    case LockResult::Status::Renewed:
        return connection.sendReply(request.id,
                                    QJsonObject{{u"outcome"_s, outcomeName(result.status)}, {u"lock"_s, lock}});
    case LockResult::Status::LockChanged:
        return connection.sendError(
            request.id, ProtocolError{ErrorCode::LockChanged,
                                      result.lock.held
                                          ? u"%1 is now held by %2; nothing was changed"_s.arg(recordId,
                                                                                               result.lock.holderName)
                                          : u"%1 is no longer locked; nothing was changed"_s.arg(recordId),
                                      QJsonObject{{u"lock"_s, lock}}});
    default:
        return connection.sendError(request.id, ReplyErrors::unavailable());
    }
}

void AdminHandler::getHistory(ClientConnection &connection, const Request &request)
{
    if (!checkAdmin(connection, request))
        return;
    ArgReader args(request.args);
    const QString recordId = args.recordId();
    const qint64 limit = args.optionalInteger(u"limit", 1, limits::MaxHistoryLimit, limits::DefaultHistoryLimit);
    // 0, refused on the wire, stands for "absent".
    const qint64 before = args.optionalInteger(u"before", 1, limits::MaxSafeInteger, 0);
    if (!args.ok())
        return connection.sendError(request.id, args.error());
    if (!m_records.exists(recordId))
        return connection.sendError(request.id, ReplyErrors::missingRecord(m_records, recordId));

    const std::optional<AuditPage> page =
        m_audit.history(recordId, int(limit), before > 0 ? std::optional<qint64>(before) : std::nullopt);
    if (!page)
        return connection.sendError(request.id, ReplyErrors::unavailable());
    QJsonArray entries;
    for (const AuditEntry &entry : page->entries)
        entries.append(entryJson(entry));
    connection.sendReply(request.id, QJsonObject{{u"entries"_s, entries}, {u"more"_s, page->more}});
}

} // namespace recordlock
