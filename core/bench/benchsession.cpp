#include "bench/benchsession.h"

#include <QJsonDocument>

#include "bench/benchclock.h"
#include "bench/errortally.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Server messages can be large (list pages); the protocol asks clients to accept 16 MiB.
constexpr qint64 MaxIncomingBytes = 16 * 1024 * 1024;

} // namespace

BenchSession::BenchSession(QString sessionId, ErrorTally &errors, QObject *parent)
    : QObject(parent)
    , m_sessionId(std::move(sessionId))
    , m_errors(errors)
{
    m_socket.setParent(this);
    m_socket.setMaxAllowedIncomingMessageSize(quint64(MaxIncomingBytes));
    m_socket.setMaxAllowedIncomingFrameSize(quint64(MaxIncomingBytes));
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_open = true;
        Q_EMIT opened();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, &BenchSession::onDisconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &BenchSession::onText);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &) { protocolViolation(u"binary frame from the server"_s); });
}

void BenchSession::open(const QUrl &url)
{
    m_socket.open(url);
}

void BenchSession::send(QJsonObject request, ReplyHandler handler)
{
    const qint64 id = m_nextId++;
    request.insert(u"id"_s, double(id));
    m_pending.push_back(Pending{id, std::move(handler)});
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)));
}

void BenchSession::close()
{
    m_closing = true;
    m_open = false;
    m_socket.close();
}

void BenchSession::onText(const QString &text)
{
    const qint64 arrivalNs = BenchClock::nowNs();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (!document.isObject()) {
        protocolViolation(u"not a JSON object: %1"_s.arg(parseError.errorString()));
        return;
    }
    const QJsonObject message = document.object();
    const QString type = message.value(u"type"_s).toString();
    if (!message.value(u"serverTime"_s).isDouble()) {
        protocolViolation(u"message without serverTime"_s);
        return;
    }
    if (type == u"event") {
        Q_EMIT eventReceived(message, arrivalNs);
        return;
    }
    if (type != u"reply") {
        protocolViolation(u"unknown message type \"%1\""_s.arg(type));
        return;
    }
    if (m_pending.empty()) {
        protocolViolation(u"reply without a request"_s);
        return;
    }
    const QJsonValue id = message.value(u"id"_s);
    if (!id.isDouble() || qint64(id.toDouble()) != m_pending.front().id || !message.value(u"ok"_s).isBool()) {
        protocolViolation(u"reply out of order or malformed (expected id %1)"_s.arg(m_pending.front().id));
        return;
    }
    Pending pending = std::move(m_pending.front());
    m_pending.pop_front();
    pending.handler(message, arrivalNs);
}

void BenchSession::onDisconnected()
{
    const bool wasOpen = m_open;
    m_open = false;
    if (m_closing)
        return;
    m_errors.addError(wasOpen ? u"closed"_s : u"connect"_s,
                      u"session %1: %2 (close code %3 %4)"_s.arg(m_sessionId, m_socket.errorString())
                          .arg(int(m_socket.closeCode()))
                          .arg(m_socket.closeReason()));
    m_pending.clear();
    Q_EMIT failed();
}

void BenchSession::protocolViolation(const QString &detail)
{
    m_errors.addError(u"protocol"_s, u"session %1: %2"_s.arg(m_sessionId, detail));
}

} // namespace recordlock
