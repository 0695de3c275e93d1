#pragma once

#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

namespace recordlock {

/// A private redis-server: no TCP port, a Unix socket in a temporary directory, no RDB
/// snapshots (`--save ''`). --compare-redis runs it without persistence (the plain recipe at its
/// best); the lock store of a started recordlockd runs it with an append-only file fsynced every
/// second, the durable setting a deployment would use.
class RedisServer : public QObject
{
    Q_OBJECT

public:
    /// How long redis-server may take to create its socket.
    static constexpr int StartTimeoutMs = 10'000;

    /// What redis-server keeps on disk.
    enum class Persistence { None, AppendOnlyEverySec };

    explicit RedisServer(QString program, Persistence persistence = Persistence::None, QObject *parent = nullptr);
    ~RedisServer() override;

    /// Starts it; started() or failed() follows.
    void start();
    /// Stops it (SIGTERM, then SIGKILL).
    void stop();
    /// The Unix socket path.
    QString socketPath() const;
    /// The server's process id.
    qint64 pid() const { return m_process.processId(); }
    /// The persistence it runs with.
    Persistence persistence() const { return m_persistence; }
    /// Its persistence as redis.conf settings, for reports ("appendonly yes, appendfsync everysec").
    QString persistenceText() const;

Q_SIGNALS:
    /// The socket exists.
    void started();
    /// redis-server did not start.
    void failed(const QString &why);

private:
    QString m_program;
    Persistence m_persistence;
    QTemporaryDir m_dir;
    QProcess m_process;
    QTimer m_poll;
    int m_waitedMs = 0;
    bool m_stopping = false;
};

} // namespace recordlock
