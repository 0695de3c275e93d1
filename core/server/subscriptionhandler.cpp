#include "server/subscriptionhandler.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonObject>

#include "protocol/argreader.h"
#include "protocol/limits.h"
#include "protocol/names.h"
#include "server/clientconnection.h"
#include "server/lockmanager.h"
#include "server/lockview.h"
#include "server/recordstore.h"
#include "server/replyerrors.h"
#include "server/requestdispatcher.h"
#include "server/sessionregistry.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

std::optional<QString> readRecordId(ClientConnection &connection, const Request &request)
{
    ArgReader args(request.args);
    const QString recordId = args.recordId();
    if (!args.ok()) {
        connection.sendError(request.id, args.error());
        return std::nullopt;
    }
    return recordId;
}

} // namespace

SubscriptionHandler::SubscriptionHandler(SessionRegistry &sessions, LockManager &locks, RecordStore &records)
    : m_sessions(sessions)
    , m_locks(locks)
    , m_records(records)
{
}

void SubscriptionHandler::install(RequestDispatcher &dispatcher)
{
    using Access = RequestDispatcher::Access;
    dispatcher.addOp(ops::Subscribe, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { subscribe(c, r); });
    dispatcher.addOp(ops::Unsubscribe, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { unsubscribe(c, r); });
    dispatcher.addOp(ops::SubscribeAll, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { subscribeAll(c, r); });
    dispatcher.addOp(ops::UnsubscribeAll, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { unsubscribeAll(c, r); });
}

void SubscriptionHandler::subscribe(ClientConnection &connection, const Request &request)
{
    const std::optional<QString> recordId = readRecordId(connection, request);
    if (!recordId)
        return;
    if (!m_records.exists(*recordId))
        return connection.sendError(request.id, ReplyErrors::missingRecord(m_records, *recordId));
    // Settle the lock before subscribing so no event older than the returned baseline can follow it.
    const LockRow row = m_locks.lock(*recordId);
    m_sessions.subscribe(&connection, *recordId);
    const LockInfo info = LockView::forRecipient(row, connection.sessionId(), connection.user().id);
    connection.sendReply(request.id, QJsonObject{{u"lock"_s, info.toJson()}});
}

void SubscriptionHandler::unsubscribe(ClientConnection &connection, const Request &request)
{
    const std::optional<QString> recordId = readRecordId(connection, request);
    if (!recordId)
        return;
    m_sessions.unsubscribe(&connection, *recordId);
    connection.sendReply(request.id, QJsonObject());
}

void SubscriptionHandler::subscribeAll(ClientConnection &connection, const Request &request)
{
    QList<LockRow> held = m_locks.heldLocks();
    m_sessions.setSubscribedAll(&connection, true);
    std::sort(held.begin(), held.end(), [](const LockRow &a, const LockRow &b) { return a.recordId < b.recordId; });
    QJsonArray locks;
    for (const LockRow &row : std::as_const(held))
        locks.append(LockView::forRecipient(row, connection.sessionId(), connection.user().id).toJson());
    connection.sendReply(request.id, QJsonObject{{u"locks"_s, locks}});
}

void SubscriptionHandler::unsubscribeAll(ClientConnection &connection, const Request &request)
{
    m_sessions.setSubscribedAll(&connection, false);
    connection.sendReply(request.id, QJsonObject());
}

} // namespace recordlock
