#pragma once

#include <functional>
#include <variant>

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include "client/connection.h"
#include "client/lockstate.h"
#include "client/takeoverresult.h"
#include "protocol/protocolerror.h"
#include "protocol/servermessage.h"

namespace recordlock {

class LockEvents;

/// Lock operations of one window and the LockState of every record it looks at.
///
/// States are created on demand, owned by the service and kept for its lifetime, so widgets may
/// hold the pointers. Subscriptions belong to the connection: after every sign-in (including the
/// automatic resume that precedes Connection::reconnected()) the service subscribes again and
/// takes the replies as new baselines; while not Online every state shows Offline.
class LockService : public QObject
{
    Q_OBJECT

public:
    /// The request a failure belongs to.
    enum class Operation { Watch, WatchAll, Acquire, Renew, Release, Refresh, TakeOver };
    Q_ENUM(Operation)

    /// Receives the answer to takeOver(): the outcome and new lock, or the error.
    using TakeOverCallback = std::function<void(const std::variant<TakeOverResult, ProtocolError> &)>;

    /// connection and events must outlive the service.
    LockService(Connection *connection, LockEvents *events, QObject *parent = nullptr);
    ~LockService() override;

    /// The state of recordId, created (Unknown, or Offline when not online) on first use.
    LockState *state(const QString &recordId);
    /// The state of recordId if one exists, else nullptr.
    LockState *existingState(const QString &recordId) const;
    /// Every state created so far.
    QList<LockState *> states() const;
    /// Record ids whose state is HeldByMe.
    QStringList heldRecords() const;
    /// The connection requests go through.
    Connection *connection() const { return m_connection; }
    /// Lock TTL of the current session (0 before sign-in).
    qint64 lockTtlMs() const;

    /// Subscribes to recordId and applies the current lock; kept across reconnects.
    void watch(const QString &recordId);
    /// Stops the subscription; the state stays but is only updated by this window's own requests.
    void unwatch(const QString &recordId);
    /// subscribe_all: events of every record; creates states for recordIds (e.g. a list's rows).
    void watchAll(const QStringList &recordIds);
    /// unsubscribe_all.
    void unwatchAll();
    /// Asks for the lock: Pending at once, then HeldByMe, HeldByMeElsewhere or HeldByOther.
    void acquire(const QString &recordId, bool switchSession = false);
    /// Renews a lock this window holds.
    void renew(const QString &recordId);
    /// Releases a lock this window holds.
    void release(const QString &recordId);
    /// Fetches the current lock (get_lock) and applies it.
    void refresh(const QString &recordId);
    /// Admin override: takes the lock from whoever holds it (Pending at once, then HeldByMe).
    /// expectHolder is the holder handle the user was shown (empty: none, e.g. the lock looked
    /// free); the server answers lock_changed, and the state shows the new lock, when it no longer
    /// holds. callback runs once with the result or the error unless context is destroyed first;
    /// failures are also reported through operationFailed(Operation::TakeOver, ...).
    void takeOver(const QString &recordId, const QString &reason, const QString &expectHolder, QObject *context,
                  TakeOverCallback callback);

signals:
    /// A new state was created (LockRenewer follows these).
    void stateCreated(recordlock::LockState *state);
    /// A request failed; the state already shows whatever the error told (e.g. the holder).
    void operationFailed(recordlock::LockService::Operation operation, const QString &recordId,
                         const recordlock::ProtocolError &error);

private:
    void connectEvents(LockEvents *events);
    LockState *stateForEvent(const QString &recordId);
    void onConnectionStateChanged(Connection::State state);
    void onSignedIn(const SessionInfo &session);
    void subscribe(const QString &recordId, const QString &lossReason);
    void subscribeAll();
    void requestLock(Operation operation, QAnyStringView op, const QJsonObject &args, const QString &recordId,
                     const QString &lossReason);
    void onLockReply(Operation operation, const QString &recordId, const ServerMessage &reply,
                     const QString &lossReason);
    void handleFailure(Operation operation, const QString &recordId, const ProtocolError &error);
    void failLater(Operation operation, const QString &recordId, const ProtocolError &error);

    Connection *m_connection;
    QHash<QString, LockState *> m_states;
    QSet<QString> m_watched;
    bool m_watchAll = false;
};

} // namespace recordlock
