#pragma once

#include <optional>
#include <utility>

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>

#include "server/addressconnectioncounter.h"
#include "server/listenersettings.h"

class QSslSocket;

namespace recordlock {

class UpgradeDeadline;

/// The listening socket handed to QHttpServer::bind(): refuses a connection beyond the
/// per-address cap before reading anything from it, gives every accepted socket an upgrade
/// deadline, and with TLS hands a socket to QHttpServer only once its handshake is done.
///
/// Ownership: sockets are children of this server until QHttpServer takes them; QHttpServer
/// deletes them on disconnect, and a socket that became a WebSocket deletes itself then
/// (markUpgraded()). Nothing here deletes a socket otherwise: the per-address count and the deadline live in an
/// UpgradeDeadline child of the socket, so they end whenever and by whomever it is deleted.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    /// tls: the server side of TLS for a TLS-only port; nullopt for plain TCP.
    GuardedTcpServer(const ListenerSettings &settings, std::optional<QSslConfiguration> tls,
                     QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    /// The connection from address:port became a WebSocket; false if it is unknown.
    bool markUpgraded(const QHostAddress &address, quint16 port);
    /// Open connections from address, as counted against the cap.
    int connectionsFrom(const QHostAddress &address) const;

protected:
    void incomingConnection(qintptr handle) override;

private:
    using PeerKey = std::pair<QHostAddress, quint16>;

    void track(QTcpSocket *socket, const PeerKey &peer);
    void forget(const PeerKey &peer, const UpgradeDeadline *deadline);
    void startTls(QSslSocket *socket, const PeerKey &peer);
    void logRefusal(const PeerKey &peer);

    ListenerSettings m_settings;
    std::optional<QSslConfiguration> m_tls;
    AddressConnectionCounter m_counter;
    /// The deadline of every socket alive, by peer, so an accepted WebSocket can be matched to it.
    QHash<PeerKey, UpgradeDeadline *> m_deadlines;
    /// Refusals are logged at most once per interval, so a connection flood cannot flood the log.
    QElapsedTimer m_lastRefusalLog;
    int m_unloggedRefusals = 0;
};

} // namespace recordlock
