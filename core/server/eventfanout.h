#pragma once

#include <QObject>
#include <QStringList>

#include "server/lockevent.h"
#include "server/lockview.h"

namespace recordlock {

class ClientConnection;
class Clock;
class ServerMetrics;
class SessionRegistry;
struct RecordData;

/// Delivers broadcast events to a record's watchers and the subscribe_all connections (and a
/// lock_override also to the displaced session). Each recipient gets its own view of the lock,
/// but each distinct view is encoded only once.
class EventFanout : public QObject
{
    Q_OBJECT

public:
    /// registry and clock must outlive the fan-out.
    EventFanout(SessionRegistry &registry, const Clock &clock, QObject *parent = nullptr);

    /// Sends a lock event or record_updated to everyone watching its record.
    void publish(const recordlock::LockEvent &event);
    /// The record as record_updated carries it: only the changedFields of its fields.
    static QJsonObject changedPart(const RecordData &record, const QStringList &changedFields);
    /// Counts every message sent in metrics (not owned; nullptr: not counted).
    void setMetrics(ServerMetrics *metrics) { m_metrics = metrics; }

private:
    void publishRecordUpdated(const LockEvent &event);
    /// The record's watchers and, for lock_override, the displaced session's connection; each once.
    QList<ClientConnection *> recipientsOf(const LockEvent &event) const;
    static QJsonObject lockEventBody(const LockEvent &event, LockView::Audience lockAudience,
                                     LockView::Audience previousAudience);

    SessionRegistry &m_registry;
    const Clock &m_clock;
    ServerMetrics *m_metrics = nullptr;
};

} // namespace recordlock
