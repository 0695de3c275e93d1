#pragma once

#include <QObject>
#include <QtGlobal>

#include "common/logwriter.h"

class QAbstractEventDispatcher;

namespace recordlock {

class Clock;

/// While it exists, every Qt log message goes to stderr through a LogWriter: as Qt's plain text
/// (QT_MESSAGE_PATTERN applies) or as one JSON line each (--log-format json). While the serving
/// thread's event loop runs, its lines leave in one write per loop pass. The previous handler is
/// back afterwards. One at a time.
class LogScope
{
public:
    /// Installs the handler; clock stamps JSON lines and must outlive this object.
    LogScope(const Clock &clock, bool json);
    /// Writes what is queued and restores the previous handler.
    ~LogScope();
    LogScope(const LogScope &) = delete;
    LogScope &operator=(const LogScope &) = delete;

    /// Queues the calling thread's lines until dispatcher (that thread's) is about to block.
    void batchUntilBlocking(QAbstractEventDispatcher *dispatcher);
    /// Writes what is queued and writes every later line at once.
    void stopBatching();

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);

    const Clock &m_clock;
    const bool m_json;
    LogWriter m_writer;
    QMetaObject::Connection m_flushBeforeBlocking;
    QtMessageHandler m_previous = nullptr;
};

} // namespace recordlock
