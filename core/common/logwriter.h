#pragma once

#include <mutex>

#include <QByteArray>
#include <QByteArrayView>

namespace recordlock {

/// Writes log lines to a file descriptor (stderr). While batching, the lines of the batching
/// thread are queued until flush(), which its event loop calls before it blocks, or until
/// MaxQueuedBytes: one write() per loop pass instead of one per line. Lines of other threads and
/// urgent lines (warnings and worse) go out at once, after what is queued, so lines never change
/// order. Thread-safe.
class LogWriter
{
public:
    /// Queued bytes that make the next line flush at once.
    static constexpr qsizetype MaxQueuedBytes = 64 * 1024;
    /// How long a write waits for a full non-blocking stderr before it drops the rest.
    static constexpr int StalledWriteMs = 100;

    /// fd must stay open while this object lives.
    explicit LogWriter(int fd);
    /// Flushes.
    ~LogWriter();
    LogWriter(const LogWriter &) = delete;
    LogWriter &operator=(const LogWriter &) = delete;

    /// Queues the calling thread's lines from now on.
    void startBatching();
    /// Writes what is queued and queues nothing more.
    void stopBatching();
    /// Writes one line (with its newline), now or with the next flush.
    void write(QByteArrayView line, bool urgent);
    /// Writes what is queued.
    void flush();
    /// Bytes queued (for tests).
    qsizetype queuedBytes() const;

private:
    void writeQueuedLocked();
    void writeAll(QByteArrayView bytes);

    mutable std::mutex m_mutex;
    const int m_fd;
    QByteArray m_queued;
    Qt::HANDLE m_batchingThread = nullptr;
};

} // namespace recordlock
