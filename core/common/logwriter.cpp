#include "common/logwriter.h"

#include <cerrno>

#include <QThread>

#include <poll.h>
#include <unistd.h>

namespace recordlock {

LogWriter::LogWriter(int fd)
    : m_fd(fd)
{
}

LogWriter::~LogWriter()
{
    flush();
}

void LogWriter::startBatching()
{
    const std::lock_guard lock(m_mutex);
    m_batchingThread = QThread::currentThreadId();
}

void LogWriter::stopBatching()
{
    const std::lock_guard lock(m_mutex);
    m_batchingThread = nullptr;
    writeQueuedLocked();
}

void LogWriter::write(QByteArrayView line, bool urgent)
{
    const std::lock_guard lock(m_mutex);
    if (!urgent && m_batchingThread == QThread::currentThreadId()) {
        m_queued += line;
        if (m_queued.size() >= MaxQueuedBytes)
            writeQueuedLocked();
        return;
    }
    writeQueuedLocked();
    writeAll(line);
}

void LogWriter::flush()
{
    const std::lock_guard lock(m_mutex);
    writeQueuedLocked();
}

qsizetype LogWriter::queuedBytes() const
{
    const std::lock_guard lock(m_mutex);
    return m_queued.size();
}

void LogWriter::writeQueuedLocked()
{
    if (m_queued.isEmpty())
        return;
    writeAll(m_queued);
    m_queued.resize(0); // keeps the capacity for the next pass
}

void LogWriter::writeAll(QByteArrayView bytes)
{
    // Lines that cannot be written (stderr closed, a reader that stopped reading a non-blocking
    // pipe for longer than StalledWriteMs) are dropped: logging must not stop the server.
    while (!bytes.isEmpty()) {
        const ssize_t written = ::write(m_fd, bytes.data(), size_t(bytes.size()));
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd writable{m_fd, POLLOUT, 0};
            if (::poll(&writable, 1, StalledWriteMs) > 0)
                continue;
            return;
        }
        if (written <= 0)
            return;
        bytes = bytes.sliced(written);
    }
}

} // namespace recordlock
