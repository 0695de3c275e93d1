#include "client/pendingrequests.h"

#include <QTimer>

#include "client/clientlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

PendingRequests::PendingRequests(QObject *parent)
    : QObject(parent)
{
}

PendingRequests::~PendingRequests() = default;

qint64 PendingRequests::add(const QString &op, QObject *context, ReplyHandler handler, int timeoutMs)
{
    const qint64 id = m_nextId++;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, id] { expire(id); });
    timer->start(timeoutMs);
    m_entries.emplace(id, Entry{op, QPointer<QObject>(context), context != nullptr,
                                std::move(handler), timer});
    return id;
}

bool PendingRequests::resolve(const ServerMessage &reply)
{
    if (!reply.id.isDouble())
        return false;
    const auto it = m_entries.find(reply.id.toInteger());
    if (it == m_entries.end())
        return false;
    Entry entry = std::move(it->second);
    m_entries.erase(it);
    deliver(std::move(entry), reply);
    return true;
}

void PendingRequests::failAll(const ProtocolError &error)
{
    // Handlers may issue new requests; those must not be failed by this call.
    std::map<qint64, Entry> entries;
    entries.swap(m_entries);
    for (auto &[id, entry] : entries) {
        ServerMessage reply = localErrorReply(error);
        reply.id = QJsonValue(double(id));
        deliver(std::move(entry), reply);
    }
}

ServerMessage PendingRequests::localErrorReply(const ProtocolError &error)
{
    ServerMessage reply;
    reply.kind = ServerMessage::Kind::Reply;
    reply.ok = false;
    reply.error = error;
    return reply;
}

void PendingRequests::expire(qint64 id)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    Entry entry = std::move(it->second);
    m_entries.erase(it);
    qCWarning(lcClientConnection) << "request" << id << entry.op << "timed out";
    ServerMessage reply = localErrorReply(ProtocolError{ErrorCode::Unavailable, u"timeout"_s, {}});
    reply.id = QJsonValue(double(id));
    deliver(std::move(entry), reply);
}

void PendingRequests::deliver(Entry entry, const ServerMessage &reply)
{
    // deleteLater: expire() runs inside this timer's own timeout signal.
    entry.timer->stop();
    entry.timer->deleteLater();
    if (entry.hasContext && entry.context.isNull())
        return;
    if (entry.handler)
        entry.handler(reply);
}

} // namespace recordlock
