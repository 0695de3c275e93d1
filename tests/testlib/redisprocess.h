#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace recordlock::test {

/// Runs a private redis-server on 127.0.0.1 for tests, with an append-only file synced on every
/// write so that a stop, a restart or a SIGKILL keeps the data, as in production.
class RedisProcess : public QObject
{
    Q_OBJECT

public:
    /// Prepares the data directory; the server starts with start().
    explicit RedisProcess(QObject *parent = nullptr);
    /// Kills the server if it is running.
    ~RedisProcess() override;

    /// Starts redis-server on a free port and waits until it answers PING; false (see output())
    /// when it did not come up after a few ports were tried.
    bool start();
    /// Starts the server again on the same port and data directory and waits for PING.
    bool restart();
    /// SIGTERM (Redis flushes its append-only file and exits), up to 5 s, then SIGKILL.
    void stop();
    /// Kills the server with SIGKILL, as a crash would, and waits for it to exit.
    void kill9();

    /// True while the process runs.
    bool isRunning() const;
    /// The port; 0 before the first successful start.
    quint16 port() const { return m_port; }
    /// redis://127.0.0.1:PORT
    QString url() const;
    /// Everything redis-server printed (all runs), for failure messages.
    QString output() const;

private:
    bool launch(quint16 port);
    bool waitForExit(int timeoutMs);
    void collectOutput();

    QTemporaryDir m_dataDir;
    QProcess m_process;
    QByteArray m_output;
    quint16 m_port = 0;
};

} // namespace recordlock::test
