#include "server/replyerrors.h"

#include <QJsonObject>

#include "server/clientconnection.h"
#include "server/lockview.h"
#include "server/recordstore.h"

using namespace Qt::StringLiterals;

namespace recordlock {

ProtocolError ReplyErrors::notFound(const QString &recordId)
{
    return ProtocolError{ErrorCode::NotFound, u"no record %1"_s.arg(recordId), {}};
}

ProtocolError ReplyErrors::missingRecord(const RecordStore &records, const QString &recordId)
{
    return records.isAvailable() ? notFound(recordId) : unavailable();
}

ProtocolError ReplyErrors::unavailable()
{
    return ProtocolError{ErrorCode::Unavailable, u"a backing store is unavailable; nothing was changed"_s, {}};
}

ProtocolError ReplyErrors::withLock(ErrorCode code, const QString &message, const LockRow &row,
                                    const ClientConnection &connection)
{
    const LockInfo info = LockView::forRecipient(row, connection.sessionId(), connection.user().id);
    return ProtocolError{code, message, QJsonObject{{u"lock"_s, info.toJson()}}};
}

ProtocolError ReplyErrors::staleToken(const QString &recordId)
{
    return ProtocolError{ErrorCode::StaleToken, u"the token is not the current token of the lock on %1"_s.arg(recordId),
                         {}};
}

ProtocolError ReplyErrors::invalidArgument(const QString &field, const QString &message)
{
    return ProtocolError{ErrorCode::InvalidArgument, message, QJsonObject{{u"field"_s, field}}};
}

} // namespace recordlock
