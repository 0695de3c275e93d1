#include "epolleventdispatcher.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <ctime>

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimerEvent>

Q_LOGGING_CATEGORY(lcEventLoop, "recordlock.eventloop")

namespace recordlock {

namespace {

constexpr int maxEventsPerPass = 256;

/// Epoll event bits that activate each notifier type (index = QSocketNotifier::Type). Errors and
/// hang-ups go to every enabled notifier, as with Qt's poll()-based dispatcher: whichever is
/// enabled must see them, or a level-triggered HUP would wake the loop forever.
constexpr std::array<quint32, 3> activatingEvents{EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP,
                                                  EPOLLOUT | EPOLLHUP | EPOLLERR,
                                                  EPOLLPRI | EPOLLHUP | EPOLLERR};
constexpr std::array<quint32, 3> requestedEvents{EPOLLIN, EPOLLOUT, EPOLLPRI};

timespec toTimespec(qint64 ns)
{
    return timespec{time_t(ns / 1'000'000'000), long(ns % 1'000'000'000)};
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
{
    m_epollFd = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epollFd < 0 || m_wakeFd < 0) {
        qCWarning(lcEventLoop) << "cannot create epoll/eventfd descriptors, errno" << errno;
        return;
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    if (epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &event) != 0)
        qCWarning(lcEventLoop) << "cannot watch the wake-up eventfd, errno" << errno;
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epollFd >= 0)
        ::close(m_epollFd);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false);
    emit awake();
    QCoreApplication::sendPostedEvents();

    const bool includeNotifiers = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    const bool includeTimers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
    // Posted events need no check here: postEvent() calls wakeUp(), so the eventfd is readable.
    const bool canWait = flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupted.load()
        && ((m_pending.empty() && m_deferredWrites.empty()) || !includeNotifiers);
    if (canWait)
        emit aboutToBlock();
    if (m_interrupted.load())
        return false;

    int processed = 0;
    std::optional<qint64> timeoutNs = qint64(0);
    if (canWait)
        timeoutNs = includeTimers ? m_timers.waitNs(nowNs()) : std::nullopt;
    if (includeNotifiers && (!m_alwaysReadyFds.empty() || !m_deferredWrites.empty()))
        timeoutNs = 0;
    processed += wait(timeoutNs, includeNotifiers);
    if (includeNotifiers)
        processed += activateSocketNotifiers();
    if (includeTimers)
        processed += activateTimers();
    // Last: replies written by this pass's socket, timer and posted-event handlers go out now.
    if (includeNotifiers)
        processed += activateDeferredWrites();
    return processed > 0;
}

