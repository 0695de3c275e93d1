#include "server/lockserver.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QWebSocket>

#include "common/clock.h"
#include "server/clienthub.h"
#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

LockServer::LockServer(ClientHub &hub, const Clock &clock, const QString &storeName, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_clock(clock)
    , m_storeName(storeName)
{
    m_http.route(u"/healthz"_s, QHttpServerRequest::Method::Get, [this] {
        return QHttpServerResponse(QJsonObject{
            {u"status"_s, u"ok"_s},
            {u"version"_s, QStringLiteral(RECORDLOCK_VERSION)},
            {u"store"_s, m_storeName},
            {u"serverTime"_s, m_clock.nowMs()},
        });
    });
    // Qt 6.4 accepts an upgrade only if a route matches it and writes nothing (QT-NOTES.md).
    m_http.route(u"/ws"_s, [](const QHttpServerRequest &, QHttpServerResponder &&) {});
    connect(&m_http, &QHttpServer::newWebSocketConnection, this, &LockServer::acceptPending);
}

quint16 LockServer::listen(const QHostAddress &address, quint16 port)
{
    m_port = m_http.listen(address, port);
    if (m_port == 0)
        qCWarning(lcHttp) << "cannot listen on" << address.toString() << port;
    return m_port;
}

void LockServer::acceptPending()
{
    while (m_http.hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_http.nextPendingWebSocketConnection();
        if (socket)
            m_hub.accept(std::move(socket));
    }
}

} // namespace recordlock
