#include "bench/benchsession.h"

#include <QJsonDocument>

#include "bench/benchclock.h"
#include "bench/benchsocket.h"
#include "bench/errortally.h"

using namespace Qt::StringLiterals;

namespace recordlock {

BenchSession::BenchSession(QString sessionId, ErrorTally &errors, QObject *parent)
    : QObject(parent)
    , m_sessionId(std::move(sessionId))
    , m_errors(errors)
{
}

BenchSession::~BenchSession() = default;

void BenchSession::open(const QUrl &url)
{
    m_socket = BenchSocket::create(url);
    connect(m_socket.get(), &BenchSocket::connected, this, [this] {
        m_open = true;
        Q_EMIT opened();
    });
    connect(m_socket.get(), &BenchSocket::disconnected, this, &BenchSession::onDisconnected);
    connect(m_socket.get(), &BenchSocket::textReceived, this, &BenchSession::onText);
    connect(m_socket.get(), &BenchSocket::binaryReceived, this,
            [this] { protocolViolation(u"binary frame from the server"_s); });
    m_socket->open(url);
}

void BenchSession::send(QJsonObject request, ReplyHandler handler)
{
    const qint64 id = m_nextId++;
    request.insert(u"id"_s, double(id));
    m_pending.push_back(Pending{id, std::move(handler)});
    Q_ASSERT(m_socket); // open() first
    m_socket->sendText(QJsonDocument(request).toJson(QJsonDocument::Compact));
}

void BenchSession::close()
{
    m_closing = true;
    m_open = false;
    if (m_socket)
        m_socket->close();
}

void BenchSession::onText(const QByteArray &utf8)
{
    const qint64 arrivalNs = BenchClock::nowNs();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
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
                      u"session %1: %2"_s.arg(m_sessionId, m_socket->endReason()));
    m_pending.clear();
    Q_EMIT failed();
}

void BenchSession::protocolViolation(const QString &detail)
{
    m_errors.addError(u"protocol"_s, u"session %1: %2"_s.arg(m_sessionId, detail));
}

} // namespace recordlock
