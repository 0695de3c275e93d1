#include "websocket/websockethandshake.h"

#include <QCryptographicHash>
#include <QList>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// The fixed GUID of RFC 6455 section 1.3.
constexpr QByteArrayView AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

QByteArray randomKey()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return bytes.toBase64();
}

} // namespace

WebSocketHandshake::WebSocketHandshake(QUrl url, QByteArray key)
    : m_url(std::move(url))
    , m_key(std::move(key))
{
}

WebSocketHandshake::WebSocketHandshake(QUrl url)
    : WebSocketHandshake(std::move(url), randomKey())
{
}

QByteArray WebSocketHandshake::request() const
{
    QByteArray target = m_url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (m_url.hasQuery())
        target += '?' + m_url.query(QUrl::FullyEncoded).toUtf8();
    QByteArray host = m_url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (m_url.port() != -1)
        host += ':' + QByteArray::number(m_url.port());
    return "GET " + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + m_key
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

QByteArray WebSocketHandshake::expectedAccept() const
{
    const QByteArray keyAndGuid = m_key + AcceptGuid.toByteArray();
    return QCryptographicHash::hash(keyAndGuid, QCryptographicHash::Sha1).toBase64();
}

std::optional<qsizetype> WebSocketHandshake::headLength(const QByteArray &received)
{
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    return end + 4;
}

QString WebSocketHandshake::check(const QByteArray &head) const
{
    const QList<QByteArray> lines = head.trimmed().split('\n');
    const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
    if (status.size() < 2 || !status[0].startsWith("HTTP/1.1"))
        return u"not an HTTP/1.1 response"_s;
    if (status[1] != "101")
        return u"upgrade refused with HTTP %1"_s.arg(QString::fromLatin1(lines.value(0).trimmed()));
    bool upgrade = false;
    bool connection = false;
    QByteArray accept;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return u"malformed header line"_s;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "upgrade")
            upgrade = value.toLower() == "websocket";
        else if (name == "connection")
            connection = value.toLower().contains("upgrade");
        else if (name == "sec-websocket-accept")
            accept = value;
        else if (name == "sec-websocket-extensions" || name == "sec-websocket-protocol")
            return u"the server chose %1, which was not offered"_s.arg(QString::fromLatin1(name));
    }
    if (!upgrade || !connection)
        return u"Upgrade or Connection header missing"_s;
    if (accept != expectedAccept())
        return u"wrong Sec-WebSocket-Accept"_s;
    return {};
}

} // namespace recordlock
