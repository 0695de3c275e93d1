#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace recordlock::test {

/// A private PostgreSQL cluster for one test (initdb + pg_ctl in a temporary directory, as the
/// postgres system user when the test runs as root), so the test may stop and start it without
/// disturbing the server other tests share.
class PostgresProcess
{
public:
    /// Finds the PostgreSQL binaries and creates the temporary directory; nothing runs yet.
    PostgresProcess();
    /// Stops the cluster if it runs.
    ~PostgresProcess();
    PostgresProcess(const PostgresProcess &) = delete;
    PostgresProcess &operator=(const PostgresProcess &) = delete;

    /// initdb, then start() on a free port; false (see output()) on failure.
    bool create();
    /// pg_ctl start on the cluster's port, waiting until it accepts connections.
    bool start();
    /// pg_ctl stop -m fast: open connections are terminated, as in a restart of the service.
    bool stop();

    /// postgresql://postgres@127.0.0.1:PORT/postgres
    QString url() const;
    /// What initdb and pg_ctl printed, and the server log, for failure messages.
    QString output() const;

private:
    bool run(const QString &tool, const QStringList &arguments, int timeoutMs);

    QTemporaryDir m_dir;
    QString m_binDir;
    quint16 m_port = 0;
    bool m_running = false;
    QByteArray m_output;
};

} // namespace recordlock::test
