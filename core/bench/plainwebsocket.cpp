#include "bench/plainwebsocket.h"

#include <array>
#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QHostAddress>
#include <QHostInfo>
#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>
#include <QUtf8StringView>

#include "websocket/websocketframewriter.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

using Opcode = WebSocketFrameReader::Opcode;

/// How long close() waits for the server's close frame before dropping the connection.
constexpr int CloseTimeoutMs = 5000;
/// One read() takes this much; a wake-up reads again only while reads fill it.
constexpr std::size_t ReadChunk = 64 * 1024;
/// Reads per wake-up at most, so one busy socket cannot starve the others.
constexpr int MaxReadsPerWakeUp = 4;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QByteArray closePayload(quint16 code)
{
    const char bytes[2] = {char(code >> 8), char(code & 0xff)};
    return QByteArray(bytes, 2);
}

} // namespace

PlainWebSocket::PlainWebSocket(QObject *parent)
    : BenchSocket(parent)
{
}

PlainWebSocket::~PlainWebSocket()
{
    // The notifiers must leave the event dispatcher before their descriptor is closed.
    m_readNotifier.reset();
    m_writeNotifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

void PlainWebSocket::open(const QUrl &url)
{
    if (m_state != State::Idle)
        return;
    m_handshake = std::make_unique<WebSocketHandshake>(url);
    connectTo(url);
}

void PlainWebSocket::connectTo(const QUrl &url)
{
    QHostAddress address(url.host());
    if (address.isNull())
        address = QHostInfo::fromName(url.host()).addresses().value(0);
    if (address.isNull())
        return endLater(u"host %1 not found"_s.arg(url.host()));
    const quint16 port = quint16(url.port(80));
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, bytes.c, sizeof bytes.c);
        length = sizeof *in6;
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof *in4;
    }
    m_fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return endLater(u"socket(): %1"_s.arg(errnoText(errno)));
    // Requests are single small frames: each must leave at once, as QWebSocket's do.
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    m_readNotifier = std::make_unique<QSocketNotifier>(qintptr(m_fd), QSocketNotifier::Read);
    m_readNotifier->setEnabled(false);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this, &PlainWebSocket::onReadable);
    m_writeNotifier = std::make_unique<QSocketNotifier>(qintptr(m_fd), QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, &PlainWebSocket::onWritable);

    m_state = State::Connecting;
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0 && errno != EINPROGRESS)
        return endLater(u"connect(): %1"_s.arg(errnoText(errno)));
    // Writable once the TCP handshake has finished, successfully or not.
    m_writeNotifier->setEnabled(true);
}

void PlainWebSocket::sendText(const QByteArray &utf8)
{
    if (m_state == State::Open)
        queue(WebSocketFrameWriter::encode(Opcode::Text, utf8));
}

void PlainWebSocket::close()
{
    switch (m_state) {
    case State::Idle:
    case State::Closing:
    case State::Closed:
        return;
    case State::Connecting:
    case State::Handshaking:
        end(u"closed before it was open"_s);
        return;
    case State::Open:
        break;
    }
    m_state = State::Closing;
    queue(WebSocketFrameWriter::encode(Opcode::Close, closePayload(1000)));
    QTimer::singleShot(CloseTimeoutMs, this, [this] {
        if (m_state == State::Closing)
            end(u"the server did not answer the close frame"_s);
    });
}

void PlainWebSocket::onWritable()
{
    if (m_state == State::Connecting) {
        int error = 0;
        socklen_t size = sizeof error;
        ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &size);
        if (error != 0)
            return end(u"connect: %1"_s.arg(errnoText(error)));
        m_writeNotifier->setEnabled(false);
        m_state = State::Handshaking;
        m_readNotifier->setEnabled(true);
        queue(m_handshake->request());
        return;
    }
    writeOut();
}

void PlainWebSocket::onReadable()
{
    std::array<char, ReadChunk> buffer;
    const QPointer<PlainWebSocket> alive(this);
    for (int i = 0; i < MaxReadsPerWakeUp && alive && m_fd >= 0; ++i) {
        const ssize_t n = ::read(m_fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                end(u"read: %1"_s.arg(errnoText(errno)));
            return;
        }
        if (n == 0) {
            end(m_state == State::Closing ? QString() : u"the server closed the connection without a close frame"_s);
            return;
        }
        received(QByteArrayView(buffer.data(), n));
        if (std::size_t(n) < buffer.size())
            return;
    }
}

