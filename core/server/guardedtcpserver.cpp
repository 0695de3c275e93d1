#include "server/guardedtcpserver.h"

#include <memory>

#include <QSslSocket>
#include <QTcpSocket>

#include "server/serverlogging.h"
#include "server/upgradedeadline.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

constexpr qint64 RefusalLogIntervalMs = 10'000;

QString describePeer(const QHostAddress &address, quint16 port)
{
    return address.toString() + u':' + QString::number(port);
}

} // namespace

GuardedTcpServer::GuardedTcpServer(const ListenerSettings &settings, std::optional<QSslConfiguration> tls,
                                   QObject *parent)
    : QTcpServer(parent)
    , m_settings(settings)
    , m_tls(std::move(tls))
    , m_counter(settings.maxConnectionsPerAddress)
{
}

// Sockets still parented here are deleted by ~QObject, after this object's connections are gone,
// so their deadlines no longer call forget() on a half-destroyed server.
GuardedTcpServer::~GuardedTcpServer() = default;

bool GuardedTcpServer::markUpgraded(const QHostAddress &address, quint16 port)
{
    UpgradeDeadline *deadline = m_deadlines.value(PeerKey(address, port));
    if (!deadline)
        return false;
    deadline->markUpgraded();
    // QWebSocketServer, inside QHttpServer, stays connected to disconnected() of every socket it
    // upgraded, to delete it, and finds the socket by walking all its senders: that costs
    // O(open connections) per disconnect, quadratic when many leave at once. Nothing else of
    // Qt's listens to that signal after the upgrade; the socket deletes itself instead.
    QAbstractSocket *socket = deadline->socket();
    disconnect(socket, &QAbstractSocket::disconnected, nullptr, nullptr);
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    return true;
}

int GuardedTcpServer::connectionsFrom(const QHostAddress &address) const
{
    return m_counter.count(address);
}

void GuardedTcpServer::incomingConnection(qintptr handle)
{
    // Until it is admitted, this function owns the socket; a refused one is closed here, before
    // a single byte of it (TLS or HTTP) is read.
    std::unique_ptr<QTcpSocket> socket;
    if (m_tls)
        socket = std::make_unique<QSslSocket>();
    else
        socket = std::make_unique<QTcpSocket>();
    if (!socket->setSocketDescriptor(handle)) {
        qCWarning(lcHttp) << "cannot take over an accepted connection:" << socket->errorString();
        return;
    }
    const PeerKey peer(socket->peerAddress(), socket->peerPort());
    if (!m_counter.tryAdd(peer.first)) {
        logRefusal(peer);
        socket->abort();
        return;
    }
    QTcpSocket *admitted = socket.release();
    admitted->setParent(this);
    track(admitted, peer);
    if (m_tls)
        startTls(static_cast<QSslSocket *>(admitted), peer);
    else
        addPendingConnection(admitted); // QHttpServer takes it from here at once
}

void GuardedTcpServer::logRefusal(const PeerKey &peer)
{
    if (m_lastRefusalLog.isValid() && m_lastRefusalLog.elapsed() < RefusalLogIntervalMs) {
        ++m_unloggedRefusals;
        return;
    }
    QString message = u"refusing %1: already %2 connections from that address"_s.arg(
                          describePeer(peer.first, peer.second))
                          .arg(m_counter.limit());
    if (m_unloggedRefusals > 0)
        message += u" (%1 more refused since the last message)"_s.arg(m_unloggedRefusals);
    qCInfo(lcHttp).noquote() << message;
    m_lastRefusalLog.start();
    m_unloggedRefusals = 0;
}

void GuardedTcpServer::track(QTcpSocket *socket, const PeerKey &peer)
{
    auto *deadline = new UpgradeDeadline(socket, m_settings.upgradeTimeoutMs);
    m_deadlines.insert(peer, deadline);
    // The deadline is a child of the socket: its destruction is the socket's, however that happens.
    connect(deadline, &QObject::destroyed, this, [this, peer, deadline] { forget(peer, deadline); });
}

void GuardedTcpServer::forget(const PeerKey &peer, const UpgradeDeadline *deadline)
{
    qCDebug(lcHttp).noquote() << u"connection %1 gone"_s.arg(describePeer(peer.first, peer.second));
    m_counter.remove(peer.first);
    // A newer socket from the same address and port may already have replaced the entry.
    const auto it = m_deadlines.constFind(peer);
    if (it != m_deadlines.cend() && it.value() == deadline)
        m_deadlines.erase(it);
}

void GuardedTcpServer::startTls(QSslSocket *socket, const PeerKey &peer)
{
    socket->setSslConfiguration(*m_tls);
    // Until QHttpServer has it, nobody else deletes a socket whose handshake fails or stalls.
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QAbstractSocket::errorOccurred, this, [socket, peer](QAbstractSocket::SocketError) {
        qCInfo(lcHttp).noquote() << u"TLS handshake with %1 failed: %2"_s.arg(describePeer(peer.first, peer.second),
                                                                              socket->errorString());
    });
    connect(socket, &QSslSocket::encrypted, this, [this, socket] {
        disconnect(socket, nullptr, this, nullptr);
        disconnect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        // Emits pendingConnectionAvailable(), on which QHttpServer takes the socket.
        addPendingConnection(socket);
    });
    socket->startServerEncryption();
}

} // namespace recordlock
