#pragma once

#include <QHash>
#include <QString>

#include "server/tokenbucket.h"

namespace recordlock {

/// Token buckets by key (a session id, a user name, an address), all with the same limits. Full
/// buckets are forgotten now and then, so keys seen once do not pile up. Pure: told the time.
class TokenBucketMap
{
public:
    /// Each bucket holds capacity tokens and regains refillTokens per refillPeriodMs (all > 0).
    TokenBucketMap(qint64 capacity, qint64 refillTokens, qint64 refillPeriodMs);

    /// The key's bucket, created full if it has none; valid until the next call of bucket().
    TokenBucket &bucket(const QString &key, qint64 nowMs);
    /// The key's bucket, or nullptr when it has none (which means full).
    const TokenBucket *find(const QString &key) const;
    /// Buckets in memory.
    qsizetype size() const { return m_buckets.size(); }

private:
    void pruneFullBuckets(qint64 nowMs);

    qint64 m_capacity;
    qint64 m_refillTokens;
    qint64 m_refillPeriodMs;
    QHash<QString, TokenBucket> m_buckets;
    /// The next prune runs when this many buckets exist: amortised O(1) per call.
    qsizetype m_pruneAt;
};

} // namespace recordlock
