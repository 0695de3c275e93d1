#pragma once

#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

namespace recordlock {

/// A private redis-server for --compare-redis: no TCP port, a Unix socket in a temporary
/// directory, no persistence (`--save ''`), as the plain recipe would be measured at its best.
class RedisServer : public QObject
{
    Q_OBJECT

public:
    /// How long redis-server may take to create its socket.
    static constexpr int StartTimeoutMs = 10'000;

    explicit RedisServer(QString program, QObject *parent = nullptr);
    ~RedisServer() override;

    /// Starts it; started() or failed() follows.
    void start();
    /// Stops it (SIGTERM, then SIGKILL).
    void stop();
    /// The Unix socket path.
    QString socketPath() const;
    /// The server's process id.
    qint64 pid() const { return m_process.processId(); }

Q_SIGNALS:
    /// The socket exists.
    void started();
    /// redis-server did not start.
    void failed(const QString &why);

private:
    QString m_program;
    QTemporaryDir m_dir;
    QProcess m_process;
    QTimer m_poll;
    int m_waitedMs = 0;
    bool m_stopping = false;
};

} // namespace recordlock
