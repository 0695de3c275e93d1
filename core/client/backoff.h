#pragma once

#include <functional>

#include <QtGlobal>

namespace recordlock {

/// Capped exponential backoff with jitter, for reconnect attempts; the random source is injectable.
class Backoff
{
public:
    /// How the random part is applied to the exponential delay d = min(cap, base * 2^attempt).
    enum class Jitter {
        Full,  ///< uniform in [0, d): spreads clients best, but may retry at once
        Equal, ///< uniform in [d/2, d): never retries sooner than half the delay
    };
    /// Returns a number in [0, 1).
    using RandomSource = std::function<double()>;

    /// Defaults: 500 ms base, 30 s cap, equal jitter, QRandomGenerator::global() as random source.
    explicit Backoff(qint64 baseMs = 500, qint64 capMs = 30'000, Jitter jitter = Jitter::Equal,
                     RandomSource random = {});

    /// The delay before the next attempt; counts the attempt.
    qint64 nextDelayMs();
    /// Starts over at the base delay, e.g. after a successful connection.
    void reset();
    /// How many delays were handed out since construction or the last reset().
    int attempt() const { return m_attempt; }

    /// The base delay in milliseconds.
    qint64 baseMs() const { return m_baseMs; }
    /// The largest delay in milliseconds.
    qint64 capMs() const { return m_capMs; }
    /// The jitter mode.
    Jitter jitter() const { return m_jitter; }

private:
    qint64 m_baseMs;
    qint64 m_capMs;
    Jitter m_jitter;
    RandomSource m_random;
    int m_attempt = 0;
};

} // namespace recordlock
