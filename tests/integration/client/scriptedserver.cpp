#include "scriptedserver.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QWebSocket>

#include "protocol/codec.h"
#include "protocol/lockinfo.h"
#include "protocol/names.h"
#include "protocol/protocolerror.h"

using namespace Qt::StringLiterals;

namespace recordlock::test {

namespace {

constexpr qint64 Epoch = 1'763'776'800'000;

} // namespace

ScriptedServer::ScriptedServer(QObject *parent)
    : QObject(parent)
    , m_server(u"scripted"_s, QWebSocketServer::NonSecureMode)
{
    m_elapsed.start();
    connect(&m_server, &QWebSocketServer::newConnection, this, &ScriptedServer::onNewConnection);
}

ScriptedServer::~ScriptedServer()
{
    shutDown();
}

bool ScriptedServer::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

void ScriptedServer::shutDown()
{
    m_server.close();
    abortAll();
}

QUrl ScriptedServer::url() const
{
    return QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_port));
}

qint64 ScriptedServer::serverTime() const
{
    return Epoch + m_elapsed.elapsed();
}

void ScriptedServer::reply(QWebSocket *socket, const Request &request, const QJsonObject &result)
{
    socket->sendTextMessage(QString::fromUtf8(Codec::encodeReply(request.id, serverTime(), result)));
}

void ScriptedServer::replyError(QWebSocket *socket, const Request &request, ErrorCode code, const QString &message,
                                const QJsonObject &details)
{
    socket->sendTextMessage(
        QString::fromUtf8(Codec::encodeError(request.id, serverTime(), ProtocolError{code, message, details})));
}

void ScriptedServer::sendEvent(QWebSocket *socket, QAnyStringView event, const QString &recordId, qint64 seq,
                               const QJsonObject &body)
{
    socket->sendTextMessage(
        QString::fromUtf8(Codec::encodeEvent(event.toString(), recordId, seq, serverTime(), body)));
}

void ScriptedServer::broadcastEvent(QAnyStringView event, const QString &recordId, qint64 seq,
                                    const QJsonObject &body)
{
    for (QWebSocket *socket : std::as_const(m_sockets))
        sendEvent(socket, event, recordId, seq, body);
}

QList<Request> ScriptedServer::requests(QAnyStringView op) const
{
    QList<Request> matching;
    for (const Request &request : m_requests) {
        if (request.op == op)
            matching.append(request);
    }
    return matching;
}

void ScriptedServer::closeAll(int closeCode)
{
    const QList<QWebSocket *> sockets = m_sockets;
    for (QWebSocket *socket : sockets)
        socket->close(QWebSocketProtocol::CloseCode(closeCode), u"scripted close"_s);
}

void ScriptedServer::abortAll()
{
    const QList<QWebSocket *> sockets = m_sockets;
    m_sockets.clear();
    for (QWebSocket *socket : sockets) {
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
    }
}

QJsonObject ScriptedServer::sessionResult(const QString &user, const QString &sessionId) const
{
    return QJsonObject{
        {u"token"_s, QString(u"tok-"_s + user)},
        {u"tokenExpiresAt"_s, serverTime() + 3'600'000},
        {u"sessionId"_s, sessionId},
        {u"user"_s, QJsonObject{{u"handle"_s, QString(u"u_"_s + user)}, {u"displayName"_s, user.toUpper()},
                                {u"role"_s, u"editor"_s}}},
        {u"lockTtlMs"_s, m_lockTtlMs},
        {u"orphanGraceMs"_s, 30'000},
        {u"locks"_s, QJsonArray()},
    };
}

void ScriptedServer::onNewConnection()
{
    while (QWebSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        ++m_connectionCount;
        m_sockets.append(socket);
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &text) { onTextMessage(socket, text); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_sockets.removeAll(socket);
            socket->deleteLater();
        });
    }
}

void ScriptedServer::onTextMessage(QWebSocket *socket, const QString &text)
{
    const auto decoded = Codec::decodeRequest(text.toUtf8());
    const Request *request = std::get_if<Request>(&decoded);
    if (!request)
        return;
    m_requests.append(*request);
    if (m_handler && m_handler(socket, *request))
        return;
    answerByDefault(socket, *request);
}

void ScriptedServer::answerByDefault(QWebSocket *socket, const Request &request)
{
    const QString sessionId = request.args.value(u"sessionId"_s).toString();
    if (request.op == ops::Login) {
        const QString user = request.args.value(u"user"_s).toString();
        if (request.args.value(u"password"_s).toString() != user)
            return replyError(socket, request, ErrorCode::InvalidCredentials, u"wrong user name or password"_s);
        return reply(socket, request, sessionResult(user, sessionId));
    }
    if (request.op == ops::Auth) {
        const QString token = request.args.value(u"token"_s).toString();
        if (!token.startsWith(u"tok-"))
            return replyError(socket, request, ErrorCode::Unauthenticated, u"invalid token"_s,
                              {{u"reason"_s, u"invalid"_s}});
        return reply(socket, request, sessionResult(token.mid(4), sessionId));
    }
    if (request.op == ops::Ping)
        return reply(socket, request, {{u"pong"_s, true}});
    if (request.op == ops::Subscribe || request.op == ops::GetLock) {
        LockInfo free;
        free.recordId = request.args.value(u"recordId"_s).toString();
        free.seq = 1;
        return reply(socket, request, {{u"lock"_s, free.toJson()}});
    }
    if (request.op == ops::SubscribeAll)
        return reply(socket, request, {{u"locks"_s, QJsonArray()}});
    if (request.op == ops::Unsubscribe || request.op == ops::UnsubscribeAll || request.op == ops::Logout) {
        reply(socket, request, {});
        if (request.op == ops::Logout)
            socket->close(QWebSocketProtocol::CloseCodeNormal);
        return;
    }
    replyError(socket, request, ErrorCode::UnknownOp, u"not scripted"_s);
}

} // namespace recordlock::test
