#pragma once

#include <QAnyStringView>
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>
#include <QWebSocket>

#include "protocol/servermessage.h"

namespace recordlock::test {

/// A raw JSON-over-WebSocket client for protocol-level tests: sends requests, collects replies and
/// events, and waits for them while the event loop runs.
class TestClient : public QObject
{
    Q_OBJECT

public:
    /// A client with a fresh session id (a UUID without braces); not connected yet.
    explicit TestClient(QObject *parent = nullptr);
    ~TestClient() override;

    /// Opens the WebSocket; false when not connected within timeoutMs.
    bool connectTo(const QUrl &url, int timeoutMs = 5000);
    /// Sends a request with the next integer id and returns that id.
    qint64 send(QAnyStringView op, const QJsonObject &args = {});
    /// The reply to request id; on timeout a failed reply with code internal and
    /// message "timeout waiting for reply".
    ServerMessage waitForReply(qint64 id, int timeoutMs = 5000);
    /// The oldest reply not yet taken, whatever its id (for raw or id-less requests).
    ServerMessage waitForNextReply(int timeoutMs = 5000);
    /// connectTo() then login(user); a failed reply when either fails.
    ServerMessage connectAndLogin(const QUrl &url, const QString &user, int timeoutMs = 5000);
    /// send() then waitForReply().
    ServerMessage request(QAnyStringView op, const QJsonObject &args = {}, int timeoutMs = 5000);
    /// Logs in (password defaults to the user name, session id to this client's own) and keeps
    /// the session token for auth().
    ServerMessage login(const QString &user, const QString &password = {}, const QString &sessionId = {});
    /// Authenticates with a token (default: the one from the last successful login) and session id
    /// (default: this client's own).
    ServerMessage auth(const QString &token = {}, const QString &sessionId = {});

    /// Waits for an event not yet taken by an earlier wait, searching those already received first;
    /// an empty recordId matches any record. The event found is taken and stored in out.
    bool waitForEvent(QAnyStringView event, QAnyStringView recordId, ServerMessage *out = nullptr,
                      int timeoutMs = 5000);
    /// Every event received since the last clearEvents(), in order.
    QList<ServerMessage> events() const { return m_events; }
    /// Forgets received events (replies are kept).
    void clearEvents();
    /// Every decoded message (replies and events) in arrival order, for ordering checks.
    QList<ServerMessage> messages() const { return m_messages; }

    /// Sends text as one text frame, unchanged.
    void sendRaw(const QByteArray &text);
    /// Sends one binary frame.
    void sendBinary(const QByteArray &data);
    /// Closes the WebSocket cleanly (close frame 1000).
    void close();
    /// Drops the TCP connection without a close frame, as a crash or network loss would.
    void abort();
    /// Waits until the connection is closed; true if it is.
    bool waitForDisconnected(int timeoutMs = 5000);
    /// The close code the server sent (meaningful once disconnected).
    int closeCode() const;
    /// True while the WebSocket is open.
    bool isConnected() const;

    /// Trusts these CA certificates (besides the system's) for wss:// URLs; before connectTo().
    void setCaCertificates(const QList<QSslCertificate> &certificates);
    /// The certificate errors of the last wss:// connection attempt (never ignored).
    QList<QSslError> sslErrors() const { return m_sslErrors; }
    /// Why the last connection attempt failed, as the socket says.
    QString errorString() const { return m_socket.errorString(); }

    /// The session id login/auth use by default.
    QString sessionId() const { return m_sessionId; }
    /// Replaces the default session id.
    void setSessionId(const QString &sessionId) { m_sessionId = sessionId; }
    /// The token of the last successful login.
    QString token() const { return m_token; }
    /// Every text message received, in order, as sent by the server.
    QList<QByteArray> rawMessages() const { return m_raw; }

    /// "ok" for a successful reply, else the error code's wire name (e.g. "lock_held"), for QCOMPARE.
    static QString outcome(const ServerMessage &reply);
    /// A one-line description of a message for failure output.
    static QString describe(const ServerMessage &message);

private:
    void onTextMessage(const QString &text);
    static ServerMessage timeoutReply(const QString &what);

    QWebSocket m_socket;
    QString m_sessionId;
    QString m_token;
    qint64 m_nextId = 0;
    QList<QByteArray> m_raw;
    QList<ServerMessage> m_messages;
    QList<ServerMessage> m_untakenReplies;
    QList<ServerMessage> m_events;
    QList<bool> m_eventTaken;
    QList<QSslError> m_sslErrors;
};

} // namespace recordlock::test