void PlainWebSocket::received(QByteArrayView bytes)
{
    if (m_state == State::Handshaking)
        return handshakeBytes(bytes);
    m_reader.append(bytes);
    frames();
}

void PlainWebSocket::handshakeBytes(QByteArrayView bytes)
{
    m_head.append(bytes);
    const std::optional<qsizetype> headLength = WebSocketHandshake::headLength(m_head);
    if (!headLength) {
        if (m_head.size() > WebSocketHandshake::MaxHeadBytes)
            end(u"handshake response longer than %1 bytes"_s.arg(WebSocketHandshake::MaxHeadBytes));
        return;
    }
    const QString problem = m_handshake->check(m_head.left(*headLength));
    if (!problem.isEmpty())
        return end(u"handshake: %1"_s.arg(problem));
    // Frames may follow the head in the same read.
    m_reader.append(QByteArrayView(m_head).sliced(*headLength));
    m_head.clear();
    m_state = State::Open;
    const QPointer<PlainWebSocket> alive(this);
    Q_EMIT connected();
    if (alive)
        frames();
}

void PlainWebSocket::frames()
{
    const QPointer<PlainWebSocket> alive(this);
    while (alive && (m_state == State::Open || m_state == State::Closing)) {
        std::optional<WebSocketFrameReader::Message> message = m_reader.next();
        if (!message)
            break;
        switch (message->opcode) {
        case Opcode::Text:
            if (!QUtf8StringView(message->payload).isValidUtf8())
                return failConnection(1007, u"text message that is not UTF-8"_s);
            if (m_state == State::Open)
                Q_EMIT textReceived(message->payload);
            break;
        case Opcode::Binary:
            if (m_state == State::Open)
                Q_EMIT binaryReceived();
            break;
        case Opcode::Ping:
            queue(WebSocketFrameWriter::encode(Opcode::Pong, message->payload));
            break;
        case Opcode::Pong:
        case Opcode::Continuation:
            break;
        case Opcode::Close:
            return closeFrame(message->payload);
        }
    }
    if (alive && m_reader.failed())
        failConnection(1002, m_reader.error());
}

void PlainWebSocket::closeFrame(const QByteArray &payload)
{
    if (m_state == State::Closing)
        return end({});
    quint16 code = 1005;
    QString reason;
    if (payload.size() >= 2) {
        code = quint16(quint8(payload[0]) << 8 | quint8(payload[1]));
        reason = QString::fromUtf8(payload.sliced(2));
    }
    // Echo the close, then end: the server closes the TCP connection after it.
    queue(WebSocketFrameWriter::encode(Opcode::Close, payload.size() >= 2 ? closePayload(code) : QByteArray()));
    end(u"closed by the server (close code %1 %2)"_s.arg(code).arg(reason));
}

void PlainWebSocket::failConnection(quint16 code, const QString &why)
{
    queue(WebSocketFrameWriter::encode(Opcode::Close, closePayload(code)));
    end(u"protocol error from the server: %1"_s.arg(why));
}

void PlainWebSocket::queue(const QByteArray &bytes)
{
    if (m_fd < 0)
        return;
    m_out.append(bytes);
    if (!m_writeNotifier->isEnabled())
        writeOut();
}

void PlainWebSocket::writeOut()
{
    while (m_outOffset < m_out.size()) {
        const ssize_t n = ::send(m_fd, m_out.constData() + m_outOffset, std::size_t(m_out.size() - m_outOffset),
                                 MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                m_writeNotifier->setEnabled(true);
                return;
            }
            if (errno == EINTR)
                continue;
            return end(u"write: %1"_s.arg(errnoText(errno)));
        }
        m_outOffset += n;
    }
    m_out.clear();
    m_outOffset = 0;
    m_writeNotifier->setEnabled(false);
}

void PlainWebSocket::end(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_endReason = reason;
    // Disabled notifiers are out of the dispatcher, so the descriptor can be closed at once.
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_out.clear();
    m_outOffset = 0;
    Q_EMIT disconnected();
}

void PlainWebSocket::endLater(const QString &reason)
{
    // open() must not report before it returns, as QWebSocket does not.
    QTimer::singleShot(0, this, [this, reason] { end(reason); });
}

} // namespace recordlock
