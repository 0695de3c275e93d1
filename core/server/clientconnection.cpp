#include "server/clientconnection.h"

#include <algorithm>
#include <utility>

#include <QDeadlineTimer>
#include <QRandomGenerator>

#include "common/clock.h"
#include "protocol/codec.h"
#include "server/groupcommit.h"
#include "server/serverlogging.h"
#include "server/servermetrics.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {
/// How long a closing connection may take to finish the close handshake before it is cut.
constexpr int CloseHandshakeMs = 5'000;
} // namespace

ClientConnection::ClientConnection(std::unique_ptr<MessageTransport> socket, const Clock &clock,
                                   const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_clock(clock)
    , m_settings(settings)
{
    // The message size limits are the transport's (WebSocketTransport sets them on the socket).
    connect(m_socket.get(), &MessageTransport::textMessageReceived, this, &ClientConnection::onTextMessage);
    connect(m_socket.get(), &MessageTransport::binaryMessageReceived, this, &ClientConnection::onBinaryMessage);
    connect(m_socket.get(), &MessageTransport::disconnected, this, &ClientConnection::onDisconnected);
    connect(m_socket.get(), &MessageTransport::pong, this, [this] { m_awaitingPong = false; });

    m_authTimer.setSingleShot(true);
    connect(&m_authTimer, &QTimer::timeout, this, &ClientConnection::onAuthTimeout);
    m_authTimer.start(m_settings.authTimeoutMs);

    // QtWebSockets has no keepalive of its own: without one, a peer that vanished without a FIN
    // (power loss, a dropped VPN) would keep its locks "connected" until they expire.
    // The first tick falls at a random point of the interval's second half: Qt rounds a coarse
    // 30 s timer to a whole second, so the sessions that signed in within one second (all of
    // them, after a restart) would be pinged in one loop pass every interval.
    m_keepAliveTimer.setSingleShot(true);
    m_keepAliveTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &ClientConnection::onKeepAliveTick);
    if (m_settings.keepAliveIntervalMs > 0) {
        const int half = m_settings.keepAliveIntervalMs / 2;
        scheduleKeepAlive(m_settings.keepAliveIntervalMs - int(QRandomGenerator::global()->bounded(half + 1)));
    }

    m_closeTimer.setSingleShot(true);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] { m_socket->abort(); });
    qCDebug(lcSession) << "connection from" << peer();
}

ClientConnection::~ClientConnection()
{
    // Destroyed at shutdown or after disconnect: nobody may hear from this socket any more.
    m_socket->disconnect(this);
}

LockHolder ClientConnection::holder() const
{
    return LockHolder{m_sessionId, m_user.id, m_user.displayName, m_user.handle};
}

void ClientConnection::authenticate(const QString &sessionId, const User &user)
{
    m_sessionId = sessionId;
    m_user = user;
    m_user.passwordHash.clear();
    m_authTimer.stop();
}

void ClientConnection::deauthenticate()
{
    m_sessionId.clear();
    m_user = User();
}

void ClientConnection::beginRequest(QLatin1StringView op, ServerMetrics *metrics)
{
    m_metrics = metrics;
    m_requestOp = op;
    if (metrics)
        m_requestTimer.start();
}

void ClientConnection::sendReply(const QJsonValue &id, const QJsonObject &result)
{
    sendEncoded(Codec::encodeReply(id, m_clock.nowMs(), result));
    reportReply(nullptr);
}

void ClientConnection::sendReplyJson(const QJsonValue &id, QByteArrayView resultJson)
{
    sendEncoded(Codec::encodeReplyJson(id, m_clock.nowMs(), resultJson));
    reportReply(nullptr);
}

void ClientConnection::sendError(const QJsonValue &id, const ProtocolError &error)
{
    sendEncoded(Codec::encodeError(id, m_clock.nowMs(), error));
    reportReply(&error);
}

void ClientConnection::reportReply(const ProtocolError *error)
{
    if (!m_metrics)
        return;
    // Monotonic and sub-millisecond, unlike the injected wall Clock; only a duration is needed.
    const double seconds = double(m_requestTimer.nsecsElapsed()) / 1e9;
    m_metrics->requestServed(m_requestOp, error ? std::optional<ErrorCode>(error->code) : std::nullopt, seconds);
    m_metrics = nullptr;
}

void ClientConnection::sendEvent(const QString &event, const QString &recordId, qint64 seq, const QJsonObject &body)
{
    sendEncoded(Codec::encodeEvent(event, recordId, seq, m_clock.nowMs(), body));
}

void ClientConnection::sendEncoded(const QByteArray &message)
{
    sendEncoded(QString::fromUtf8(message));
}

void ClientConnection::sendEncoded(const QString &message)
{
    if (m_closing)
        return;
    if (gated()) {
        m_held.append(message);
        return;
    }
    transmit(message);
}

void ClientConnection::transmit(const QString &message)
{
    if (m_dropped)
        return;
    // A peer that stops reading must not make the server buffer for it without bound.
    if (m_socket->bytesToWrite() > m_settings.maxOutboundBytes) {
        drop("does not read its messages");
        return;
    }
    m_socket->sendTextMessage(message);
}

bool ClientConnection::gated()
{
    if (!m_gate || !m_gate->isOpen())
        return false;
    if (!m_holding) {
        m_holding = true;
        m_gate->hold(this);
    }
    return true;
}

