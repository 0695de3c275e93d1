#pragma once

#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

namespace recordlock {

/// Starts a private recordlockd for a bench run: loopback, port 0 (read back from --port-file),
/// a temporary data directory, demo users, and the per-session limits switched off when the
/// binary knows the flags (a load generator is one address with many sessions per user).
class ServerLauncher : public QObject
{
    Q_OBJECT

public:
    /// How long the server may take to write its port file.
    static constexpr int StartTimeoutMs = 20'000;

    explicit ServerLauncher(QString program, QObject *parent = nullptr);
    ~ServerLauncher() override;

    /// Makes the next start() use the Redis lock store at redisUrl (--store redis --redis-url).
    void setRedisLockStore(const QString &redisUrl) { m_redisUrl = redisUrl; }
    /// Starts the server seeded with demoRecords generated records if it supports
    /// --demo-records, with a lock TTL of lockTtlSeconds (0: its default); started() or failed() follows.
    void start(int demoRecords, double lockTtlSeconds = 0);
    /// Stops the server (SIGTERM, then SIGKILL after 5 s).
    void stop();

    /// ws://127.0.0.1:PORT/ws once started.
    QUrl url() const { return m_url; }
    /// The server's process id once started.
    qint64 pid() const { return m_process.processId(); }
    /// Options of recordlockd's --help that this run passed or left out, for the report.
    const QStringList &notes() const { return m_notes; }

    /// The recordlockd to run: explicit if given, else next to this program, else from PATH.
    static QString locate(const QString &explicitPath);

Q_SIGNALS:
    /// The server listens at url().
    void started();
    /// The server could not be started.
    void failed(const QString &why);

private:
    void pollPortFile();
    QString portFilePath() const;

    QString m_program;
    QTemporaryDir m_dir;
    QProcess m_process;
    QTimer m_poll;
    QUrl m_url;
    QString m_redisUrl;
    QStringList m_notes;
    int m_waitedMs = 0;
    bool m_stopping = false;
};

} // namespace recordlock
