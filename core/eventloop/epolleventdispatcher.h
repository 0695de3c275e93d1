#pragma once

#include <atomic>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <QAbstractEventDispatcher>

#include "eventloop/epolltimerset.h"

class QSocketNotifier;
struct epoll_event;

namespace recordlock {

/// A Linux epoll QAbstractEventDispatcher: one level-triggered epoll entry per fd whose mask is
/// the union of its enabled notifiers, so a loop pass costs O(ready sockets) instead of poll()ing
/// every registered socket as Qt's glib and UNIX dispatchers do. Install with
/// QCoreApplication::setEventDispatcher() before the application object (or QThread's).
///
/// A write notifier enabled on a socket that is already watched for reading is not added to the
/// epoll set at once: it is activated at the end of the same pass, as if the socket were writable
/// (it nearly always is), and only one that stays enabled after that (a full send buffer) is
/// added. A reply or event then costs one write() instead of two epoll_ctl() calls and a second
/// loop pass; a socket that turns out not to be writable reports EAGAIN to Qt, which keeps its data.
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    /// Creates the epoll and eventfd descriptors; check isValid().
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    /// False if epoll_create1 or eventfd failed (out of descriptors); do not install it then.
    bool isValid() const { return m_epollFd >= 0 && m_wakeFd >= 0; }

    /// One loop pass: posted events, ready socket notifiers, due timers (Qt's contract).
    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    /// Adds the notifier's event type to its fd's epoll mask (called when a notifier is enabled).
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    /// Removes the notifier's event type; deletes the epoll entry once the fd has none.
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    /// Starts a timer with Qt's Precise/Coarse/VeryCoarse semantics.
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    /// Stops one timer.
    bool unregisterTimer(int timerId) override;
    /// Stops all timers of object.
    bool unregisterTimers(QObject *object) override;
    /// The timers of object.
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    /// Milliseconds until the timer fires, -1 if unknown.
    int remainingTime(int timerId) override;

    /// Wakes a blocked processEvents(); callable from any thread.
    void wakeUp() override;
    /// Makes the current processEvents() return as soon as possible; callable from any thread.
    void interrupt() override;

    /// Number of fds currently in the epoll set (for tests and diagnostics).
    int watchedFdCount() const { return int(m_fds.size()); }
    /// epoll_ctl() calls made so far (for tests and diagnostics).
    qint64 epollCtlCount() const { return m_epollCtlCalls; }

private:
    struct FdNotifiers
    {
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr}; // Read, Write, Exception
        quint32 kernelMask = 0;     // the events the epoll set holds for this fd
        bool pending[3] = {false, false, false}; // queued in m_pending for activation
        bool writeDeferred = false; // the write notifier waits in m_deferredWrites, not in epoll
        bool polledAlways = false;  // regular files: epoll refuses them, poll() calls them ready
    };

    static qint64 nowNs();
    void updateFd(int fd, FdNotifiers &entry);
    int control(int op, int fd, epoll_event *event);
    int wait(std::optional<qint64> timeoutNs, bool includeNotifiers);
    void queueReady(int fd, quint32 events);
    int activateSocketNotifiers();
    int activateTimers();
    int activateDeferredWrites();
    void drainWakeUp();

    int m_epollFd = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakeUpPending{false};
    std::atomic<bool> m_interrupted{false};
    bool m_havePwait2 = true;
    std::unordered_map<int, FdNotifiers> m_fds;
    std::unordered_set<int> m_alwaysReadyFds;
    std::deque<std::pair<int, int>> m_pending; // fd, notifier type; stale if the flag is clear
    std::deque<int> m_deferredWrites;          // fds; stale if writeDeferred is clear
    qint64 m_epollCtlCalls = 0;
    EpollTimerSet m_timers;
};

} // namespace recordlock