void ClientConnection::releaseOutput()
{
    m_holding = false;
    const QList<QString> held = std::exchange(m_held, {});
    for (const QString &message : held)
        transmit(message);
    if (const auto close = std::exchange(m_heldClose, std::nullopt))
        closeSocket(static_cast<QWebSocketProtocol::CloseCode>(close->first), close->second);
}

void ClientConnection::discardOutput()
{
    m_holding = false;
    m_held.clear();
    m_heldClose.reset();
    qCWarning(lcSession) << peer() << "loses its replies to a failed commit; closing the connection";
    m_closing = true;
    m_queue.clear();
    m_authTimer.stop();
    m_keepAliveTimer.stop();
    closeSocket(QWebSocketProtocol::CloseCodeBadOperation, u"the change could not be stored"_s);
}

void ClientConnection::closeWith(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    qCDebug(lcSession) << "closing" << peer() << "with" << int(code) << reason;
    m_closing = true;
    m_queue.clear();
    m_authTimer.stop();
    m_keepAliveTimer.stop();
    // The close frame must follow the replies still waiting for the commit, not overtake them.
    if (gated()) {
        m_heldClose.emplace(int(code), reason);
        return;
    }
    closeSocket(code, reason);
}

void ClientConnection::closeSocket(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_dropped)
        return;
    m_socket->close(code, reason);
    m_closeTimer.start(CloseHandshakeMs);
}

void ClientConnection::suspend()
{
    m_suspended = true;
}

void ClientConnection::resume()
{
    m_suspended = false;
    pump();
}

QString ClientConnection::peer() const
{
    return m_socket->peerAddress().toString() + u':' + QString::number(m_socket->peerPort());
}

QString ClientConnection::peerAddress() const
{
    return m_socket->peerAddress().toString();
}

void ClientConnection::onTextMessage(const QString &message)
{
    if (m_closing)
        return;
    m_awaitingPong = false; // a message proves the peer alive as well as a pong does
    m_heardSinceTick = true;
    if (m_queue.size() >= MaxQueuedRequests) {
        qCWarning(lcSession) << peer() << "sent too many requests while a login was pending";
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated, u"too many queued requests"_s);
        return;
    }
    m_queue.enqueue(message.toUtf8());
    pump();
}

void ClientConnection::onBinaryMessage()
{
    closeWith(QWebSocketProtocol::CloseCodeDatatypeNotSupported, u"binary messages are not supported"_s);
}

void ClientConnection::onDisconnected()
{
    qCDebug(lcSession) << "disconnected" << peer() << "session" << m_sessionId;
    m_closing = true;
    m_dropped = true;
    m_held.clear();
    m_heldClose.reset();
    m_queue.clear();
    m_authTimer.stop();
    m_closeTimer.stop();
    m_keepAliveTimer.stop();
    Q_EMIT closed(this);
    deleteLater();
}

void ClientConnection::onAuthTimeout()
{
    if (!isAuthenticated())
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated, u"not authenticated in time"_s);
}

void ClientConnection::scheduleKeepAlive(int delayMs)
{
    // Ticks land on a grid of the monotonic clock (100 ms for a 30 s interval): the connections
    // due within one grid step share one wake-up of the loop, and none waits for a whole second.
    const qint64 grid = std::clamp(m_settings.keepAliveIntervalMs / 300, 1, 100);
    const qint64 due = QDeadlineTimer::current(Qt::PreciseTimer).deadline() + delayMs;
    m_keepAliveTimer.start(int(delayMs + (grid - due % grid) % grid));
}

void ClientConnection::onKeepAliveTick()
{
    if (m_awaitingPong) {
        drop("did not answer a ping");
        return;
    }
    scheduleKeepAlive(m_settings.keepAliveIntervalMs);
    // A peer that sent a request since the last tick is alive: a lock holder renewing every
    // TTL/3 is never pinged, which saves a frame each way per interval.
    if (std::exchange(m_heardSinceTick, false))
        return;
    m_awaitingPong = true;
    m_socket->ping();
}

void ClientConnection::drop(const char *why)
{
    // A close waiting for the commit does not stop a drop: its output is what overflowed.
    if (m_dropped || (m_closing && !m_heldClose))
        return;
    qCWarning(lcSession) << peer() << why << "- dropping the connection";
    m_dropped = true;
    m_closing = true;
    m_held.clear();
    m_heldClose.reset();
    m_queue.clear();
    m_authTimer.stop();
    m_keepAliveTimer.stop();
    // No close frame: it would queue behind what the peer does not read. Aborted from the event
    // loop, never from inside a send: the disconnect starts the orphan grace, which must not run
    // in the middle of the lock change whose events are being sent.
    QMetaObject::invokeMethod(m_socket.get(), &MessageTransport::abort, Qt::QueuedConnection);
}

void ClientConnection::pump()
{
    // A handler may suspend or resume this connection; the loop, not recursion, drains the queue.
    if (m_pumping)
        return;
    m_pumping = true;
    while (!m_suspended && !m_closing && !m_queue.isEmpty())
        Q_EMIT requestReceived(this, m_queue.dequeue());
    m_pumping = false;
}

} // namespace recordlock
