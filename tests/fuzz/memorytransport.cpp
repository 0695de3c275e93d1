#include "memorytransport.h"

#include "fuzzfailure.h"

using namespace Qt::StringLiterals;

namespace recordlock::fuzz {

MemoryTransport::MemoryTransport(SendHook onSend, CloseHook onClose)
    : m_onSend(std::move(onSend))
    , m_onClose(std::move(onClose))
{
}

MemoryTransport::~MemoryTransport() = default;

void MemoryTransport::deliver(const QString &message)
{
    if (!m_finished)
        Q_EMIT textMessageReceived(message);
}

void MemoryTransport::deliverBinary(const QByteArray &message)
{
    if (!m_finished)
        Q_EMIT binaryMessageReceived(message);
}

void MemoryTransport::dropFromPeer()
{
    if (m_finished)
        return;
    m_finished = true;
    m_dropped = true;
    QMetaObject::invokeMethod(this, &MessageTransport::disconnected, Qt::QueuedConnection);
}

void MemoryTransport::sendTextMessage(const QString &message)
{
    // Until the server hears of a drop, what it sends is lost in the network.
    if (m_dropped)
        return;
    // ClientConnection promises silence once it closed the connection.
    require(!m_finished, u"the server sent a message on a connection it had closed"_s, message.toUtf8());
    m_onSend(message);
}

qint64 MemoryTransport::bytesToWrite() const
{
    return 0; // the harness reads everything at once
}

void MemoryTransport::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    Q_UNUSED(reason);
    finish(int(code));
}

void MemoryTransport::abort()
{
    finish(0);
}

void MemoryTransport::ping()
{
    QMetaObject::invokeMethod(this, &MessageTransport::pong, Qt::QueuedConnection);
}

QHostAddress MemoryTransport::peerAddress() const
{
    return QHostAddress(QHostAddress::LocalHost);
}

quint16 MemoryTransport::peerPort() const
{
    return 0;
}

void MemoryTransport::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_onClose(code);
    // A real socket reports the end later, from the event loop; handlers rely on that.
    QMetaObject::invokeMethod(this, &MessageTransport::disconnected, Qt::QueuedConnection);
}

} // namespace recordlock::fuzz
