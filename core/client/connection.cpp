#include "client/connection.h"

#include <QSslConfiguration>
#include <QUuid>
#include <QWebSocket>

#include "client/clientlogging.h"
#include "client/tlserrortext.h"
#include "protocol/codec.h"
#include "protocol/limits.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Close code the server uses when a newer connection took the session over.
constexpr int CloseSessionTakenOver = 4000;

ProtocolError offlineError()
{
    return ProtocolError{ErrorCode::Unavailable, u"offline"_s, {}};
}

/// Errors after which a resume can never succeed, so retrying would only hammer the server.
bool isFinalResumeError(ErrorCode code)
{
    return code == ErrorCode::Unauthenticated || code == ErrorCode::SessionConflict
        || code == ErrorCode::InvalidCredentials || code == ErrorCode::Forbidden;
}

} // namespace

Connection::Connection(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_serverClock(clock)
    , m_sessionId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Connection::openSocket);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &Connection::onKeepAliveTick);
}

Connection::~Connection()
{
    // Handlers must not run against a half-destroyed connection.
    if (m_socket)
        disconnect(m_socket, nullptr, this, nullptr);
}

void Connection::open(const QUrl &url)
{
    m_url = url;
    m_reconnectTimer.stop();
    openSocket();
}

void Connection::login(const QString &user, const QString &password)
{
    startSignIn(SignIn{SignInKind::Login, user, password, {}});
}

void Connection::authenticate(const QString &token)
{
    startSignIn(SignIn{SignInKind::Auth, {}, {}, token});
}

void Connection::startSignIn(SignIn signIn)
{
    m_signIn = std::move(signIn);
    switch (m_state) {
    case State::Authenticating:
    case State::Online:
        sendSignIn();
        break;
    case State::Connecting:
        break; // sent from onConnected()
    case State::WaitingToReconnect:
    case State::Offline:
        if (!m_url.isValid()) {
            m_signIn.reset();
            const ProtocolError error = offlineError();
            QTimer::singleShot(0, this, [this, error] { emit signInFailed(error); });
            return;
        }
        m_reconnectTimer.stop();
        openSocket();
        break;
    }
}

void Connection::logout()
{
    if (m_state != State::Online) {
        finishLogout();
        return;
    }
    // The server closes the socket after its reply; that close must not trigger a reconnect.
    m_wantOnline = false;
    send(ops::Logout.toString(), {}, this, [this](const ServerMessage &) { finishLogout(); });
}

void Connection::finishLogout()
{
    m_token.clear();
    m_session = SessionInfo{};
    shutDown();
    emit signedOut();
}

void Connection::close()
{
    shutDown();
}

void Connection::shutDown()
{
    m_wantOnline = false;
    m_signIn.reset();
    m_reconnectTimer.stop();
    if (m_socket)
        m_socket->close();
    discardSocket();
    setState(State::Offline);
    m_pending.failAll(offlineError());
}

void Connection::retryNow()
{
    if (m_state != State::WaitingToReconnect)
        return;
    m_reconnectTimer.stop();
    openSocket();
}

void Connection::request(QAnyStringView op, const QJsonObject &args, QObject *context, ReplyHandler onReply)
{
    if (m_state != State::Online || !m_socket) {
        answerLater(context, std::move(onReply), offlineError());
        return;
    }
    send(op.toString(), args, context, std::move(onReply));
}

qint64 Connection::reconnectInMs() const
{
    if (m_state != State::WaitingToReconnect)
        return 0;
    return std::max<qint64>(0, m_reconnectDeadlineMs - m_clock.nowMs());
}

void Connection::setBackoff(const Backoff &backoff)
{
    m_backoff = backoff;
}

void Connection::setRequestTimeoutMs(int ms)
{
    m_requestTimeoutMs = std::max(1, ms);
}

void Connection::setMaxIncomingMessageBytes(qint64 bytes)
{
    m_maxIncomingBytes = std::max<qint64>(limits::MaxMessageBytes, bytes);
}

void Connection::setKeepAliveIntervalMs(int ms)
{
    m_keepAliveIntervalMs = std::max(0, ms);
}

void Connection::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    m_caCertificates = certificates;
}

