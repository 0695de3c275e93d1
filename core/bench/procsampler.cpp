#include "bench/procsampler.h"

#include <unistd.h>

#include <QFile>

#include "bench/benchclock.h"

using namespace Qt::StringLiterals;

namespace recordlock {

ProcSampler::ProcSampler(qint64 pid, QObject *parent)
    : QObject(parent)
    , m_pid(pid)
{
    m_timer.setInterval(SampleIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ProcSampler::sample);
}

void ProcSampler::start()
{
    m_startTicks = readCpuTicks(m_pid);
    m_startNs = BenchClock::nowNs();
    m_valid = m_pid > 0 && m_startTicks >= 0;
    if (!m_valid)
        return;
    sample();
    m_timer.start();
}

void ProcSampler::stop()
{
    // A second stop() keeps the first window.
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    if (!m_valid)
        return;
    m_stopTicks = readCpuTicks(m_pid);
    m_stopNs = BenchClock::nowNs();
    sample();
    m_valid = m_stopTicks >= 0;
}

double ProcSampler::cpuPercent() const
{
    const qint64 wallNs = m_stopNs - m_startNs;
    if (!m_valid || wallNs <= 0)
        return 0;
    const double cpuSeconds = double(m_stopTicks - m_startTicks) / double(::sysconf(_SC_CLK_TCK));
    return 100.0 * cpuSeconds / (double(wallNs) / 1e9);
}

QJsonObject ProcSampler::toJson() const
{
    if (!m_valid)
        return QJsonObject{{u"pid"_s, double(m_pid)}, {u"available"_s, false}};
    return QJsonObject{{u"pid"_s, double(m_pid)},
                       {u"cpuPercent"_s, cpuPercent()},
                       {u"rssMiB"_s, double(m_lastRssKiB) / 1024.0},
                       {u"peakRssMiB"_s, double(m_peakRssKiB) / 1024.0}};
}

void ProcSampler::sample()
{
    const qint64 rss = readRssKiB(m_pid);
    if (rss < 0)
        return;
    m_lastRssKiB = rss;
    m_peakRssKiB = std::max(m_peakRssKiB, rss);
}

QList<QByteArray> ProcSampler::statFields(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = file.readAll();
    // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    return stat.mid(close + 2).split(' ');
}

qint64 ProcSampler::readCpuTicks(qint64 pid)
{
    const QList<QByteArray> fields = statFields(pid);
    // utime (14) and stime (15) are at 11 and 12.
    if (fields.size() < 13)
        return -1;
    return fields[11].toLongLong() + fields[12].toLongLong();
}

qint64 ProcSampler::readRssKiB(qint64 pid)
{
    QFile file(u"/proc/%1/status"_s.arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return -1;
    // /proc files report size 0, so atEnd() cannot be trusted: read it all at once.
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

} // namespace recordlock
