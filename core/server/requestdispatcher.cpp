#include "server/requestdispatcher.h"

#include <QJsonObject>

#include "protocol/codec.h"
#include "server/clientconnection.h"
#include "server/requestlimiter.h"
#include "server/serverlogging.h"
#include "server/servermetrics.h"

using namespace Qt::StringLiterals;

namespace recordlock {

void RequestDispatcher::addOp(QLatin1StringView op, Access access, Handler handler, CommitUrgency urgency)
{
    m_routes.insert(QString(op), Route{std::move(handler), access, urgency, op});
}

CommitUrgency RequestDispatcher::dispatch(ClientConnection &connection, const QByteArray &message) const
{
    auto decoded = Codec::decodeRequest(message);
    if (auto *failure = std::get_if<RequestDecodeFailure>(&decoded)) {
        connection.beginRequest(ServerMetrics::InvalidOpLabel, m_metrics);
        if (refusedByRateLimit(connection, failure->id))
            return CommitUrgency::Prompt;
        qCDebug(lcRequest) << connection.peer() << "undecodable request:" << failure->error.message;
        connection.sendError(failure->id, failure->error);
        return CommitUrgency::Prompt;
    }
    const Request &request = std::get<Request>(decoded);
    const auto route = m_routes.constFind(request.op);
    connection.beginRequest(route == m_routes.constEnd() ? ServerMetrics::UnknownOpLabel : route->name, m_metrics);
    if (refusedByRateLimit(connection, request.id))
        return CommitUrgency::Prompt;
    if (route == m_routes.constEnd()) {
        connection.sendError(request.id, ProtocolError{ErrorCode::UnknownOp, u"unknown op \"%1\""_s.arg(request.op),
                                                       QJsonObject{{u"op"_s, request.op}}});
        return CommitUrgency::Prompt;
    }
    if (route->access == Access::Authenticated && !connection.isAuthenticated()) {
        connection.sendError(request.id, ProtocolError{ErrorCode::Unauthenticated,
                                                       u"log in (login or auth) before \"%1\""_s.arg(request.op),
                                                       QJsonObject{{u"reason"_s, u"missing"_s}}});
        return CommitUrgency::Prompt;
    }
    qCDebug(lcRequest) << connection.peer() << request.op;
    route->handler(connection, request);
    return route->urgency;
}

bool RequestDispatcher::refusedByRateLimit(ClientConnection &connection, const QJsonValue &id) const
{
    // Only signed-in users have a bucket; before that only login/auth/ping run, and the
    // auth deadline and the failed-login limits bound what an anonymous connection can do.
    if (!m_limiter || !connection.isAuthenticated())
        return false;
    const RequestLimiter::Verdict verdict = m_limiter->admit(connection.user().handle, connection.rateRefusals());
    if (verdict.admitted())
        return false;
    if (m_metrics)
        m_metrics->requestRateLimited();
    connection.sendError(id, ProtocolError{ErrorCode::RateLimited, u"too many requests; slow down"_s,
                                           QJsonObject{{u"retryAfterMs"_s, verdict.retryAfterMs}}});
    if (verdict.closeConnection) {
        qCWarning(lcRequest) << connection.peer() << "ignores rate_limited; closing the connection";
        connection.closeWith(QWebSocketProtocol::CloseCodePolicyViolated, u"too many requests"_s);
    }
    return true;
}

} // namespace recordlock
