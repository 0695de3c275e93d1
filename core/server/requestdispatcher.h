#pragma once

#include <functional>

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QString>

#include "protocol/request.h"
#include "server/commiturgency.h"

namespace recordlock {

class ClientConnection;
class RequestLimiter;
class ServerMetrics;

/// Decodes one request, applies the auth-first rule and routes it to the handler of its op.
class RequestDispatcher
{
public:
    /// Handles one decoded request and sends exactly one reply (now or, for login, later).
    using Handler = std::function<void(ClientConnection &connection, const Request &request)>;
    /// Whether an op may run before the connection authenticated.
    enum class Access { BeforeAuth, Authenticated };

    /// Registers the handler of an op; urgency says how soon its durable writes must commit.
    void addOp(QLatin1StringView op, Access access, Handler handler,
               CommitUrgency urgency = CommitUrgency::Prompt);
    /// Decodes message and runs its handler, or replies with the decoding/auth/rate-limit error;
    /// returns how soon what it wrote must commit (Prompt unless the op's handler ran and is Relaxed).
    CommitUrgency dispatch(ClientConnection &connection, const QByteArray &message) const;
    /// Applies limiter (not owned; nullptr: no limit) to every request of a signed-in connection.
    void setRequestLimiter(RequestLimiter *limiter) { m_limiter = limiter; }
    /// Times every request and counts its reply and rate-limit refusals in metrics (not owned).
    void setMetrics(ServerMetrics *metrics) { m_metrics = metrics; }

private:
    struct Route
    {
        Handler handler;
        Access access = Access::Authenticated;
        CommitUrgency urgency = CommitUrgency::Prompt;
        /// The op name with static storage: the metrics label of its requests.
        QLatin1StringView name;
    };

    bool refusedByRateLimit(ClientConnection &connection, const QJsonValue &id) const;

    QHash<QString, Route> m_routes;
    RequestLimiter *m_limiter = nullptr;
    ServerMetrics *m_metrics = nullptr;
};

} // namespace recordlock