int EpollEventDispatcher::wait(std::optional<qint64> timeoutNs, bool includeNotifiers)
{
    int woken = 0;
    if (!includeNotifiers) {
        // Only the wake-up fd: sockets stay in the epoll set, unpolled, until notifiers are wanted.
        pollfd wake{m_wakeFd, POLLIN, 0};
        timespec ts{};
        if (timeoutNs)
            ts = toTimespec(*timeoutNs);
        if (ppoll(&wake, 1, timeoutNs ? &ts : nullptr, nullptr) > 0 && (wake.revents & POLLIN)) {
            drainWakeUp();
            woken = 1;
        }
        return woken;
    }

    std::array<epoll_event, maxEventsPerPass> events;
    int count = -1;
    if (m_havePwait2) {
        timespec ts{};
        if (timeoutNs)
            ts = toTimespec(*timeoutNs);
        count = epoll_pwait2(m_epollFd, events.data(), int(events.size()), timeoutNs ? &ts : nullptr, nullptr);
        if (count < 0 && errno == ENOSYS)
            m_havePwait2 = false;
    }
    if (!m_havePwait2) {
        // Rounded up: waking before the deadline would only spin until it.
        const int ms = timeoutNs ? int(std::min<qint64>((*timeoutNs + 999'999) / 1'000'000, 0x7fffffff)) : -1;
        count = epoll_wait(m_epollFd, events.data(), int(events.size()), ms);
    }
    if (count < 0 && errno != EINTR)
        qCWarning(lcEventLoop) << "epoll_wait failed, errno" << errno;
    for (int i = 0; i < count; ++i) {
        if (events[i].data.fd == m_wakeFd) {
            drainWakeUp();
            woken = 1;
        } else {
            queueReady(events[i].data.fd, events[i].events);
        }
    }
    for (const int fd : m_alwaysReadyFds)
        queueReady(fd, EPOLLIN | EPOLLOUT);
    return woken;
}

void EpollEventDispatcher::queueReady(int fd, quint32 events)
{
    const auto it = m_fds.find(fd);
    if (it == m_fds.end())
        return;
    for (int type = 0; type < 3; ++type) {
        FdNotifiers &entry = it->second;
        if (entry.notifiers[type] && (events & activatingEvents[type]) && !entry.pending[type]) {
            entry.pending[type] = true;
            m_pending.emplace_back(fd, type);
        }
    }
}

int EpollEventDispatcher::activateSocketNotifiers()
{
    int activated = 0;
    // unregisterSocketNotifier() clears the pending flag, so a notifier that is disabled or
    // deleted by an earlier slot of this pass is never touched.
    while (!m_pending.empty()) {
        const auto [fd, type] = m_pending.front();
        m_pending.pop_front();
        const auto it = m_fds.find(fd);
        if (it == m_fds.end() || !it->second.pending[type] || !it->second.notifiers[type])
            continue;
        it->second.pending[type] = false;
        QSocketNotifier *notifier = it->second.notifiers[type];
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    return activated;
}

int EpollEventDispatcher::activateDeferredWrites()
{
    int activated = 0;
    // Bounded by the notifiers waiting now: one enabled by these activations waits for the next
    // pass (which does not block while any wait). unregisterSocketNotifier() clears the flag,
    // so a notifier disabled or deleted by an earlier activation is never touched.
    std::size_t budget = m_deferredWrites.size();
    while (budget-- > 0 && !m_deferredWrites.empty()) {
        const int fd = m_deferredWrites.front();
        m_deferredWrites.pop_front();
        auto it = m_fds.find(fd);
        if (it == m_fds.end() || !it->second.writeDeferred || !it->second.notifiers[QSocketNotifier::Write])
            continue;
        it->second.writeDeferred = false;
        QSocketNotifier *notifier = it->second.notifiers[QSocketNotifier::Write];
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
        // Still enabled: the socket did not take everything, so epoll has to say when it can.
        it = m_fds.find(fd);
        if (it != m_fds.end() && it->second.notifiers[QSocketNotifier::Write] == notifier)
            updateFd(fd, it->second);
    }
    return activated;
}

int EpollEventDispatcher::activateTimers()
{
    if (m_timers.size() == 0)
        return 0;
    const qint64 now = nowNs();
    int activated = 0;
    for (const int id : m_timers.dueIds(now)) {
        // beginFire() re-checks: an earlier timer event may have killed or restarted this one.
        QObject *object = m_timers.beginFire(id, now);
        if (!object)
            continue;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        m_timers.endFire(id);
        ++activated;
    }
    return activated;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || type < 0 || type > 2)
        return;
    FdNotifiers &entry = m_fds[fd];
    if (entry.notifiers[type] && entry.notifiers[type] != notifier)
        qCWarning(lcEventLoop) << "multiple socket notifiers for fd" << fd << "and type" << type;
    entry.notifiers[type] = notifier;
    if (type == QSocketNotifier::Write && entry.kernelMask != 0 && !(entry.kernelMask & EPOLLOUT)
        && !entry.polledAlways && !entry.writeDeferred) {
        entry.writeDeferred = true;
        m_deferredWrites.push_back(fd);
    }
    updateFd(fd, entry);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    const auto it = m_fds.find(fd);
    if (it == m_fds.end() || type < 0 || type > 2 || it->second.notifiers[type] != notifier)
        return;
    it->second.notifiers[type] = nullptr;
    it->second.pending[type] = false;
    if (type == QSocketNotifier::Write)
        it->second.writeDeferred = false;
    updateFd(fd, it->second);
}

void EpollEventDispatcher::updateFd(int fd, FdNotifiers &entry)
{
    quint32 mask = 0;
    for (int type = 0; type < 3; ++type) {
        if (entry.notifiers[type])
            mask |= requestedEvents[type];
    }
    if (entry.writeDeferred) {
        if (mask & ~EPOLLOUT) {
            mask &= ~EPOLLOUT;
        } else {
            // Nothing else keeps the fd in the epoll set: watch for writability there after all.
            entry.writeDeferred = false;
        }
    }
    if (mask == entry.kernelMask)
        return;

    if (entry.polledAlways) {
        entry.kernelMask = mask;
        if (mask == 0) {
            m_alwaysReadyFds.erase(fd);
            m_fds.erase(fd);
        }
        return;
    }

    epoll_event event{};
    event.events = mask;
    event.data.fd = fd;
    if (mask == 0) {
        // ENOENT/EBADF: the fd was closed before its notifier went; the kernel already dropped it.
        control(EPOLL_CTL_DEL, fd, nullptr);
        m_fds.erase(fd);
        return;
    }
    int rc = control(entry.kernelMask == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
    if (rc != 0 && errno == ENOENT)
        rc = control(EPOLL_CTL_ADD, fd, &event);
    else if (rc != 0 && errno == EEXIST)
        rc = control(EPOLL_CTL_MOD, fd, &event);
    if (rc != 0 && errno == EPERM) {
        // Regular files and the like: poll() always reports them ready, so do the same.
        entry.polledAlways = true;
        m_alwaysReadyFds.insert(fd);
        rc = 0;
    }
    if (rc != 0)
        qCWarning(lcEventLoop) << "epoll_ctl failed for fd" << fd << "errno" << errno;
    entry.kernelMask = mask;
}

int EpollEventDispatcher::control(int op, int fd, epoll_event *event)
{
    ++m_epollCtlCalls;
    return epoll_ctl(m_epollFd, op, fd, event);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    if (timerId < 1 || interval < 0 || !object) {
        qCWarning(lcEventLoop) << "registerTimer: invalid arguments";
        return;
    }
    m_timers.add(timerId, interval, timerType, object, nowNs());
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    return m_timers.remove(timerId);
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    return m_timers.removeAll(object);
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    return m_timers.timersFor(object);
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    return m_timers.remainingMs(timerId, nowNs());
}

void EpollEventDispatcher::wakeUp()
{
    // One write per wake-up cycle: a burst of postEvent() calls costs one syscall.
    if (m_wakeUpPending.exchange(true))
        return;
    const quint64 one = 1;
    while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true);
    wakeUp();
}

void EpollEventDispatcher::drainWakeUp()
{
    quint64 value = 0;
    while (::read(m_wakeFd, &value, sizeof value) < 0 && errno == EINTR) {
    }
    // Cleared after the read: a wakeUp() in between is covered because this pass returns and the
    // next one sends posted events before it can block.
    m_wakeUpPending.store(false);
}

qint64 EpollEventDispatcher::nowNs()
{
    // The dispatcher needs a monotonic clock; recordlock::Clock is wall time for lock expiry.
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace recordlock
