#include "client/lockevents.h"

#include <QJsonArray>

#include "client/clientlogging.h"
#include "client/connection.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

namespace recordlock {

LockEvents::LockEvents(Connection *connection, QObject *parent)
    : QObject(parent)
{
    if (connection)
        connect(connection, &Connection::eventReceived, this, &LockEvents::handleEvent);
}

void LockEvents::handleEvent(const ServerMessage &message)
{
    if (message.kind != ServerMessage::Kind::Event)
        return;
    const QJsonObject &body = message.body;
    const QString &name = message.event;

    if (name == events::RecordUpdated) {
        auto record = RecordData::fromJson(body.value(u"record"_s).toObject());
        if (!record) {
            qCWarning(lcClientLocks) << "record_updated without a record for" << message.recordId;
            return;
        }
        QStringList changed;
        const QJsonArray names = body.value(u"changedFields"_s).toArray();
        for (const QJsonValue &field : names)
            changed.append(field.toString());
        emit recordUpdated(*record, changed, message.seq);
        return;
    }

    auto lock = LockInfo::fromJson(body.value(u"lock"_s).toObject());
    if (!lock) {
        qCWarning(lcClientLocks) << "event" << name << "without a valid lock for" << message.recordId;
        return;
    }
    // The event's own seq is the one the protocol defines for ordering; the lock's copy should match.
    lock->seq = message.seq;
    const Holder previous = Holder::fromJson(body.value(u"previousHolder"_s).toObject());
    const QString reason = body.value(u"reason"_s).toString();

    if (name == events::LockAcquired)
        emit lockAcquired(*lock);
    else if (name == events::LockRenewed)
        emit lockRenewed(*lock);
    else if (name == events::LockReleased)
        emit lockReleased(*lock, reason, previous);
    else if (name == events::LockExpired)
        emit lockExpired(*lock, previous);
    else if (name == events::LockHolderPresence)
        emit holderPresenceChanged(*lock);
    else if (name == events::LockOverride)
        emit lockOverridden(*lock, previous, Holder::fromJson(body.value(u"by"_s).toObject()), reason);
    else if (name == events::LockDenied)
        emit lockDenied(*lock);
    else
        qCDebug(lcClientLocks) << "ignoring unknown event" << name;
}

} // namespace recordlock
