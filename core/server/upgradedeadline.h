#pragma once

#include <QObject>
#include <QTimer>

class QAbstractSocket;

namespace recordlock {

/// Rides on one accepted socket as its child and closes that socket when it has not become a
/// WebSocket within the upgrade deadline (docs/protocol.md, "Upgrade deadline"): a silent or
/// half-sent request, a stalled TLS handshake, or a plain HTTP client that keeps its connection.
/// Being a child, it dies with the socket, whoever deletes the socket.
class UpgradeDeadline : public QObject
{
    Q_OBJECT

public:
    /// Starts the countdown; socket becomes the parent.
    UpgradeDeadline(QAbstractSocket *socket, int timeoutMs);

    /// The socket is a WebSocket now: the deadline no longer applies.
    void markUpgraded();
    /// True after markUpgraded().
    bool isUpgraded() const { return m_upgraded; }
    /// The socket it rides on.
    QAbstractSocket *socket() const { return m_socket; }

private:
    void expire();

    QAbstractSocket *m_socket;
    QTimer m_timer;
    bool m_upgraded = false;
};

} // namespace recordlock
