#include "bench/qtbenchsocket.h"

#include "protocol/limits.h"

using namespace Qt::StringLiterals;

namespace recordlock {

QtBenchSocket::QtBenchSocket(QObject *parent)
    : BenchSocket(parent)
{
    m_socket.setParent(this);
    m_socket.setMaxAllowedIncomingMessageSize(quint64(limits::ClientMaxMessageBytes));
    m_socket.setMaxAllowedIncomingFrameSize(quint64(limits::ClientMaxMessageBytes));
    connect(&m_socket, &QWebSocket::connected, this, &BenchSocket::connected);
    connect(&m_socket, &QWebSocket::disconnected, this, &BenchSocket::disconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { Q_EMIT textReceived(text.toUtf8()); });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &) { Q_EMIT binaryReceived(); });
}

void QtBenchSocket::open(const QUrl &url)
{
    m_socket.open(url);
}

void QtBenchSocket::sendText(const QByteArray &utf8)
{
    m_socket.sendTextMessage(QString::fromUtf8(utf8));
}

void QtBenchSocket::close()
{
    m_socket.close();
}

QString QtBenchSocket::endReason() const
{
    return u"%1 (close code %2 %3)"_s.arg(m_socket.errorString()).arg(int(m_socket.closeCode())).arg(m_socket.closeReason());
}

} // namespace recordlock
