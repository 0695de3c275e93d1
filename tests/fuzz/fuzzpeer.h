#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QQueue>
#include <QSet>
#include <QString>

namespace recordlock {
class Clock;
}

namespace recordlock::fuzz {

/// What one client connection may expect from the server, per docs/protocol.md: exactly one
/// reply per request, in order, with the request's id; documented error codes per op; no data
/// before authentication; lock sequence numbers that never go back (and step by exactly 1 on a
/// record the connection watches); no message after the server closed the connection. Any
/// breach aborts through fail().
class FuzzPeer
{
public:
    /// clock: the server's clock, which stamps every message's serverTime.
    explicit FuzzPeer(const Clock &clock);

    /// A text message is about to be delivered to the server.
    void requestSent(const QByteArray &message);
    /// A binary message is about to be delivered (the server must close with 1003).
    void binarySent();
    /// The server sent message.
    void messageReceived(const QString &message);
    /// The server closed the connection with code (0: aborted without a close frame).
    void closedByServer(int code);
    /// The harness dropped the connection from the client side.
    void droppedByPeer();

    /// True until the server closed or the harness dropped the connection.
    bool isOpen() const { return !m_closed; }
    /// Requests still waiting for their reply on an open connection.
    bool awaitsReplies() const { return !m_closed && !m_pending.isEmpty(); }
    /// Fails if an open connection left a request unanswered.
    void checkAllAnswered() const;

    /// The fencing token of the last lock this connection was granted (0 if none): "$fence".
    qint64 lastFence() const { return m_lastFence; }
    /// The version of the last record with fields this connection saw (0 if none): "$version".
    qint64 lastVersion() const { return m_lastVersion; }

private:
    /// What the server must answer to one request.
    struct Expected
    {
        QJsonValue id;              ///< echoed id; null when the id is missing or invalid
        QString decodeError;        ///< the only acceptable error when the request is malformed
        QString op;
        QJsonObject args;
    };

    void checkReply(const QJsonObject &reply, const QByteArray &raw);
    void checkError(const Expected &request, const QJsonObject &error, const QByteArray &raw);
    void checkSuccess(const Expected &request, const QJsonObject &result, const QByteArray &raw);
    void checkEvent(const QJsonObject &event, const QByteArray &raw);
    void noteLock(const QJsonValue &lock, const QByteArray &raw);
    void noteRecord(const QJsonValue &record);
    void afterSuccess(const Expected &request, const QJsonObject &result);
    bool watchesExactly(const QString &recordId) const;

    const Clock &m_clock;
    QQueue<Expected> m_pending;
    bool m_closed = false;
    bool m_binarySent = false;
    bool m_logoutAnswered = false;
    bool m_authenticated = false;
    QString m_role;
    /// Highest seq seen per record (events and snapshots).
    QHash<QString, qint64> m_maxSeq;
    /// Records subscribed one by one, with a known baseline seq.
    QSet<QString> m_subscribed;
    /// Records whose baseline is known through subscribe_all.
    QSet<QString> m_knownThroughAll;
    bool m_subscribedAll = false;
    qint64 m_lastFence = 0;
    qint64 m_lastVersion = 0;
};

} // namespace recordlock::fuzz
