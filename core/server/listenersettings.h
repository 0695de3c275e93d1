#pragma once

#include <QString>

namespace recordlock {

/// What the listening socket enforces before a connection reaches the WebSocket layer
/// (docs/protocol.md, "Transport": TLS, upgrade deadline, per-address connection cap).
struct ListenerSettings
{
    /// PEM certificate (leaf first, then any intermediates); empty for plain ws:// and http://.
    QString tlsCertFile;
    /// PEM private key matching tlsCertFile (unencrypted).
    QString tlsKeyFile;
    /// Open connections allowed per client IP address; 0 = unlimited.
    int maxConnectionsPerAddress = 256;
    /// A connection must finish its WebSocket upgrade (TLS handshake included) within this long
    /// of connecting; plain HTTP connections are closed this long after they were opened.
    int upgradeTimeoutMs = 10'000;

    /// True when the listener serves TLS only.
    bool tlsEnabled() const { return !tlsCertFile.isEmpty() || !tlsKeyFile.isEmpty(); }
};

} // namespace recordlock
