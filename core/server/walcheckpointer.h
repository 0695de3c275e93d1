#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include <QSqlDatabase>
#include <QString>

struct sqlite3;

namespace recordlock {

/// Keeps SQLite's write-ahead log short without checkpointing on the serving thread. A background
/// thread with its own connection copies committed log frames into the database file (a PASSIVE
/// checkpoint: it never blocks the writer). The log can only start over from its beginning once
/// every frame is copied, which a steady writer never lets the background thread see; so when
/// only a few frames are left, the serving thread copies those itself between two transactions
/// (finishPending()), and its next transaction restarts the log. Under a writer too fast for a
/// short pass, the serving thread is asked anyway after a few passes in a row. A restart is
/// wanted at busyRestartFrames, or at restartFrames once restartIntervalMs have passed since the
/// last one: a busy writer gets fewer finishes, a quiet one a short log.
class WalCheckpointer
{
public:
    struct Settings
    {
        int intervalMs = 250;           ///< how often the background thread copies new frames
        int restartFrames = 8000;       ///< log length (frames) from which a restart is wanted
                                        ///< once restartIntervalMs have passed since the last
        int busyRestartFrames = 80000;  ///< log length from which a restart is wanted at once
        int restartIntervalMs = 10'000; ///< see restartFrames
        int finishFrames = 64;          ///< frames left at most for the serving thread to copy
        int backstopFrames = 150'000;   ///< the serving connection's own wal_autocheckpoint
    };

    /// serving is the server's QSQLITE connection; path is its database file.
    WalCheckpointer(const QSqlDatabase &serving, const QString &path, Settings settings);
    /// Stops and joins the background thread.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    /// Opens the background connection, moves the serving connection's automatic checkpoint to
    /// the backstop and starts the thread; false (with error) if that fails.
    bool start(QString *error);
    /// Serving thread, outside any transaction: copies the last frames if the background thread
    /// asked for it; a single atomic load otherwise.
    void finishPending();

    /// Checkpoints the serving thread finished (for tests and diagnostics).
    qint64 finishedCount() const { return m_finished.load(); }
    /// Background checkpoint passes that copied frames (for tests and diagnostics).
    qint64 backgroundPassCount() const { return m_passes.load(); }

private:
    void run(std::stop_token stop);
    /// One PASSIVE checkpoint; the frames committed since the last one, nullopt if it failed.
    std::optional<int> backgroundPass();
    /// True if the log is long enough for a restart now (background thread).
    bool restartDue() const;

    QSqlDatabase m_serving;
    QString m_path;
    Settings m_settings;
    sqlite3 *m_background = nullptr;
    int m_lastLogFrames = 0;   // background thread only
    int m_idleWhileWanted = 0; // background thread only: intervals spent waiting for a finish
    std::chrono::steady_clock::time_point m_lastRestartWanted; // background thread only
    std::atomic<bool> m_finishWanted{false};
    std::atomic<qint64> m_finished{0};
    std::atomic<qint64> m_passes{0};
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::jthread m_thread;
};

} // namespace recordlock
