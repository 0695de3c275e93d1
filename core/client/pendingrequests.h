#pragma once

#include <functional>
#include <map>

#include <QObject>
#include <QPointer>
#include <QString>

#include "protocol/protocolerror.h"
#include "protocol/servermessage.h"

class QTimer;

namespace recordlock {

/// The requests of one Connection awaiting their reply: id allocation, reply correlation, timeouts.
///
/// Every registered request is answered exactly once: by its reply, by a local Unavailable error
/// after its timeout, or by failAll() when the socket is gone. A handler whose context object was
/// destroyed is skipped.
class PendingRequests : public QObject
{
    Q_OBJECT

public:
    /// Receives the reply (or a locally made error reply with ok == false).
    using ReplyHandler = std::function<void(const ServerMessage &)>;

    /// Constructs an empty table.
    explicit PendingRequests(QObject *parent = nullptr);
    ~PendingRequests() override;

    /// Registers a request and returns the id to send it with.
    qint64 add(const QString &op, QObject *context, ReplyHandler handler, int timeoutMs);
    /// Hands a reply to the request with its id; false when there is none (e.g. it timed out).
    bool resolve(const ServerMessage &reply);
    /// Answers every pending request with error, e.g. when the connection dropped.
    void failAll(const ProtocolError &error);
    /// Number of requests awaiting a reply.
    int count() const { return int(m_entries.size()); }

    /// A reply message carrying a locally made error, as handed to handlers.
    static ServerMessage localErrorReply(const ProtocolError &error);

private:
    struct Entry
    {
        QString op;
        QPointer<QObject> context;
        bool hasContext = false;
        ReplyHandler handler;
        QTimer *timer = nullptr;
    };

    void expire(qint64 id);
    void deliver(Entry entry, const ServerMessage &reply);

    std::map<qint64, Entry> m_entries;
    qint64 m_nextId = 1;
};

} // namespace recordlock
