#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>

namespace recordlock {

/// A loopback TCP echo server living in the benchmarked thread: every accepted socket, idle or
/// not, keeps its read notifier registered with that thread's event dispatcher.
class EchoServer : public QObject
{
    Q_OBJECT
public:
    /// Listens on 127.0.0.1 with a port of the kernel's choosing; 0 on failure.
    quint16 listen();
    /// Connections accepted so far (read from the client thread).
    int acceptedCount() const { return m_accepted.load(); }

private:
    void acceptPending();

    QTcpServer m_server{this};
    std::vector<std::unique_ptr<QTcpSocket>> m_sockets;
    std::atomic<int> m_accepted{0};
};

} // namespace recordlock
