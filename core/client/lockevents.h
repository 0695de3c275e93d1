#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include "client/holder.h"
#include "protocol/lockinfo.h"
#include "protocol/recorddata.h"
#include "protocol/servermessage.h"

namespace recordlock {

class Connection;

/// Decodes server events into typed signals; the lock in each signal carries the event's seq.
class LockEvents : public QObject
{
    Q_OBJECT

public:
    /// Listens to connection's eventReceived; connection may be null (feed handleEvent() directly).
    explicit LockEvents(Connection *connection, QObject *parent = nullptr);

    /// Decodes one event message and emits the matching signal; malformed or unknown ones are logged.
    void handleEvent(const recordlock::ServerMessage &message);

signals:
    /// A session was granted the lock (also after a switch).
    void lockAcquired(const recordlock::LockInfo &lock);
    /// The holder renewed.
    void lockRenewed(const recordlock::LockInfo &lock);
    /// The lock was freed: reason is released, logout, disconnected or switched.
    void lockReleased(const recordlock::LockInfo &lock, const QString &reason,
                      const recordlock::Holder &previous);
    /// The holder did not renew in time.
    void lockExpired(const recordlock::LockInfo &lock, const recordlock::Holder &previous);
    /// The holder's connection dropped (connected false, orphanDeadline set) or came back.
    void holderPresenceChanged(const recordlock::LockInfo &lock);
    /// An admin took the lock over: lock is the admin's, previous the displaced holder, by the admin.
    void lockOverridden(const recordlock::LockInfo &lock, const recordlock::Holder &previous,
                        const recordlock::Holder &by, const QString &reason);
    /// This connection's acquire was denied; lock is the holder; seq was not advanced.
    void lockDenied(const recordlock::LockInfo &lock);
    /// A save succeeded: changedOnly holds only the changed fields.
    void recordUpdated(const recordlock::RecordData &changedOnly, const QStringList &changedFields, qint64 seq);
};

} // namespace recordlock
