#pragma once

#include <functional>
#include <optional>

#include <QAbstractSocket>
#include <QAnyStringView>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QTimer>
#include <QUrl>

#include "client/backoff.h"
#include "client/pendingrequests.h"
#include "client/serverclock.h"
#include "client/serverrotation.h"
#include "client/sessioninfo.h"
#include "common/clock.h"
#include "protocol/limits.h"
#include "protocol/protocolerror.h"
#include "protocol/servermessage.h"

class QWebSocket;

namespace recordlock {

/// One window's connection to recordlockd: sign-in, request/reply correlation, events, reconnects.
///
/// Requests are only sent while Online. A request made at any other time, still pending when the
/// socket drops, or unanswered after requestTimeoutMs() is answered locally with
/// ErrorCode::Unavailable ("offline" or "timeout"), never queued. Local answers are delivered from
/// the event loop, never from inside request() itself. After an unexpected drop of a signed-in
/// connection it reconnects and resumes the session with `auth` and the same session id, so the
/// server hands back the locks it kept during the orphan grace.
///
/// It may be given several servers (instances sharing users and signing secret): a failed attempt
/// or a dropped link moves on to the next server at once, and the Backoff applies only after every
/// server failed in a row (ServerRotation). A sign-in waiting for a connection tries each server
/// once before it fails. A server whose certificate is refused is reported (connectError(),
/// certificateRefusal()) and still tried again on each pass.
class Connection : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString connectError READ connectError NOTIFY connectErrorChanged)

public:
    /// Where the connection is in its life; the UI's status indicator shows this.
    enum class State {
        Offline,            ///< no socket; nothing will happen until open() or login()
        Connecting,         ///< WebSocket handshake in progress
        Authenticating,     ///< socket open, waiting for login/auth (sent, or to be called)
        Online,             ///< signed in; requests are sent
        WaitingToReconnect, ///< dropped while signed in; see reconnectInMs() and retryNow()
    };
    Q_ENUM(State)

    /// A server of the list whose certificate was refused; the connection may use another meanwhile.
    struct CertificateRefusal
    {
        /// Empty when no server's certificate is refused.
        QUrl server;
        /// What is wrong with the certificate (TlsErrorText).
        QString reason;
    };

    /// Receives the reply to a request, or a local error reply (ok == false).
    using ReplyHandler = PendingRequests::ReplyHandler;

    /// clock must outlive the connection; it drives ServerClock and the reconnect countdown.
    explicit Connection(const Clock &clock, QObject *parent = nullptr);
    ~Connection() override;

    /// Opens the WebSocket to url (ws://host:port/ws, or wss:// for a TLS server, whose certificate
    /// and host name are verified; certificate errors are never ignored); a previous socket is dropped.
    void open(const QUrl &url);
    /// Like open(url) with a list of servers of one installation: tries the first, fails over to the next.
    void open(const QList<QUrl> &servers);
    /// Signs in with a user name and password; sent once the socket is open (opened if Offline).
    void login(const QString &user, const QString &password);
    /// Signs in with a token from an earlier login, e.g. one kept across application restarts.
    void authenticate(const QString &token);
    /// Releases the session's locks on the server, forgets the token and closes; emits signedOut().
    void logout();
    /// Closes the socket without logging out (the server keeps the locks for the orphan grace).
    void close();
    /// While WaitingToReconnect: reconnects now instead of waiting out the backoff delay.
    void retryNow();
    /// Sends a request; onReply runs exactly once unless context is destroyed first.
    void request(QAnyStringView op, const QJsonObject &args, QObject *context, ReplyHandler onReply);

    /// The current state.
    State state() const { return m_state; }
    /// True while signed in and connected.
    bool isOnline() const { return m_state == State::Online; }
    /// This window's session id (a UUID without braces), the same across reconnects.
    QString sessionId() const { return m_sessionId; }
    /// The server in use, being tried, or to be tried next.
    QUrl url() const { return m_rotation.current(); }
    /// The servers given to open().
    const QList<QUrl> &servers() const { return m_rotation.servers(); }
    /// The latest login/auth result; empty before the first sign-in and after logout().
    const SessionInfo &session() const { return m_session; }
    /// While WaitingToReconnect: milliseconds until the next attempt; 0 otherwise.
    qint64 reconnectInMs() const;
    /// Failed attempts (the drop included) since the connection was last Online; 0 while not resuming.
    int reconnectAttempt() const;
    /// The server clock learnt from every message's serverTime.
    const ServerClock &serverClock() const { return m_serverClock; }

    /// Replaces the reconnect backoff, applied after each pass over the servers (e.g. shorter delays in tests).
    void setBackoff(const Backoff &backoff);
    /// Per-request timeout; default 10 s.
    void setRequestTimeoutMs(int ms);
    /// The per-request timeout.
    int requestTimeoutMs() const { return m_requestTimeoutMs; }
    /// Largest incoming message and frame; default 16 MiB (list_records replies exceed 64 KiB).
    void setMaxIncomingMessageBytes(qint64 bytes);
    /// Interval of WebSocket pings that detect a silently dead link; 0 disables; default 15 s.
    void setKeepAliveIntervalMs(int ms);
    /// CA certificates trusted for wss:// besides the system's (e.g. a company CA); used from the
    /// next connection attempt on.
    void setCaCertificates(const QList<QSslCertificate> &certificates);
    /// Why the last attempt to reach the server failed, for the user (e.g. "The server's
    /// certificate is not trusted: ..."); empty once a connection is established.
    QString connectError() const { return m_connectError; }
    /// True when connectError() is a refused server certificate (untrusted, wrong host, expired),
    /// which retrying will not fix; the failed sign-in then carries details.reason "certificate".
    bool certificateRefused() const { return m_certificateRefused; }
    /// The latest server whose certificate was refused, until that server is reached or open() is
    /// called again; shown even while another server of the list is in use.
    CertificateRefusal certificateRefusal() const { return m_certificateRefusal; }

