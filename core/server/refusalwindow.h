#pragma once

#include <QQueue>
#include <QtGlobal>

namespace recordlock {

/// The rate-limit refusals of one connection within a sliding time window; reaching the
/// threshold means the client ignores retryAfterMs and is closed (docs/protocol.md: 50 within
/// 10 s). Pure: every call is told the time.
class RefusalWindow
{
public:
    /// The protocol's threshold: this many refusals ...
    static constexpr int DefaultThreshold = 50;
    /// ... within this many milliseconds.
    static constexpr qint64 DefaultWindowMs = 10'000;

    /// threshold refusals within windowMs make record() report abuse.
    explicit RefusalWindow(int threshold = DefaultThreshold, qint64 windowMs = DefaultWindowMs);

    /// Notes one refusal at nowMs; true once threshold refusals fall within the window.
    bool record(qint64 nowMs);
    /// Refusals within the window ending at nowMs.
    int count(qint64 nowMs);

private:
    void expire(qint64 nowMs);

    int m_threshold;
    qint64 m_windowMs;
    /// Refusal times, oldest first; never longer than the threshold.
    QQueue<qint64> m_times;
};

} // namespace recordlock