void Connection::openSocket()
{
    // Replies to what was sent on the old socket can never arrive: answer those requests now,
    // not after their timeouts.
    const bool replacing = m_socket != nullptr;
    discardSocket();
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_maxIncomingBytes));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(m_maxIncomingBytes));
    if (!m_caCertificates.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_caCertificates);
        m_socket->setSslConfiguration(tls);
    }
    m_sslErrors.clear();
    // Only remembered for the message: the handshake fails because nothing ignores them.
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    connect(m_socket, &QWebSocket::connected, this, &Connection::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &Connection::onSocketError);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &Connection::onTextMessage);
    connect(m_socket, &QWebSocket::pong, this, [this] { m_awaitingPong = false; });
    setState(State::Connecting);
    qCDebug(lcClientConnection) << "connecting to" << m_url;
    m_socket->open(m_url);
    if (replacing)
        m_pending.failAll(offlineError());
}

void Connection::discardSocket()
{
    m_keepAliveTimer.stop();
    m_awaitingPong = false;
    if (!m_socket)
        return;
    ++m_generation;
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void Connection::onConnected()
{
    qCDebug(lcClientConnection) << "connected to" << m_url;
    setConnectError({});
    setState(State::Authenticating);
    if (m_keepAliveIntervalMs > 0)
        m_keepAliveTimer.start(m_keepAliveIntervalMs);
    if (!m_signIn && m_wantOnline && !m_token.isEmpty())
        m_signIn = SignIn{SignInKind::Resume, {}, {}, m_token};
    if (m_signIn)
        sendSignIn();
}

void Connection::onDisconnected()
{
    const int code = m_socket ? int(m_socket->closeCode()) : 0;
    qCInfo(lcClientConnection) << "disconnected, close code" << code
                               << (m_socket ? m_socket->closeReason() : QString());
    handleSocketGone(code);
}

void Connection::onSocketError(QAbstractSocket::SocketError error)
{
    qCInfo(lcClientConnection) << "socket error" << error << (m_socket ? m_socket->errorString() : QString());
    // A failed handshake or refused connection never emits disconnected().
    if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState) {
        if (m_sslErrors.isEmpty())
            setConnectError(m_socket->errorString());
        else
            setConnectError(TlsErrorText::describe(m_sslErrors), true);
        handleSocketGone(0);
    }
}

void Connection::handleSocketGone(int closeCode)
{
    if (!m_socket)
        return;
    discardSocket();
    if (closeCode == CloseSessionTakenOver && m_wantOnline) {
        m_wantOnline = false;
        emit sessionTakenOver();
    }
    std::optional<SignIn> unsent;
    if (m_signIn && m_signIn->kind != SignInKind::Resume)
        unsent = m_signIn;
    m_signIn.reset();

    if (m_wantOnline)
        scheduleReconnect();
    else
        setState(State::Offline);
    m_pending.failAll(offlineError());
    if (unsent) {
        QJsonObject details;
        if (m_certificateRefused)
            details.insert(u"reason"_s, u"certificate"_s);
        emit signInFailed(ProtocolError{ErrorCode::Unavailable,
                                        m_connectError.isEmpty() ? u"could not connect"_s : m_connectError, details});
    }
}

void Connection::scheduleReconnect()
{
    const qint64 delay = m_backoff.nextDelayMs();
    m_reconnectDeadlineMs = m_clock.nowMs() + delay;
    m_reconnectTimer.start(int(delay));
    qCInfo(lcClientConnection) << "reconnect attempt" << m_backoff.attempt() << "in" << delay << "ms";
    setState(State::WaitingToReconnect);
}

void Connection::sendSignIn()
{
    if (!m_signIn || !m_socket)
        return;
    const SignIn signIn = *m_signIn;
    m_signIn.reset();
    QJsonObject args{{u"sessionId"_s, m_sessionId}};
    QString op = ops::Auth.toString();
    if (signIn.kind == SignInKind::Login) {
        op = ops::Login.toString();
        args.insert(u"user"_s, signIn.user);
        args.insert(u"password"_s, signIn.password);
    } else {
        args.insert(u"token"_s, signIn.token);
    }
    if (m_state == State::Online && signIn.kind != SignInKind::Resume)
        setState(State::Authenticating);
    const quint64 generation = m_generation;
    const SignInKind kind = signIn.kind;
    send(op, args, this, [this, kind, generation](const ServerMessage &reply) {
        onSignInReply(kind, generation, reply);
    });
}

