#pragma once

#include <QString>

#include "server/tokenbucketmap.h"

namespace recordlock {

class Clock;
class RefusalWindow;

/// The request rate limit of docs/protocol.md ("Request rate"): one token bucket per USER, shared
/// by all their windows and connections, so neither a reconnect nor a fresh session id refills
/// it, and the per-connection count of refusals that closes a client ignoring retryAfterMs.
class RequestLimiter
{
public:
    /// What admit() decided about one request.
    struct Verdict
    {
        /// 0: run the request; otherwise refuse it with rate_limited and this retryAfterMs.
        qint64 retryAfterMs = 0;
        /// The connection has had too many refusals: close it with 1008 after the reply.
        bool closeConnection = false;
        /// True when the request may run.
        bool admitted() const { return retryAfterMs == 0; }
    };

    /// burst requests at once, refilled at perSecond; either 0 turns the limit off.
    RequestLimiter(const Clock &clock, int burst, int perSecond);

    /// Takes a token from the bucket of userKey (the user's handle); a refusal is also recorded in
    /// refusals, the window of the connection the request came on.
    Verdict admit(const QString &userKey, RefusalWindow &refusals);
    /// False when the limit is off (burst or rate 0).
    bool isEnabled() const { return m_enabled; }
    /// Users with a bucket in memory.
    qsizetype trackedUsers() const { return m_buckets.size(); }

private:
    const Clock &m_clock;
    bool m_enabled;
    TokenBucketMap m_buckets;
};

} // namespace recordlock
