#include "server/lockserver.h"

#include <memory>

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QWebSocket>

#include "common/clock.h"
#include "server/clienthub.h"
#include "server/guardedtcpserver.h"
#include "server/restapi.h"
#include "server/serverlogging.h"
#include "server/servermetrics.h"
#include "server/tlsidentity.h"

using namespace Qt::StringLiterals;

namespace recordlock {

LockServer::LockServer(ClientHub &hub, const Clock &clock, const QString &storeName,
                       const ListenerSettings &settings, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_clock(clock)
    , m_storeName(storeName)
    , m_settings(settings)
{
    m_http.route(u"/healthz"_s, QHttpServerRequest::Method::Get, [this] {
        bool allOk = true;
        QJsonObject dependencies;
        for (const Dependency &dependency : m_health ? m_health() : QList<Dependency>()) {
            QJsonObject state{{u"status"_s, dependency.ok ? u"ok"_s : u"unavailable"_s}};
            if (!dependency.ok)
                state.insert(u"problem"_s, dependency.problem);
            dependencies.insert(dependency.name, state);
            allOk = allOk && dependency.ok;
        }
        const QJsonObject body{
            {u"status"_s, allOk ? u"ok"_s : u"unavailable"_s},
            {u"version"_s, QStringLiteral(RECORDLOCK_VERSION)},
            {u"store"_s, m_storeName},
            {u"dependencies"_s, dependencies},
            {u"serverTime"_s, m_clock.nowMs()},
        };
        return QHttpServerResponse(body, allOk ? QHttpServerResponder::StatusCode::Ok
                                               : QHttpServerResponder::StatusCode::ServiceUnavailable);
    });
    // Counts only, no names or tokens: like /healthz it needs no sign-in (docs/operations.md).
    m_http.route(u"/metrics"_s, QHttpServerRequest::Method::Get, [this] {
        if (!m_metrics)
            return QHttpServerResponse(QHttpServerResponder::StatusCode::NotFound);
        return QHttpServerResponse("text/plain; version=0.0.4", m_metrics->text());
    });
    // Qt 6.4 accepts an upgrade only if a route matches it and writes nothing (QT-NOTES.md).
    m_http.route(u"/ws"_s, [](const QHttpServerRequest &, QHttpServerResponder &&) {});
    connect(&m_http, &QHttpServer::newWebSocketConnection, this, &LockServer::acceptPending);
}

LockServer::~LockServer() = default;

void LockServer::addRestApi(RestApi &api)
{
    api.install(m_http);
}

bool LockServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    std::optional<QSslConfiguration> tls;
    if (m_settings.tlsEnabled()) {
        tls = TlsIdentity::load(m_settings.tlsCertFile, m_settings.tlsKeyFile, error);
        if (!tls)
            return false;
    }
    // Our own listening socket rather than QHttpServer::listen()/sslSetup(): those accept
    // everything and would run TLS and HTTP before any cap or deadline could apply.
    auto listener = std::make_unique<GuardedTcpServer>(m_settings, std::move(tls));
    if (!listener->listen(address, port)) {
        *error = u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(listener->errorString());
        return false;
    }
    m_port = listener->serverPort();
    m_listener = listener.release();
    m_http.bind(m_listener); // reparents it to m_http
    const QString cap = m_settings.maxConnectionsPerAddress > 0 ? QString::number(m_settings.maxConnectionsPerAddress)
                                                                : u"unlimited"_s;
    qCInfo(lcHttp).noquote() << u"serving %1 on port %2 (connections per address: %3, upgrade deadline %4 ms)"_s
                                    .arg(m_settings.tlsEnabled() ? u"wss/https"_s : u"ws/http"_s)
                                    .arg(m_port)
                                    .arg(cap)
                                    .arg(m_settings.upgradeTimeoutMs);
    return true;
}

void LockServer::acceptPending()
{
    while (m_http.hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_http.nextPendingWebSocketConnection();
        if (!socket)
            break;
        // The deadline is per TCP connection; the WebSocket says which one by its peer.
        if (m_listener && !m_listener->markUpgraded(socket->peerAddress(), socket->peerPort()))
            qCWarning(lcHttp) << "accepted a WebSocket from an unknown connection" << socket->peerAddress()
                              << socket->peerPort();
        m_hub.accept(std::move(socket));
    }
}

} // namespace recordlock
