#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QTcpSocket>

namespace recordlock::test {

/// A bare TCP connection to 127.0.0.1 for what no HTTP or WebSocket client does on its own:
/// send nothing, send half a request, or watch whether the server closes the connection unanswered.
class RawConnection
{
public:
    /// Starts connecting at once; the clock for closedAfterMs() starts here too.
    explicit RawConnection(quint16 port);

    /// True once the TCP connection was established (the server may have closed it since).
    bool waitForConnected(int timeoutMs = 5000);
    /// Queues bytes as they are.
    void write(const QByteArray &bytes);
    /// Waits until the server has closed the connection, collecting what it sent meanwhile.
    bool waitForClosed(int timeoutMs = 5000);
    /// Waits until the bytes received contain text; false on timeout or if the connection closed first.
    bool waitForText(const QByteArray &text, int timeoutMs = 5000);
    /// True while the TCP connection is up.
    bool isOpen() const;
    /// Everything the server sent so far.
    QByteArray received() const { return m_received; }
    /// Milliseconds from construction until waitForClosed() saw the close; -1 before.
    qint64 closedAfterMs() const { return m_closedAfterMs; }

private:
    void collect();

    QTcpSocket m_socket;
    QElapsedTimer m_opened;
    QByteArray m_received;
    qint64 m_closedAfterMs = -1;
    bool m_connected = false;
};

} // namespace recordlock::test
