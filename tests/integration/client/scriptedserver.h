#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QWebSocketServer>

#include "protocol/errorcode.h"
#include "protocol/request.h"

class QWebSocket;

namespace recordlock::test {

/// A scripted in-process WebSocket server on 127.0.0.1 for client edge cases a real recordlockd
/// cannot be made to produce on demand (silence, refusals, close codes, seq gaps).
///
/// By default it answers login (password == user name), auth (token "tok-USER"), ping,
/// subscribe/get_lock (a free lock at seq 1), subscribe_all (no locks), unsubscribe(_all) and logout; a handler may take any request first.
class ScriptedServer : public QObject
{
    Q_OBJECT

public:
    /// Returns true when it answered (or deliberately ignored) the request itself.
    using Handler = std::function<bool(QWebSocket *socket, const Request &request)>;

    explicit ScriptedServer(QObject *parent = nullptr);
    ~ScriptedServer() override;

    /// Listens on 127.0.0.1:port (0: any free port).
    bool listen(quint16 port = 0);
    /// Stops listening and drops every connection without a close frame.
    void shutDown();
    /// ws://127.0.0.1:PORT/ws
    QUrl url() const;
    /// The port listened on.
    quint16 port() const { return m_port; }

    /// Takes requests before the default answers.
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    /// Lock TTL reported in login/auth results.
    void setLockTtlMs(qint64 ms) { m_lockTtlMs = ms; }
    /// Fake server clock: a fixed epoch plus real elapsed time.
    qint64 serverTime() const;

    /// Sends a success reply.
    void reply(QWebSocket *socket, const Request &request, const QJsonObject &result);
    /// Sends an error reply.
    void replyError(QWebSocket *socket, const Request &request, ErrorCode code, const QString &message,
                    const QJsonObject &details = {});
    /// Sends an event to one socket.
    void sendEvent(QWebSocket *socket, QAnyStringView event, const QString &recordId, qint64 seq,
                   const QJsonObject &body);
    /// Sends an event to every open socket.
    void broadcastEvent(QAnyStringView event, const QString &recordId, qint64 seq, const QJsonObject &body);

    /// Every request received, in order.
    QList<Request> requests() const { return m_requests; }
    /// The requests with this op.
    QList<Request> requests(QAnyStringView op) const;
    /// Number of accepted WebSocket connections.
    int connectionCount() const { return m_connectionCount; }
    /// Open sockets, newest last.
    QList<QWebSocket *> sockets() const { return m_sockets; }
    /// Closes every open socket with a close code.
    void closeAll(int closeCode);
    /// Drops every open socket without a close frame.
    void abortAll();
    /// The login/auth result for user.
    QJsonObject sessionResult(const QString &user, const QString &sessionId) const;

private:
    void onNewConnection();
    void onTextMessage(QWebSocket *socket, const QString &text);
    void answerByDefault(QWebSocket *socket, const Request &request);

    QWebSocketServer m_server;
    QList<QWebSocket *> m_sockets;
    QList<Request> m_requests;
    Handler m_handler;
    QElapsedTimer m_elapsed;
    qint64 m_lockTtlMs = 120'000;
    int m_connectionCount = 0;
    quint16 m_port = 0;
};

} // namespace recordlock::test
