#pragma once

#include <memory>

#include <QObject>
#include <QSocketNotifier>

namespace recordlock {

/// Turns SIGTERM and SIGINT into a Qt signal. The C handler only writes a byte to a socketpair;
/// the event loop reads it, so nothing unsafe runs inside the handler.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    /// Installs the handlers; only one watcher may exist at a time.
    explicit SignalWatcher(QObject *parent = nullptr);
    /// Restores the default handlers.
    ~SignalWatcher() override;

    /// False if the socketpair or the handlers could not be set up.
    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    /// SIGTERM or SIGINT arrived.
    void terminationRequested(int signalNumber);

private:
    static void onSignal(int signalNumber);
    void readSignal();

    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace recordlock
