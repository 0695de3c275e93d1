#include "jsonlogscope.h"

#include <cstdio>

#include <QString>

#include "common/clock.h"
#include "common/jsonlogformatter.h"

namespace recordlock {

namespace {

/// The clock of the installed handler: Qt's handler is a plain function and cannot carry one.
const Clock *jsonLogClock = nullptr;

void writeJsonLogLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString category = context.category ? QString::fromUtf8(context.category) : QString();
    const QByteArray line = JsonLogFormatter::format(jsonLogClock->nowMs(), type, category, message) + '\n';
    // One fwrite per line (stdio locks the stream): lines of different threads never interleave.
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

JsonLogScope::JsonLogScope(const Clock &clock)
{
    Q_ASSERT(!jsonLogClock);
    jsonLogClock = &clock;
    m_previous = qInstallMessageHandler(writeJsonLogLine);
}

JsonLogScope::~JsonLogScope()
{
    qInstallMessageHandler(m_previous);
    jsonLogClock = nullptr;
}

} // namespace recordlock
