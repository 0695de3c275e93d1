#pragma once

#include <memory>

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

namespace recordlock {

/// A load-generator session's WebSocket, as BenchSession needs it: text messages in UTF-8
/// both ways. PlainWebSocket serves ws:// URLs; QtBenchSocket (QWebSocket) serves wss://.
class BenchSocket : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// The implementation for url's scheme.
    static std::unique_ptr<BenchSocket> create(const QUrl &url);

    /// Connects; connected() or disconnected() follows.
    virtual void open(const QUrl &url) = 0;
    /// Sends one text message (UTF-8).
    virtual void sendText(const QByteArray &utf8) = 0;
    /// Starts the closing handshake; disconnected() follows.
    virtual void close() = 0;
    /// Why the connection ended or failed to open, with the close code and reason if any.
    virtual QString endReason() const = 0;

Q_SIGNALS:
    /// The opening handshake completed.
    void connected();
    /// The connection ended, or could not be opened.
    void disconnected();
    /// A whole text message arrived (UTF-8).
    void textReceived(const QByteArray &utf8);
    /// A whole binary message arrived, which the protocol never sends.
    void binaryReceived();
};

} // namespace recordlock
