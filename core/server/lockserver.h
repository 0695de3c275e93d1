#pragma once

#include <functional>

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <QString>

#include "server/listenersettings.h"

namespace recordlock {

class ClientHub;
class Clock;
class GuardedTcpServer;
class RestApi;
class ServerMetrics;

/// The HTTP front on one port: GET /healthz, GET /metrics, the /ws WebSocket upgrade and the REST API
/// (RestApi) under /api/v1, over plain TCP or TLS,
/// with the per-address cap and upgrade deadline of GuardedTcpServer. Kept small on purpose:
/// QHttpServer's API changes after Qt 6.4 (listen() and sslSetup() go), and only this class sees it.
class LockServer : public QObject
{
    Q_OBJECT

public:
    /// One backing service /healthz reports on.
    struct Dependency
    {
        QString name;
        bool ok = false;
        /// Why it is not ok (one line; never a password).
        QString problem;
    };

    /// hub receives every accepted WebSocket; storeName is reported by /healthz.
    LockServer(ClientHub &hub, const Clock &clock, const QString &storeName, const ListenerSettings &settings,
               QObject *parent = nullptr);
    ~LockServer() override;

    /// Loads the TLS identity if configured, then listens (port 0 picks a free one); false with
    /// *error set (one line) on failure.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    /// The bound port, 0 before listen().
    quint16 port() const { return m_port; }
    /// Serves metrics (not owned) as GET /metrics; without them /metrics answers 404.
    void setMetrics(ServerMetrics *metrics) { m_metrics = metrics; }
    /// /healthz asks source for the state of each dependency and answers 503 if one is down.
    void setHealthSource(std::function<QList<Dependency>()> source) { m_health = std::move(source); }
    /// Serves api's routes under /api/ (api must outlive the server); before listen().
    void addRestApi(RestApi &api);

private:
    void acceptPending();

    ClientHub &m_hub;
    const Clock &m_clock;
    QString m_storeName;
    ListenerSettings m_settings;
    QHttpServer m_http;
    /// Owned by m_http (bind() reparents it); null before listen().
    GuardedTcpServer *m_listener = nullptr;
    quint16 m_port = 0;
    ServerMetrics *m_metrics = nullptr;
    std::function<QList<Dependency>()> m_health;
};

} // namespace recordlock
