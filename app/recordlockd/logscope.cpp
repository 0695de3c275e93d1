#include "logscope.h"

#include <QAbstractEventDispatcher>
#include <QString>

#include <unistd.h>

#include "common/clock.h"
#include "common/jsonlogformatter.h"

namespace recordlock {

namespace {

/// The installed scope: Qt's handler is a plain function and cannot carry one.
LogScope *installedScope = nullptr;

bool isUrgent(QtMsgType type)
{
    return type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg;
}

} // namespace

LogScope::LogScope(const Clock &clock, bool json)
    : m_clock(clock)
    , m_json(json)
    , m_writer(STDERR_FILENO)
{
    Q_ASSERT(!installedScope);
    installedScope = this;
    m_previous = qInstallMessageHandler(&LogScope::handle);
}

LogScope::~LogScope()
{
    QObject::disconnect(m_flushBeforeBlocking);
    qInstallMessageHandler(m_previous);
    installedScope = nullptr;
    // m_writer flushes what is left as it is destroyed.
}

void LogScope::batchUntilBlocking(QAbstractEventDispatcher *dispatcher)
{
    if (!dispatcher)
        return;
    m_flushBeforeBlocking = QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, dispatcher,
                                             [this] { m_writer.flush(); });
    m_writer.startBatching();
}

void LogScope::stopBatching()
{
    QObject::disconnect(m_flushBeforeBlocking);
    m_writer.stopBatching();
}

void LogScope::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogScope *scope = installedScope;
    QByteArray line;
    if (scope->m_json) {
        const QString category = context.category ? QString::fromUtf8(context.category) : QString();
        line = JsonLogFormatter::format(scope->m_clock.nowMs(), type, category, message);
    } else {
        // What Qt's own handler writes to stderr.
        const QString formatted = qFormatLogMessage(type, context, message);
        if (formatted.isNull())
            return;
        line = formatted.toLocal8Bit();
    }
    line += '\n';
    scope->m_writer.write(line, isUrgent(type));
}

} // namespace recordlock
