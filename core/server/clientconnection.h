#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QObject>
#include <QQueue>
#include <QString>
#include <QTimer>
#include <QWebSocketProtocol>

#include "server/connectionsettings.h"
#include "server/lockholder.h"
#include "server/messagetransport.h"
#include "server/refusalwindow.h"
#include "server/user.h"

namespace recordlock {

class Clock;
class GroupCommit;
class ServerMetrics;
struct ProtocolError;

/// One accepted client (a WebSocket, through a MessageTransport): enforces the transport rules
/// (text only, auth deadline, keepalive, outbound cap), keeps the connection's session identity
/// and hands requests on strictly one at a time, in order.
class ClientConnection : public QObject
{
    Q_OBJECT

public:
    /// Requests that may wait while a login is pending; more closes the connection.
    static constexpr qsizetype MaxQueuedRequests = 256;

    /// Takes ownership of socket (a WebSocketTransport, or an in-memory one in tests); closes it
    /// with 1008 unless authenticate() is called within settings.authTimeoutMs.
    ClientConnection(std::unique_ptr<MessageTransport> socket, const Clock &clock, const ConnectionSettings &settings,
                     QObject *parent = nullptr);
    ~ClientConnection() override;

    /// True once login/auth succeeded and until logout or takeover.
    bool isAuthenticated() const { return !m_sessionId.isEmpty(); }
    /// The session this connection speaks for; empty before authentication.
    const QString &sessionId() const { return m_sessionId; }
    /// The authenticated user (without password hash).
    const User &user() const { return m_user; }
    /// This connection's session as a lock holder.
    LockHolder holder() const;
    /// Binds the connection to a session and stops the auth deadline.
    void authenticate(const QString &sessionId, const User &user);
    /// Forgets the session (logout, takeover); later requests need authentication again.
    void deauthenticate();

    /// Starts timing the request now being handled: its reply reports op, outcome and latency to
    /// metrics (nullptr: not reported). One request at a time is in flight (see suspend()).
    void beginRequest(QLatin1StringView op, ServerMetrics *metrics);
    /// Sends a success reply.
    void sendReply(const QJsonValue &id, const QJsonObject &result);
    /// Sends a successful reply whose result is already JSON text (one object).
    void sendReplyJson(const QJsonValue &id, QByteArrayView resultJson);
    /// Sends an error reply.
    void sendError(const QJsonValue &id, const ProtocolError &error);
    /// Sends an event addressed to this connection only (e.g. lock_denied).
    void sendEvent(const QString &event, const QString &recordId, qint64 seq, const QJsonObject &body);
    /// Sends an already encoded message.
    void sendEncoded(const QByteArray &message);
    /// Sends an already encoded and converted message (fan-out prepares one for many connections).
    void sendEncoded(const QString &message);
    /// Closes with a WebSocket close code; further requests are ignored.
    void closeWith(QWebSocketProtocol::CloseCode code, const QString &reason);
    /// True after closeWith() or once the socket is gone.
    bool isClosing() const { return m_closing; }

    /// While gate has a transaction open, messages and close frames wait for its commit (not
    /// owned; nullptr: everything is sent at once).
    void setOutputGate(GroupCommit *gate) { m_gate = gate; }
    /// The gate committed: sends the held messages, then a held close.
    void releaseOutput();
    /// The gate's commit failed: drops the held messages (they report changes that were rolled
    /// back) and closes with 1011, so the client resynchronises on reconnect.
    void discardOutput();

    /// Holds back further requests (a login is being verified); replies must stay in order.
    void suspend();
    /// Processes the requests that arrived meanwhile.
    void resume();

    /// Peer address and port, for logs.
    QString peer() const;
    /// Peer address without the port (failed-login limits per address).
    QString peerAddress() const;
    /// This connection's recent rate-limit refusals (RequestLimiter closes it after too many).
    RefusalWindow &rateRefusals() { return m_rateRefusals; }

Q_SIGNALS:
    /// The next request, in arrival order; never while suspended.
    void requestReceived(recordlock::ClientConnection *connection, const QByteArray &message);
    /// The socket disconnected; the connection deletes itself later.
    void closed(recordlock::ClientConnection *connection);

private:
    void onTextMessage(const QString &message);
    void onBinaryMessage();
    void onDisconnected();
    void onAuthTimeout();
    void onKeepAliveTick();
    /// Arms the keepalive tick delayMs from now, moved later onto the tick grid.
    void scheduleKeepAlive(int delayMs);
    void drop(const char *why);
    void pump();
    void reportReply(const ProtocolError *error);
    bool gated();
    void transmit(const QString &message);
    void closeSocket(QWebSocketProtocol::CloseCode code, const QString &reason);

    std::unique_ptr<MessageTransport> m_socket;
    const Clock &m_clock;
    ConnectionSettings m_settings;
    QTimer m_authTimer;
    QTimer m_closeTimer;
    QTimer m_keepAliveTimer;
    QQueue<QByteArray> m_queue;
    QString m_sessionId;
    User m_user;
    RefusalWindow m_rateRefusals;
    bool m_suspended = false;
    bool m_pumping = false;
    bool m_closing = false;
    bool m_awaitingPong = false;
    bool m_heardSinceTick = false;
    bool m_dropped = false;
    /// Output waiting for the gate's commit, in order, and a close requested after it.
    GroupCommit *m_gate = nullptr;
    QList<QString> m_held;
    bool m_holding = false;
    /// The code as a number: the server's own codes (4000) are outside the CloseCode enum.
    std::optional<std::pair<int, QString>> m_heldClose;
    /// The request in flight, for metrics; m_metrics is null when none is being timed.
    ServerMetrics *m_metrics = nullptr;
    QLatin1StringView m_requestOp;
    QElapsedTimer m_requestTimer;
};

} // namespace recordlock
