#include "server/walcheckpointer.h"

#include <chrono>
#include <optional>

#include <sqlite3.h>

#include "server/serverlogging.h"
#include "server/sqlitestatement.h"

namespace recordlock {

namespace {
/// Passes in a row before the background thread sleeps again, however much each one left.
constexpr int MaxPassesInARow = 8;
/// Intervals the background thread waits for the serving thread to finish before it goes on.
constexpr int FinishWaitIntervals = 8;
} // namespace

WalCheckpointer::WalCheckpointer(const QSqlDatabase &serving, const QString &path, Settings settings)
    : m_serving(serving)
    , m_path(path)
    , m_settings(settings)
{
}

WalCheckpointer::~WalCheckpointer()
{
    if (m_thread.joinable()) {
        // A pass in progress stops between frames instead of copying the whole log first.
        if (m_background)
            sqlite3_interrupt(m_background);
        m_thread.request_stop();
        m_wake.notify_all();
        m_thread.join();
    }
    if (m_background)
        sqlite3_close_v2(m_background);
}

bool WalCheckpointer::start(QString *error)
{
    sqlite3 *serving = SqliteStatement::handleOf(m_serving);
    if (!serving) {
        *error = QStringLiteral("not an open SQLite connection");
        return false;
    }
    const int rc = sqlite3_open_v2(m_path.toUtf8().constData(), &m_background,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        *error = QString::fromUtf8(m_background ? sqlite3_errmsg(m_background) : sqlite3_errstr(rc));
        sqlite3_close_v2(m_background);
        m_background = nullptr;
        return false;
    }
    // Reading the schema opens the file's write-ahead log for this connection too.
    if (sqlite3_exec(m_background, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(m_background));
        sqlite3_close_v2(m_background);
        m_background = nullptr;
        return false;
    }
    // The backstop only matters if this thread falls far behind: the writer then checkpoints
    // itself, as SQLite does by default at 1,000 frames.
    sqlite3_wal_autocheckpoint(serving, m_settings.backstopFrames);
    m_lastRestartWanted = std::chrono::steady_clock::now();
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
    return true;
}

void WalCheckpointer::run(std::stop_token stop)
{
    std::unique_lock lock(m_mutex);
    while (!stop.stop_requested()) {
        m_wake.wait_for(lock, stop, std::chrono::milliseconds(m_settings.intervalMs), [] { return false; });
        // The serving thread finishes after its next group commit; writes outside requests
        // (expiries, orphan graces) commit without one. Do not wait for it for ever.
        if (m_finishWanted.load() && ++m_idleWhileWanted >= FinishWaitIntervals)
            m_finishWanted.store(false);
        if (!m_finishWanted.load())
            m_idleWhileWanted = 0;
        // While the serving thread is asked to finish, a pass here would only make it wait.
        // Otherwise passes follow each other: each one leaves only what was committed during it.
        // After a short one, or after MaxPassesInARow under a writer too fast for that, the
        // serving thread copies the rest: far less than SQLite's own checkpoint would.
        for (int pass = 1; !m_finishWanted.load() && !stop.stop_requested(); ++pass) {
            const std::optional<int> fresh = backgroundPass();
            if (!fresh || !restartDue())
                break;
            if (*fresh <= m_settings.finishFrames || pass >= MaxPassesInARow) {
                m_lastRestartWanted = std::chrono::steady_clock::now();
                m_finishWanted.store(true);
                break;
            }
        }
    }
}

bool WalCheckpointer::restartDue() const
{
    // Every finish costs the serving thread two fdatasync()s, which stall the requests waiting
    // behind them now and then: a busy writer gets a long log and few finishes, a quiet one a
    // short log (the file keeps the largest size the log reached).
    if (m_lastLogFrames >= m_settings.busyRestartFrames)
        return true;
    return m_lastLogFrames >= m_settings.restartFrames
        && std::chrono::steady_clock::now() - m_lastRestartWanted
        >= std::chrono::milliseconds(m_settings.restartIntervalMs);
}

std::optional<int> WalCheckpointer::backgroundPass()
{
    int logFrames = 0;
    int copiedFrames = 0;
    const int rc = sqlite3_wal_checkpoint_v2(m_background, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copiedFrames);
    if (rc != SQLITE_OK) {
        // SQLITE_BUSY: another connection is checkpointing; the next pass tries again.
        if (rc != SQLITE_BUSY && rc != SQLITE_INTERRUPT)
            qCWarning(lcStorage) << "background checkpoint failed:" << sqlite3_errmsg(m_background);
        return std::nullopt;
    }
    ++m_passes;
    // A pass copies what was committed up to its start; what the writer committed meanwhile is
    // left for the next one. Frames this pass saw that the last did not measure that.
    const int fresh = logFrames >= m_lastLogFrames ? logFrames - m_lastLogFrames : logFrames;
    m_lastLogFrames = logFrames;
    return fresh;
}

void WalCheckpointer::finishPending()
{
    if (!m_finishWanted.load(std::memory_order_relaxed))
        return;
    sqlite3 *serving = SqliteStatement::handleOf(m_serving);
    if (!serving || !sqlite3_get_autocommit(serving))
        return; // inside a transaction: the next call finishes
    int logFrames = 0;
    int copiedFrames = 0;
    const int rc = sqlite3_wal_checkpoint_v2(serving, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copiedFrames);
    if (rc == SQLITE_BUSY)
        return; // the background thread is still in a pass; the next call finishes
    m_finishWanted.store(false);
    if (rc != SQLITE_OK) {
        qCWarning(lcStorage) << "finishing a checkpoint failed:" << sqlite3_errmsg(serving);
        return;
    }
    ++m_finished;
    if (copiedFrames < logFrames)
        qCDebug(lcStorage) << "checkpoint left" << logFrames - copiedFrames << "frames: a reader holds them";
}

} // namespace recordlock
