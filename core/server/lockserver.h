#pragma once

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <QString>

namespace recordlock {

class ClientHub;
class Clock;

/// The HTTP front on one port: GET /healthz and the /ws WebSocket upgrade. Kept small on purpose:
/// QHttpServer's API changes after Qt 6.4 (listen() is replaced), and only this class sees it.
class LockServer : public QObject
{
    Q_OBJECT

public:
    /// hub receives every accepted WebSocket; storeName is reported by /healthz.
    LockServer(ClientHub &hub, const Clock &clock, const QString &storeName, QObject *parent = nullptr);

    /// Starts listening; returns the bound port (port 0 picks a free one), or 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);
    /// The bound port, 0 before listen().
    quint16 port() const { return m_port; }

private:
    void acceptPending();

    ClientHub &m_hub;
    const Clock &m_clock;
    QString m_storeName;
    QHttpServer m_http;
    quint16 m_port = 0;
};

} // namespace recordlock
