#include "testclient.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QTest>
#include <QUuid>

#include "protocol/codec.h"
#include "protocol/limits.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTestClient, "recordlock.test.client", QtWarningMsg)

namespace recordlock::test {

TestClient::TestClient(QObject *parent)
    : QObject(parent)
    , m_sessionId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    // Larger than the server's limit so the client can send oversized messages for tests.
    m_socket.setMaxAllowedIncomingMessageSize(quint64(limits::ClientMaxMessageBytes));
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &TestClient::onTextMessage);
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
}

TestClient::~TestClient()
{
    m_socket.abort();
}

void TestClient::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(certificates);
    m_socket.setSslConfiguration(configuration);
}

bool TestClient::connectTo(const QUrl &url, int timeoutMs)
{
    m_sslErrors.clear();
    m_socket.open(url);
    return QTest::qWaitFor([this] {
        return m_socket.state() == QAbstractSocket::ConnectedState
               || m_socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs) && isConnected();
}

qint64 TestClient::send(QAnyStringView op, const QJsonObject &args)
{
    const qint64 id = ++m_nextId;
    sendRaw(Codec::encodeRequest(id, op.toString(), args));
    return id;
}

ServerMessage TestClient::waitForReply(qint64 id, int timeoutMs)
{
    const QJsonValue wanted(id);
    qsizetype index = -1;
    const bool found = QTest::qWaitFor([&] {
        for (qsizetype i = 0; i < m_untakenReplies.size(); ++i) {
            if (m_untakenReplies.at(i).id == wanted) {
                index = i;
                return true;
            }
        }
        return !isConnected();
    }, timeoutMs);
    if (!found || index < 0)
        return timeoutReply(u"reply %1"_s.arg(id));
    return m_untakenReplies.takeAt(index);
}

ServerMessage TestClient::waitForNextReply(int timeoutMs)
{
    const bool arrived = QTest::qWaitFor([this] { return !m_untakenReplies.isEmpty() || !isConnected(); },
                                         timeoutMs);
    if (!arrived || m_untakenReplies.isEmpty())
        return timeoutReply(u"the next reply"_s);
    return m_untakenReplies.takeFirst();
}

ServerMessage TestClient::request(QAnyStringView op, const QJsonObject &args, int timeoutMs)
{
    return waitForReply(send(op, args), timeoutMs);
}

ServerMessage TestClient::connectAndLogin(const QUrl &url, const QString &user, int timeoutMs)
{
    if (!connectTo(url, timeoutMs)) {
        ServerMessage failed = timeoutReply(u"connection to %1"_s.arg(url.toString()));
        failed.error.message = u"could not connect: "_s + m_socket.errorString();
        return failed;
    }
    return login(user);
}

ServerMessage TestClient::login(const QString &user, const QString &password, const QString &sessionId)
{
    ServerMessage reply = request(ops::Login, QJsonObject{
                                                  {u"user"_s, user},
                                                  {u"password"_s, password.isNull() ? user : password},
                                                  {u"sessionId"_s, sessionId.isNull() ? m_sessionId : sessionId},
                                              });
    if (reply.ok)
        m_token = reply.result.value(u"token"_s).toString();
    return reply;
}

ServerMessage TestClient::auth(const QString &token, const QString &sessionId)
{
    return request(ops::Auth, QJsonObject{
                                  {u"token"_s, token.isNull() ? m_token : token},
                                  {u"sessionId"_s, sessionId.isNull() ? m_sessionId : sessionId},
                              });
}

bool TestClient::waitForEvent(QAnyStringView event, QAnyStringView recordId, ServerMessage *out, int timeoutMs)
{
    const QString wantedEvent = event.toString();
    const QString wantedRecord = recordId.toString();
    qsizetype index = -1;
    const bool found = QTest::qWaitFor([&] {
        for (qsizetype i = 0; i < m_events.size(); ++i) {
            const ServerMessage &candidate = m_events.at(i);
            if (!m_eventTaken.at(i) && candidate.event == wantedEvent
                && (wantedRecord.isEmpty() || candidate.recordId == wantedRecord)) {
                index = i;
                return true;
            }
        }
        return false;
    }, timeoutMs);
    if (!found)
        return false;
    m_eventTaken[index] = true;
    if (out)
        *out = m_events.at(index);
    return true;
}

void TestClient::clearEvents()
{
    m_events.clear();
    m_eventTaken.clear();
}

void TestClient::sendRaw(const QByteArray &text)
{
    m_socket.sendTextMessage(QString::fromUtf8(text));
}

void TestClient::sendBinary(const QByteArray &data)
{
    m_socket.sendBinaryMessage(data);
}

void TestClient::close()
{
    m_socket.close();
}

void TestClient::abort()
{
    m_socket.abort();
}

bool TestClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs);
}

int TestClient::closeCode() const
{
    return int(m_socket.closeCode());
}

bool TestClient::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

QString TestClient::outcome(const ServerMessage &reply)
{
    if (reply.ok)
        return u"ok"_s;
    const QString unknown = reply.error.details.value(u"unknownCode"_s).toString();
    return unknown.isEmpty() ? errorCodeName(reply.error.code) : unknown;
}

QString TestClient::describe(const ServerMessage &message)
{
    if (message.kind == ServerMessage::Kind::Event)
        return QString::fromUtf8(QJsonDocument(message.body).toJson(QJsonDocument::Compact));
    if (message.ok)
        return u"reply ok: "_s + QString::fromUtf8(QJsonDocument(message.result).toJson(QJsonDocument::Compact));
    return u"reply error: "_s + QString::fromUtf8(QJsonDocument(message.error.toJson()).toJson(QJsonDocument::Compact));
}

void TestClient::onTextMessage(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    m_raw.append(bytes);
    ServerMessage message;
    QString error;
    if (!Codec::decodeServerMessage(bytes, &message, &error)) {
        qCWarning(lcTestClient) << "undecodable server message:" << error << bytes;
        return;
    }
    m_messages.append(message);
    if (message.kind == ServerMessage::Kind::Event) {
        m_events.append(message);
        m_eventTaken.append(false);
    } else {
        m_untakenReplies.append(message);
    }
}

ServerMessage TestClient::timeoutReply(const QString &what)
{
    ServerMessage reply;
    reply.ok = false;
    reply.error = ProtocolError{ErrorCode::Internal, u"timeout waiting for reply"_s,
                                QJsonObject{{u"waitingFor"_s, what}}};
    return reply;
}

} // namespace recordlock::test
