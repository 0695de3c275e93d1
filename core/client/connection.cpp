#include "client/connection.h"

#include <QSslConfiguration>
#include <QUuid>
#include <QWebSocket>

#include "client/clientlogging.h"
#include "client/serverlist.h"
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
    , m_rotation(clock)
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
    open(QList<QUrl>{url});
}

void Connection::open(const QList<QUrl> &servers)
{
    const QUrl previous = url();
    m_rotation.setServers(servers);
    m_passCertificateError.clear();
    setCertificateRefusal({});
    m_reconnectTimer.stop();
    if (url() != previous)
        emit serverChanged(url());
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
        if (!url().isValid()) {
            m_signIn.reset();
            const ProtocolError error = offlineError();
            QTimer::singleShot(0, this, [this, error] { emit signInFailed(error); });
            return;
        }
        m_reconnectTimer.stop();
        // A new sign-in gets a full pass over the servers, whatever failed before.
        m_rotation.restart();
        m_passCertificateError.clear();
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
    return m_rotation.dueInMs();
}

int Connection::reconnectAttempt() const
{
    return m_wantOnline ? m_rotation.failures() : 0;
}

void Connection::setBackoff(const Backoff &backoff)
{
    m_rotation.setBackoff(backoff);
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
    m_socketConnected = false;
    m_socketCertificateRefused = false;
    // Only remembered for the message: the handshake fails because nothing ignores them.
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    connect(m_socket, &QWebSocket::connected, this, &Connection::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &Connection::onSocketError);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &Connection::onTextMessage);
    connect(m_socket, &QWebSocket::pong, this, [this] { m_awaitingPong = false; });
    setState(State::Connecting);
    qCDebug(lcClientConnection) << "connecting to" << url();
    m_socket->open(url());
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
    qCDebug(lcClientConnection) << "connected to" << url();
    m_socketConnected = true;
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
    // A refused connection ends here too, without error().
    if (m_socket && !m_socketConnected && !m_socketCertificateRefused) {
        const QString reason = m_socket->errorString();
        setConnectError(reason.isEmpty() ? u"could not connect"_s : reason);
    }
    handleSocketGone(code);
}

void Connection::onSocketError(QAbstractSocket::SocketError error)
{
    qCInfo(lcClientConnection) << "socket error" << error << (m_socket ? m_socket->errorString() : QString());
    // A failed TLS handshake never emits disconnected() (a refused connection does, see onDisconnected()).
    if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState) {
        m_socketCertificateRefused = !m_sslErrors.isEmpty();
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
    const bool attemptFailed = !m_socketConnected;
    discardSocket();
    if (closeCode == CloseSessionTakenOver && m_wantOnline) {
        m_wantOnline = false;
        emit sessionTakenOver();
    }
    std::optional<SignIn> unsent;
    if (m_signIn && m_signIn->kind != SignInKind::Resume)
        unsent = m_signIn;
    m_signIn.reset();

    if (m_wantOnline) {
        scheduleAttempt(attemptFailed ? failServer() : m_rotation.drop());
    } else if (attemptFailed) {
        // A sign-in (or a bare open()) tries each server once before it fails.
        const ServerRotation::Step step = failServer();
        if (!step.passFailed) {
            m_signIn = std::exchange(unsent, std::nullopt);
            scheduleAttempt(step);
        } else {
            m_rotation.restart();
            m_passCertificateError.clear();
            setState(State::Offline);
        }
    } else {
        setState(State::Offline);
    }
    m_pending.failAll(offlineError());
    if (unsent) {
        QJsonObject details;
        if (m_certificateRefused)
            details.insert(u"reason"_s, u"certificate"_s);
        emit signInFailed(ProtocolError{ErrorCode::Unavailable,
                                        m_connectError.isEmpty() ? u"could not connect"_s : m_connectError, details});
    }
}

ServerRotation::Step Connection::failServer()
{
    const QUrl failed = url();
    if (m_socketCertificateRefused) {
        // Reported, not skipped in silence: the server stays in the rotation, and the refusal is
        // shown even while another server is in use.
        qCWarning(lcClientConnection) << "certificate of" << failed << "refused:" << m_connectError;
        m_passCertificateError = m_rotation.servers().size() > 1
            ? ServerList::hostAndPort(failed) + u": "_s + m_connectError
            : m_connectError;
        setCertificateRefusal({failed, m_connectError});
    }
    const ServerRotation::Step step = m_rotation.fail();
    if (step.passFailed && !m_passCertificateError.isEmpty())
        setConnectError(m_passCertificateError, true);
    if (step.server != failed)
        emit serverChanged(step.server);
    return step;
}

void Connection::scheduleAttempt(const ServerRotation::Step &step)
{
    m_reconnectTimer.start(int(step.delayMs));
    if (step.delayMs == 0) {
        // Not from inside the failed socket's signal: the timer opens the next one.
        qCInfo(lcClientConnection) << "failing over to" << step.server;
        setState(State::Connecting);
        return;
    }
    qCInfo(lcClientConnection) << (step.passFailed ? "every server failed;" : "link dropped;") << "next attempt in"
                               << step.delayMs << "ms, at" << step.server;
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
            scheduleAttempt(failServer());
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
    m_rotation.succeed();
    m_passCertificateError.clear();
    if (m_certificateRefusal.server == url())
        setCertificateRefusal({});
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

void Connection::setCertificateRefusal(const CertificateRefusal &refusal)
{
    if (m_certificateRefusal.server == refusal.server && m_certificateRefusal.reason == refusal.reason)
        return;
    m_certificateRefusal = refusal;
    emit certificateRefusalChanged();
}

void Connection::setState(State state)
{
    if (m_state == state && state != State::WaitingToReconnect)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace recordlock