void Connection::onSignInReply(SignInKind kind, quint64 generation, const ServerMessage &reply)
{
    const bool sameSocket = generation == m_generation && m_socket;
    std::optional<SessionInfo> info;
    if (reply.ok)
        info = SessionInfo::fromJson(reply.result);
    const ProtocolError error = reply.ok && !info
        ? ProtocolError{ErrorCode::Internal, u"malformed sign-in result"_s, {}}
        : reply.error;

    if (kind == SignInKind::Resume) {
        if (!sameSocket)
            return; // the drop already scheduled the next attempt
        if (info) {
            // fall through to success
        } else if (isFinalResumeError(error.code)) {
            failResume(error);
            return;
        } else {
            qCWarning(lcClientConnection) << "resume failed, retrying:" << error.message;
            discardSocket();
            scheduleReconnect();
            m_pending.failAll(offlineError());
            return;
        }
    } else if (!info) {
        if (sameSocket && m_state == State::Online)
            setState(State::Authenticating);
        emit signInFailed(error);
        return;
    }
    if (!sameSocket)
        return;

    m_session = *info;
    m_token = info->token;
    m_wantOnline = true;
    m_backoff.reset();
    setState(State::Online);
    emit signedIn(m_session);
    if (kind == SignInKind::Resume)
        emit reconnected();
}

void Connection::failResume(const ProtocolError &error)
{
    qCWarning(lcClientConnection) << "resume refused:" << errorCodeName(error.code) << error.message;
    m_token.clear();
    shutDown();
    emit signInFailed(error);
}

void Connection::onTextMessage(const QString &text)
{
    ServerMessage message;
    QString errorText;
    if (!Codec::decodeServerMessage(text.toUtf8(), &message, &errorText)) {
        qCWarning(lcClientConnection) << "ignoring undecodable message:" << errorText;
        return;
    }
    m_serverClock.observe(message.serverTime);
    if (message.kind == ServerMessage::Kind::Event) {
        emit eventReceived(message);
        return;
    }
    if (!m_pending.resolve(message))
        qCDebug(lcClientConnection) << "reply without a pending request, id" << message.id;
}

void Connection::onKeepAliveTick()
{
    if (!m_socket)
        return;
    if (m_awaitingPong) {
        qCWarning(lcClientConnection) << "no pong within" << m_keepAliveIntervalMs << "ms, dropping the link";
        handleSocketGone(0);
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
}

void Connection::send(const QString &op, const QJsonObject &args, QObject *context, ReplyHandler onReply)
{
    const qint64 id = m_pending.add(op, context, std::move(onReply), m_requestTimeoutMs);
    const QByteArray bytes = Codec::encodeRequest(QJsonValue(double(id)), op, args);
    if (bytes.size() > limits::MaxMessageBytes) {
        // The server would close the whole connection (1009); fail just this request instead.
        ServerMessage reply = PendingRequests::localErrorReply(ProtocolError{
            ErrorCode::MessageTooLarge, u"request exceeds %1 bytes"_s.arg(limits::MaxMessageBytes), {}});
        reply.id = QJsonValue(double(id));
        QTimer::singleShot(0, this, [this, reply] { m_pending.resolve(reply); });
        return;
    }
    m_socket->sendTextMessage(QString::fromUtf8(bytes));
}

void Connection::answerLater(QObject *context, ReplyHandler onReply, const ProtocolError &error)
{
    QTimer::singleShot(0, context ? context : this, [onReply = std::move(onReply), error] {
        if (onReply)
            onReply(PendingRequests::localErrorReply(error));
    });
}

void Connection::setConnectError(const QString &reason, bool certificateRefused)
{
    m_certificateRefused = certificateRefused;
    if (m_connectError == reason)
        return;
    m_connectError = reason;
    emit connectErrorChanged(reason);
}

void Connection::setState(State state)
{
    if (m_state == state && state != State::WaitingToReconnect)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace recordlock
