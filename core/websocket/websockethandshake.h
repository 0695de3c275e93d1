#pragma once

#include <optional>

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace recordlock {

/// Client side of the RFC 6455 opening handshake: the upgrade request for a ws:// URL and the
/// check of the server's answer.
class WebSocketHandshake
{
public:
    /// A handshake for url with the given Sec-WebSocket-Key (base64 of 16 random bytes).
    WebSocketHandshake(QUrl url, QByteArray key);
    /// The same with a fresh random key.
    explicit WebSocketHandshake(QUrl url);

    /// The HTTP request to send.
    QByteArray request() const;
    /// The Sec-WebSocket-Accept value the server must answer with.
    QByteArray expectedAccept() const;
    /// Bytes of the response up to and including the blank line ending its head, or nothing
    /// while the head is incomplete (beyond maxBytes it is an error, see check()).
    static std::optional<qsizetype> headLength(const QByteArray &received);
    /// An empty string if head (status line and headers) accepts the upgrade, else why not.
    QString check(const QByteArray &head) const;

    /// A response head longer than this is refused.
    static constexpr qsizetype MaxHeadBytes = 16 * 1024;

private:
    QUrl m_url;
    QByteArray m_key;
};

} // namespace recordlock
