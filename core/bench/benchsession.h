#pragma once

#include <deque>
#include <functional>
#include <memory>

#include <QJsonObject>
#include <QObject>
#include <QUrl>

namespace recordlock {

class BenchSocket;
class ErrorTally;

/// One WebSocket session of the load generator, speaking the wire protocol like any foreign
/// client: numbered requests, replies matched in order, events passed on.
class BenchSession : public QObject
{
    Q_OBJECT

public:
    /// Called with the reply object and the monotonic time (ns) its frame was handled.
    using ReplyHandler = std::function<void(const QJsonObject &reply, qint64 arrivalNs)>;

    /// Errors (unexpected closes, protocol violations) are counted in errors.
    BenchSession(QString sessionId, ErrorTally &errors, QObject *parent = nullptr);
    ~BenchSession() override;

    /// Connects; opened() or failed() follows.
    void open(const QUrl &url);
    /// Sends request (its "id" is set here) and calls handler with the reply.
    void send(QJsonObject request, ReplyHandler handler);
    /// Closes on purpose: no error is counted for the close.
    void close();

    /// The protocol session id this connection signs in with.
    const QString &sessionId() const { return m_sessionId; }
    /// Requests sent whose reply has not arrived.
    int pendingCount() const { return int(m_pending.size()); }
    /// Connected and not closed.
    bool isOpen() const { return m_open; }

Q_SIGNALS:
    /// The WebSocket is connected.
    void opened();
    /// The connection could not be opened or ended without close() being called.
    void failed();
    /// A server event (type "event") arrived.
    void eventReceived(const QJsonObject &event, qint64 arrivalNs);

private:
    void onText(const QByteArray &utf8);
    void onDisconnected();
    void protocolViolation(const QString &detail);

    struct Pending
    {
        qint64 id;
        ReplyHandler handler;
    };

    QString m_sessionId;
    ErrorTally &m_errors;
    std::unique_ptr<BenchSocket> m_socket;
    std::deque<Pending> m_pending;
    qint64 m_nextId = 1;
    bool m_open = false;
    bool m_closing = false;
};

} // namespace recordlock
