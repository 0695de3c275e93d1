#include "server/tokenbucketmap.h"

#include <iterator>

namespace recordlock {

namespace {
constexpr qsizetype MinPruneAt = 1024;
} // namespace

TokenBucketMap::TokenBucketMap(qint64 capacity, qint64 refillTokens, qint64 refillPeriodMs)
    : m_capacity(capacity)
    , m_refillTokens(refillTokens)
    , m_refillPeriodMs(refillPeriodMs)
    , m_pruneAt(MinPruneAt)
{
}

TokenBucket &TokenBucketMap::bucket(const QString &key, qint64 nowMs)
{
    auto it = m_buckets.find(key);
    if (it != m_buckets.end())
        return *it;
    if (m_buckets.size() >= m_pruneAt)
        pruneFullBuckets(nowMs);
    return *m_buckets.insert(key, TokenBucket(m_capacity, m_refillTokens, m_refillPeriodMs, nowMs));
}

const TokenBucket *TokenBucketMap::find(const QString &key) const
{
    const auto it = m_buckets.constFind(key);
    return it == m_buckets.constEnd() ? nullptr : &*it;
}

void TokenBucketMap::pruneFullBuckets(qint64 nowMs)
{
    // A full bucket is indistinguishable from a new one: forgetting it loses nothing.
    for (auto it = m_buckets.begin(); it != m_buckets.end();)
        it = it->isFull(nowMs) ? m_buckets.erase(it) : std::next(it);
    m_pruneAt = qMax(MinPruneAt, 2 * m_buckets.size());
}

} // namespace recordlock
