#pragma once

#include <QtGlobal>

namespace recordlock {

/// The transport limits every ClientConnection enforces (docs/protocol.md, "Transport").
struct ConnectionSettings
{
    /// A connection must log in within this long or is closed with 1008.
    int authTimeoutMs = 10'000;
    /// The server pings this often; a connection that has not answered one ping by the next is
    /// dropped, so a vanished peer's locks enter the orphan grace. 0 disables.
    int keepAliveIntervalMs = 30'000;
    /// Bytes the server will buffer for a peer that does not read; beyond this it drops the peer.
    qint64 maxOutboundBytes = 32LL * 1024 * 1024;
    /// Requests a signed-in session may send at once (its token bucket); 0 = unlimited.
    int rateBurst = 200;
    /// Requests per second the bucket regains; 0 = unlimited.
    int ratePerSecond = 100;
    /// Signed-in connections per user; a login/auth beyond is refused (connection_limit, 1008).
    /// 0 = unlimited.
    int maxConnectionsPerUser = 32;
};

} // namespace recordlock
