#include "server/eventfanout.h"

#include <QHash>
#include <QJsonArray>

#include "common/clock.h"
#include "protocol/codec.h"
#include "protocol/names.h"
#include "protocol/recorddata.h"
#include "server/clientconnection.h"
#include "server/servermetrics.h"
#include "server/sessionregistry.h"

using namespace Qt::StringLiterals;

namespace recordlock {

EventFanout::EventFanout(SessionRegistry &registry, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_clock(clock)
{
}

void EventFanout::publish(const LockEvent &event)
{
    if (event.event == events::RecordUpdated)
        return publishRecordUpdated(event);
    const QList<ClientConnection *> recipients = recipientsOf(event);
    if (recipients.isEmpty())
        return;
    const qint64 now = m_clock.nowMs();
    // Key: how the recipient relates to the current holder and to the previous one (3 x 3).
    // QWebSocket takes UTF-16 text: convert once per variant, not once per recipient.
    QHash<int, QString> encoded;
    qint64 sent = 0;
    for (ClientConnection *connection : recipients) {
        if (connection->isClosing() || !connection->isAuthenticated())
            continue;
        const QString &sessionId = connection->sessionId();
        const qint64 userId = connection->user().id;
        const LockView::Audience lockAudience = event.lock.held
            ? LockView::audienceOf(event.lock.sessionId, event.lock.userId, sessionId, userId)
            : LockView::Audience::Other;
        const LockView::Audience previousAudience = event.previousHolder
            ? LockView::audienceOf(event.previousHolder->sessionId, event.previousHolder->userId, sessionId, userId)
            : LockView::Audience::Other;
        const int key = int(lockAudience) * 3 + int(previousAudience);
        auto it = encoded.constFind(key);
        if (it == encoded.constEnd()) {
            it = encoded.insert(key, QString::fromUtf8(Codec::encodeEvent(
                                         event.event, event.lock.recordId, event.lock.seq, now,
                                         lockEventBody(event, lockAudience, previousAudience))));
        }
        connection->sendEncoded(*it);
        ++sent;
    }
    if (m_metrics)
        m_metrics->eventsFannedOut(sent);
}

QList<ClientConnection *> EventFanout::recipientsOf(const LockEvent &event) const
{
    QList<ClientConnection *> recipients = m_registry.recipients(event.lock.recordId);
    // The displaced window must learn of an override even if it watches nothing: its editor has
    // to turn read-only before the user types on into a save that will be refused.
    if (event.event == events::LockOverride && event.previousHolder) {
        ClientConnection *displaced = m_registry.connectionOf(event.previousHolder->sessionId);
        // The session check guards against a connection that has since switched to another session.
        if (displaced && displaced->sessionId() == event.previousHolder->sessionId && !recipients.contains(displaced))
            recipients.append(displaced);
    }
    return recipients;
}

QJsonObject EventFanout::changedPart(const RecordData &record, const QStringList &changedFields)
{
    // The title and version come from the whole record; fields only as far as they changed.
    QJsonObject json = record.toJson(false);
    QJsonObject fields;
    for (const QString &name : changedFields)
        fields.insert(name, record.fields.value(name));
    json.insert(u"fields"_s, fields);
    return json;
}

void EventFanout::publishRecordUpdated(const LockEvent &event)
{
    const QList<ClientConnection *> recipients = m_registry.recipients(event.lock.recordId);
    if (recipients.isEmpty())
        return;
    const QJsonObject body{
        {u"record"_s, event.record},
        {u"changedFields"_s, QJsonArray::fromStringList(event.changedFields)},
    };
    const QString message = QString::fromUtf8(Codec::encodeEvent(QString(events::RecordUpdated), event.lock.recordId,
                                                                 event.lock.seq, m_clock.nowMs(), body));
    qint64 sent = 0;
    for (ClientConnection *connection : recipients) {
        if (!connection->isClosing() && connection->isAuthenticated()) {
            connection->sendEncoded(message);
            ++sent;
        }
    }
    if (m_metrics)
        m_metrics->eventsFannedOut(sent);
}

QJsonObject EventFanout::lockEventBody(const LockEvent &event, LockView::Audience lockAudience,
                                       LockView::Audience previousAudience)
{
    QJsonObject body{{u"lock"_s, LockView::info(event.lock, lockAudience).toJson()}};
    if (event.previousHolder)
        body.insert(u"previousHolder"_s, LockView::holderJson(*event.previousHolder, previousAudience));
    if (!event.reason.isEmpty())
        body.insert(u"reason"_s, event.reason);
    // The admin is named, never tailored: sameUser/sameSession are not part of "by".
    if (event.by)
        body.insert(u"by"_s, QJsonObject{{u"handle"_s, event.by->handle}, {u"displayName"_s, event.by->displayName}});
    return body;
}

} // namespace recordlock
