#pragma once

#include <memory>

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include "serveroptions.h"

namespace recordlock::test {

/// Runs a real recordlockd ($RECORDLOCKD) on 127.0.0.1 for integration tests.
class ServerProcess : public QObject
{
    Q_OBJECT

public:
    using Options = ServerOptions;

    /// Prepares the data directory; the server starts with start().
    explicit ServerProcess(Options options = {}, QObject *parent = nullptr);
    /// Stops the server if it is running.
    ~ServerProcess() override;

    /// Starts the server on a free port (or the previous one after restart) and waits up to 15 s
    /// for it to report its port; false (see output()) when it did not come up.
    bool start();
    /// Kills the server with SIGKILL, as a crash would, and waits for it to exit.
    void kill9();
    /// Starts the server again on the same data directory and, if samePort, on the same port.
    bool restart(bool samePort = true);
    /// SIGTERM, up to 5 s for a clean exit, then SIGKILL.
    void stop();

    /// True while the process runs.
    bool isRunning() const;
    /// True once the last run ended by itself with exit code 0 (e.g. after SIGTERM), not by a signal.
    bool exitedCleanly() const;
    /// The bound port; 0 before the first successful start.
    quint16 port() const { return m_port; }
    /// ws://127.0.0.1:PORT/ws (wss:// with TLS options)
    QUrl wsUrl() const;
    /// http://127.0.0.1:PORT + path (https:// with TLS options)
    QUrl httpUrl(const QString &path) const;
    /// The server's data directory.
    QString dataDir() const;
    /// The server's --db URL (empty: the SQLite file in dataDir()); set once start() ran.
    QString databaseUrl() const { return m_databaseUrl; }
    /// Everything the server printed (stdout and stderr, all runs), for failure messages.
    QString output() const;

private:
    bool resolveBackend();
    bool launch(quint16 listenPort);
    bool waitForExit(int timeoutMs);
    void collectOutput();
    QStringList arguments(quint16 listenPort) const;
    QString portFilePath() const;

    Options m_options;
    /// Holds the port file; separate from the data dir so a restart sees only a fresh file.
    QTemporaryDir m_runDir;
    std::unique_ptr<QTemporaryDir> m_ownedDataDir;
    QProcess m_process;
    QByteArray m_output;
    quint16 m_port = 0;
    /// The backend's --db and Redis values, resolved at the first start and kept for restarts.
    QString m_databaseUrl;
    QString m_redisUrl;
    QString m_redisPrefix;
    bool m_backendResolved = false;
};

} // namespace recordlock::test
