#include "bench/precisealarm.h"

#include <sys/timerfd.h>
#include <unistd.h>

#include <QSocketNotifier>

#include "bench/benchlogging.h"

namespace recordlock {

PreciseAlarm::PreciseAlarm(QObject *parent)
    : QObject(parent)
    , m_fd(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC))
{
    if (m_fd < 0) {
        qCCritical(lcBench) << "timerfd_create failed";
        return;
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &PreciseAlarm::onReadable);
}

PreciseAlarm::~PreciseAlarm()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

void PreciseAlarm::setAt(qint64 atNs)
{
    if (m_fd < 0)
        return;
    // BenchClock is std::chrono::steady_clock, i.e. CLOCK_MONOTONIC on Linux. A zero value
    // would disarm the timer, so the earliest setting is 1 ns (long past: fires at once).
    const qint64 at = std::max<qint64>(1, atNs);
    itimerspec spec{};
    spec.it_value.tv_sec = time_t(at / 1'000'000'000);
    spec.it_value.tv_nsec = long(at % 1'000'000'000);
    ::timerfd_settime(m_fd, TFD_TIMER_ABSTIME, &spec, nullptr);
}

void PreciseAlarm::cancel()
{
    if (m_fd < 0)
        return;
    const itimerspec spec{};
    ::timerfd_settime(m_fd, 0, &spec, nullptr);
}

void PreciseAlarm::onReadable()
{
    quint64 expirations = 0;
    if (::read(m_fd, &expirations, sizeof expirations) != sizeof expirations)
        return;
    Q_EMIT fired();
}

} // namespace recordlock
