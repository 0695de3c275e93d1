#pragma once

#include "common/clock.h"

namespace recordlock {

/// The server's clock as seen from this client: local clock plus the offset learnt from serverTime.
///
/// The offset is taken from the most recent message only (no smoothing). That is what
/// docs/protocol.md prescribes ("expiresAt - serverTime plus the local time elapsed since the
/// message arrived"), it follows a jump of the local clock at the next message, and its error is
/// the one-way latency of that message, a few milliseconds on a LAN, which a countdown in seconds
/// does not show.
class ServerClock
{
public:
    /// local must outlive this object.
    explicit ServerClock(const Clock &local);

    /// Learns the offset from a message's serverTime, read now on the local clock; 0 is ignored.
    void observe(qint64 serverTimeMs);
    /// True once a message with a serverTime arrived.
    bool hasSample() const { return m_hasSample; }
    /// serverTime minus local time at arrival of the latest message; 0 before the first one.
    qint64 offsetMs() const { return m_offsetMs; }
    /// The server's clock now (the local clock until the first message arrived).
    qint64 serverNowMs() const;
    /// Milliseconds from now until the server-time instant; negative when it has passed.
    qint64 msUntil(qint64 serverTimeMs) const;

private:
    const Clock &m_local;
    qint64 m_offsetMs = 0;
    bool m_hasSample = false;
};

} // namespace recordlock
