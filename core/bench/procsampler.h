#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>

namespace recordlock {

/// Reads a process's CPU time and resident memory from /proc/<pid> over a window: CPU% is
/// (utime + stime) used in the window over its wall time (100% = one core busy); RSS is the
/// last reading and the highest seen (sampled every SampleIntervalMs).
class ProcSampler : public QObject
{
    Q_OBJECT

public:
    /// How often the peak RSS is read during the window.
    static constexpr int SampleIntervalMs = 250;

    explicit ProcSampler(qint64 pid, QObject *parent = nullptr);

    /// Starts the window.
    void start();
    /// Ends the window (once; later calls change nothing).
    void stop();
    /// False if /proc/<pid> could not be read.
    bool valid() const { return m_valid; }
    /// CPU use over the window in percent of one core.
    double cpuPercent() const;
    /// Resident set size at stop(), KiB.
    qint64 rssKiB() const { return m_lastRssKiB; }
    /// Highest resident set size seen, KiB.
    qint64 peakRssKiB() const { return m_peakRssKiB; }
    /// {"pid", "cpuPercent", "rssMiB", "peakRssMiB"}; {"pid", "available": false} if unreadable.
    QJsonObject toJson() const;

    /// The fields of /proc/<pid>/stat after the command name: index 0 is field 3 (state), so
    /// field n is at n - 3. Empty if unreadable.
    static QList<QByteArray> statFields(qint64 pid);
    /// utime + stime of pid in clock ticks; -1 if unreadable.
    static qint64 readCpuTicks(qint64 pid);
    /// VmRSS of pid in KiB; -1 if unreadable.
    static qint64 readRssKiB(qint64 pid);

private:
    void sample();

    qint64 m_pid;
    QTimer m_timer;
    qint64 m_startTicks = 0;
    qint64 m_stopTicks = 0;
    qint64 m_startNs = 0;
    qint64 m_stopNs = 0;
    qint64 m_lastRssKiB = 0;
    qint64 m_peakRssKiB = 0;
    bool m_valid = false;
};

} // namespace recordlock
