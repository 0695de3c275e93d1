#include "server/lockhandler.h"

#include <QJsonObject>

#include "protocol/argreader.h"
#include "protocol/jsonwriter.h"
#include "protocol/limits.h"
#include "protocol/names.h"
#include "server/clientconnection.h"
#include "server/lockmanager.h"
#include "server/lockview.h"
#include "server/recordstore.h"
#include "server/replyerrors.h"
#include "server/requestdispatcher.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

QJsonObject lockJson(const LockRow &row, const ClientConnection &connection)
{
    return LockView::forRecipient(row, connection.sessionId(), connection.user().id).toJson();
}

/// The result {"lock": ..., "outcome": ...} of a lock op as JSON text (outcome left out when
/// empty), written directly: these are the replies sent most often (renewals above all).
QByteArray lockResultJson(const LockRow &row, const ClientConnection &connection, const QString &outcome = {})
{
    JsonWriter out;
    out.beginObject();
    out.key("lock"_L1);
    LockView::forRecipient(row, connection.sessionId(), connection.user().id).writeJson(out);
    if (!outcome.isEmpty()) {
        out.key("outcome"_L1);
        out.string(outcome);
    }
    out.endObject();
    return out.take();
}

/// Reads recordId (and a token if wanted); replies with the error and returns false on failure.
bool readArgs(ClientConnection &connection, const Request &request, QString *recordId, qint64 *token = nullptr,
              bool *switchSession = nullptr)
{
    ArgReader args(request.args);
    *recordId = args.recordId();
    if (token)
        *token = args.integer(u"token", 1, limits::MaxSafeInteger);
    if (switchSession)
        *switchSession = args.optionalBool(u"switchSession", false);
    if (!args.ok()) {
        connection.sendError(request.id, args.error());
        return false;
    }
    return true;
}

QString outcomeName(LockResult::Status status)
{
    switch (status) {
    case LockResult::Status::Renewed:
        return u"renewed"_s;
    case LockResult::Status::Switched:
        return u"switched"_s;
    default:
        return u"granted"_s;
    }
}

} // namespace

LockHandler::LockHandler(LockManager &locks, RecordStore &records)
    : m_locks(locks)
    , m_records(records)
{
}

void LockHandler::install(RequestDispatcher &dispatcher)
{
    using Access = RequestDispatcher::Access;
    dispatcher.addOp(ops::Acquire, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { acquire(c, r); });
    // A renewal is sent a third of a TTL before it is needed: its commit may wait for company.
    dispatcher.addOp(ops::Renew, Access::Authenticated, [this](ClientConnection &c, const Request &r) { renew(c, r); },
                     CommitUrgency::Relaxed);
    dispatcher.addOp(ops::Release, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { release(c, r); });
    dispatcher.addOp(ops::GetLock, Access::Authenticated,
                     [this](ClientConnection &c, const Request &r) { getLock(c, r); });
}

void LockHandler::acquire(ClientConnection &connection, const Request &request)
{
    QString recordId;
    bool switchSession = false;
    if (!readArgs(connection, request, &recordId, nullptr, &switchSession))
        return;
    if (!m_records.exists(recordId))
        return connection.sendError(request.id, ReplyErrors::missingRecord(m_records, recordId));
    const LockResult result = m_locks.acquire(recordId, connection.holder(), switchSession);
    switch (result.status) {
    case LockResult::Status::Granted:
    case LockResult::Status::Renewed:
    case LockResult::Status::Switched:
        return connection.sendReplyJson(request.id,
                                        lockResultJson(result.lock, connection, outcomeName(result.status)));
    case LockResult::Status::Held: {
        const QJsonObject lock = lockJson(result.lock, connection);
        // Only the requester hears of the denial, and before its reply; seq is not advanced.
        connection.sendEvent(events::LockDenied, recordId, result.lock.seq, QJsonObject{{u"lock"_s, lock}});
        return connection.sendError(request.id, ProtocolError{ErrorCode::LockHeld,
                                                              u"%1 is being edited by %2"_s.arg(recordId,
                                                                                                result.lock.holderName),
                                                              QJsonObject{{u"lock"_s, lock}}});
    }
    default:
        return connection.sendError(request.id, ReplyErrors::unavailable());
    }
}

void LockHandler::renew(ClientConnection &connection, const Request &request)
{
    QString recordId;
    qint64 token = 0;
    if (!readArgs(connection, request, &recordId, &token))
        return;
    replyToHolderOp(connection, request, recordId, m_locks.renew(recordId, connection.sessionId(), token),
                    LockResult::Status::Renewed);
}

void LockHandler::release(ClientConnection &connection, const Request &request)
{
    QString recordId;
    qint64 token = 0;
    if (!readArgs(connection, request, &recordId, &token))
        return;
    replyToHolderOp(connection, request, recordId,
                    m_locks.release(recordId, connection.sessionId(), token, reasons::Released),
                    LockResult::Status::Released);
}

void LockHandler::replyToHolderOp(ClientConnection &connection, const Request &request, const QString &recordId,
                                  const LockResult &result, LockResult::Status success)
{
    if (result.status == success)
        return connection.sendReplyJson(request.id, lockResultJson(result.lock, connection));
    switch (result.status) {
    case LockResult::Status::NotHolder:
        return connection.sendError(request.id,
                                    ReplyErrors::withLock(ErrorCode::NotHolder,
                                                          u"this session does not hold the lock on %1"_s.arg(recordId),
                                                          result.lock, connection));
    case LockResult::Status::StaleToken:
        return connection.sendError(request.id, ReplyErrors::staleToken(recordId));
    default:
        return connection.sendError(request.id, ReplyErrors::unavailable());
    }
}

void LockHandler::getLock(ClientConnection &connection, const Request &request)
{
    QString recordId;
    if (!readArgs(connection, request, &recordId))
        return;
    if (!m_records.exists(recordId))
        return connection.sendError(request.id, ReplyErrors::missingRecord(m_records, recordId));
    connection.sendReplyJson(request.id, lockResultJson(m_locks.lock(recordId), connection));
}

} // namespace recordlock
