#pragma once

#include <memory>

#include <QObject>

class QSocketNotifier;

namespace recordlock {

/// A one-shot alarm at an absolute monotonic time with nanosecond resolution (a Linux
/// timerfd). QTimer has millisecond resolution, which would add up to a millisecond of the
/// load generator's own lateness to open-loop latencies measured from the scheduled time.
class PreciseAlarm : public QObject
{
    Q_OBJECT

public:
    explicit PreciseAlarm(QObject *parent = nullptr);
    ~PreciseAlarm() override;

    /// Fires fired() once at BenchClock time atNs (at once if that has passed); replaces any earlier setting.
    void setAt(qint64 atNs);
    /// Cancels a pending alarm.
    void cancel();

Q_SIGNALS:
    /// The alarm time was reached.
    void fired();

private:
    void onReadable();

    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace recordlock