signals:
    /// The state changed (also when a new reconnect countdown starts).
    void stateChanged(recordlock::Connection::State state);
    /// A login or auth succeeded (also after an automatic resume, right before reconnected()).
    void signedIn(const recordlock::SessionInfo &session);
    /// A login or auth failed, or an automatic resume was refused (then the state is Offline).
    void signInFailed(const recordlock::ProtocolError &error);
    /// logout() finished; the token is forgotten.
    void signedOut();
    /// An event arrived (LockEvents decodes it).
    void eventReceived(const recordlock::ServerMessage &message);
    /// The session resumed automatically after a drop; subscriptions must be made again.
    void reconnected();
    /// Another connection took this session over (close code 4000); no reconnect is attempted.
    void sessionTakenOver();
    /// connectError() changed (set on a failed attempt, cleared on connecting).
    void connectErrorChanged(const QString &reason);
    /// certificateRefusal() changed.
    void certificateRefusalChanged();
    /// url() changed: a failover moved on to another server of the list, or open() was called.
    void serverChanged(const QUrl &server);

private:
    enum class SignInKind { Login, Auth, Resume };
    struct SignIn
    {
        SignInKind kind = SignInKind::Login;
        QString user;
        QString password;
        QString token;
    };

    void openSocket();
    void discardSocket();
    void onConnected();
    void onDisconnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onTextMessage(const QString &text);
    void onKeepAliveTick();
    void handleSocketGone(int closeCode);
    ServerRotation::Step failServer();
    void scheduleAttempt(const ServerRotation::Step &step);
    void shutDown();
    void startSignIn(SignIn signIn);
    void sendSignIn();
    void onSignInReply(SignInKind kind, quint64 generation, const ServerMessage &reply);
    void failResume(const ProtocolError &error);
    void finishLogout();
    void send(const QString &op, const QJsonObject &args, QObject *context, ReplyHandler onReply);
    void answerLater(QObject *context, ReplyHandler onReply, const ProtocolError &error);
    void setState(State state);
    void setConnectError(const QString &reason, bool certificateRefused = false);
    void setCertificateRefusal(const CertificateRefusal &refusal);

    const Clock &m_clock;
    ServerClock m_serverClock;
    /// The servers, which one is current, and when the next attempt is due.
    ServerRotation m_rotation;
    PendingRequests m_pending;
    QTimer m_reconnectTimer;
    QTimer m_keepAliveTimer;
    /// Child of this; a fresh socket per attempt so late signals of an old one cannot interfere.
    QWebSocket *m_socket = nullptr;
    QString m_sessionId;
    SessionInfo m_session;
    /// Token to resume with after a drop.
    QString m_token;
    /// A sign-in waiting for the socket to open.
    std::optional<SignIn> m_signIn;
    State m_state = State::Offline;
    /// Signed in and not closed on purpose: a drop means reconnect.
    bool m_wantOnline = false;
    bool m_awaitingPong = false;
    /// Counts sockets, so replies and callbacks of a dropped socket are recognised.
    quint64 m_generation = 0;
    int m_requestTimeoutMs = 10'000;
    qint64 m_maxIncomingBytes = limits::ClientMaxMessageBytes;
    int m_keepAliveIntervalMs = 15'000;
    QList<QSslCertificate> m_caCertificates;
    /// Certificate errors of the current socket's handshake, reported before its error().
    QList<QSslError> m_sslErrors;
    /// The current socket reached the server (connected() came); else its end is a failed attempt.
    bool m_socketConnected = false;
    /// The current socket's handshake failed on the server's certificate.
    bool m_socketCertificateRefused = false;
    QString m_connectError;
    bool m_certificateRefused = false;
    CertificateRefusal m_certificateRefusal;
    /// A certificate refused during the current run of failures: reported when the pass fails, as
    /// the one problem that retrying will not fix.
    QString m_passCertificateError;
};

} // namespace recordlock
