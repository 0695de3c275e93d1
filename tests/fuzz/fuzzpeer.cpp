#include "fuzzpeer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "common/clock.h"
#include "fuzzfailure.h"
#include "opcheck.h"
#include "wirecheck.h"

using namespace Qt::StringLiterals;

namespace recordlock::fuzz {

namespace {

/// docs/protocol.md "Request": an integer with |n| <= 2^53 or a string of 1-64 characters.
bool isValidId(const QJsonValue &id)
{
    if (id.isString())
        return !id.toString().isEmpty() && id.toString().size() <= 64;
    return WireCheck::isInteger(id);
}

} // namespace

FuzzPeer::FuzzPeer(const Clock &clock)
    : m_clock(clock)
{
}

void FuzzPeer::requestSent(const QByteArray &message)
{
    require(!m_closed, u"harness bug: request on a closed connection"_s);
    Expected expected;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(message, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        expected.decodeError = u"bad_request"_s;
        m_pending.enqueue(expected);
        return;
    }
    QJsonObject object = doc.object();
    const QJsonValue id = object.value(u"id"_s);
    const QJsonValue op = object.value(u"op"_s);
    if (!isValidId(id)) {
        expected.decodeError = u"invalid_request"_s;
    } else {
        expected.id = id;
        if (!op.isString())
            expected.decodeError = u"invalid_request"_s;
        else if (op.toString().isEmpty() || op.toString().size() > 64)
            expected.decodeError = u"invalid_request|unknown_op"_s; // the document names no op length limit
        else if (!WireCheck::isKnownOp(op.toString()))
            expected.decodeError = u"unknown_op"_s;
    }
    object.remove(u"id"_s);
    object.remove(u"op"_s);
    expected.op = op.toString();
    expected.args = object;
    m_pending.enqueue(expected);
}

void FuzzPeer::binarySent()
{
    m_binarySent = true;
}

void FuzzPeer::messageReceived(const QString &message)
{
    const QByteArray raw = message.toUtf8();
    require(!m_closed, u"message after the connection closed"_s, raw);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &parseError);
    require(parseError.error == QJsonParseError::NoError && doc.isObject(),
            u"a server message is not a JSON object"_s, raw);
    const QJsonObject object = doc.object();
    require(object.value(u"serverTime"_s).toInteger(-1) == m_clock.nowMs()
                && WireCheck::isInteger(object.value(u"serverTime"_s)),
            u"serverTime is not the server clock's time"_s, raw);
    const QString type = object.value(u"type"_s).toString();
    if (type == u"reply")
        checkReply(object, raw);
    else if (type == u"event")
        checkEvent(object, raw);
    else
        fail(u"a server message is neither a reply nor an event"_s, raw);
}

void FuzzPeer::closedByServer(int code)
{
    const QByteArray context = QByteArray::number(code);
    require(code != 0, u"the server dropped the connection without a close frame (no ping or slow reader here)"_s);
    require(code != 1000 || m_logoutAnswered, u"close 1000 without a logout"_s, context);
    require(code != 1003 || m_binarySent, u"close 1003 without a binary message"_s, context);
    require(code != 4000 || m_authenticated, u"close 4000 (session taken over) without a session"_s, context);
    require(code == 1000 || code == 1003 || code == 1008 || code == 4000,
            u"undocumented close code (1009 cannot happen: no message here exceeds 64 KiB)"_s, context);
    m_closed = true;
    m_authenticated = false;
}

void FuzzPeer::droppedByPeer()
{
    m_closed = true;
    m_authenticated = false;
}

void FuzzPeer::checkAllAnswered() const
{
    if (m_closed)
        return;
    if (!m_pending.isEmpty()) {
        fail(u"a request on an open connection got no reply"_s,
             QJsonDocument(QJsonObject{{u"op"_s, m_pending.head().op}, {u"id"_s, m_pending.head().id}}).toJson());
    }
    require(!m_logoutAnswered, u"logout was answered but the connection not closed with 1000"_s);
    require(!m_binarySent, u"a binary message did not close the connection with 1003"_s);
}

void FuzzPeer::checkReply(const QJsonObject &reply, const QByteArray &raw)
{
    require(!m_pending.isEmpty(), u"a reply without a request (more than one reply per request)"_s, raw);
    const Expected request = m_pending.dequeue();
    require(reply.value(u"id"_s) == request.id, u"reply id is not the request's id (or null for a bad one)"_s, raw);
    require(reply.value(u"ok"_s).isBool(), u"reply without ok"_s, raw);
    const bool ok = reply.value(u"ok"_s).toBool();
    if (!request.decodeError.isEmpty()) {
        const QString code = reply.value(u"error"_s).toObject().value(u"code"_s).toString();
        // A signed-in session's rate limit counts every message, readable or not.
        const bool limited = m_authenticated && code == u"rate_limited";
        require(!ok && (limited || request.decodeError.split(u'|').contains(code)),
                u"a malformed request must fail with "_s + request.decodeError, raw);
        require(WireCheck::error(reply.value(u"error"_s)).isEmpty(), WireCheck::error(reply.value(u"error"_s)), raw);
        return;
    }
    if (ok) {
        require(!reply.contains(u"error"_s), u"successful reply with an error member"_s, raw);
        require(reply.value(u"result"_s).isObject(), u"successful reply without a result object"_s, raw);
        checkSuccess(request, reply.value(u"result"_s).toObject(), raw);
    } else {
        require(!reply.contains(u"result"_s), u"failed reply with a result member"_s, raw);
        checkError(request, reply.value(u"error"_s).toObject(), raw);
    }
}

void FuzzPeer::checkError(const Expected &request, const QJsonObject &error, const QByteArray &raw)
{
    const QString problem = WireCheck::error(error);
    require(problem.isEmpty(), problem, raw);
    const QString code = error.value(u"code"_s).toString();
    const QString reason = error.value(u"reason"_s).toString();
    require(code != u"internal" && code != u"unavailable", u"a server fault on a healthy SQLite store"_s, raw);
    if (!m_authenticated && !WireCheck::isBeforeAuthOp(request.op)) {
        require(code == u"unauthenticated" && reason == u"missing",
                u"a known op before login/auth must be unauthenticated (missing)"_s, raw);
        return;
    }
    if (code == u"unauthenticated") {
        require(request.op == u"auth" && (reason == u"expired" || reason == u"invalid"),
                u"unauthenticated for an op of a signed-in connection, or auth without expired/invalid"_s, raw);
    }
    require(OpCheck::errorAllowed(request.op, code), u"error code not documented for op "_s + request.op, raw);
    if (WireCheck::isAdminOp(request.op)) {
        if (m_role == u"admin")
            require(code != u"forbidden", u"forbidden for an admin"_s, raw);
        else
            require(code == u"forbidden" || code == u"invalid_argument" || code == u"rate_limited",
                    u"an editor's admin op must be answered forbidden"_s, raw);
    }
    if (error.contains(u"lock"_s))
        noteLock(error.value(u"lock"_s), raw);
}

void FuzzPeer::checkSuccess(const Expected &request, const QJsonObject &result, const QByteArray &raw)
{
    require(m_authenticated || WireCheck::isBeforeAuthOp(request.op),
            u"op succeeded before login/auth: "_s + request.op, raw);
    require(!WireCheck::isAdminOp(request.op) || m_role == u"admin", u"an admin op succeeded for an editor"_s, raw);
    const QString problem = OpCheck::result(request.op, request.args, result);
    require(problem.isEmpty(), request.op + u": "_s + problem, raw);

    if (result.contains(u"lock"_s))
        noteLock(result.value(u"lock"_s), raw);
    for (const QJsonValue &lock : result.value(u"locks"_s).toArray())
        noteLock(lock, raw);
    for (const QJsonValue &record : result.value(u"records"_s).toArray())
        noteLock(record.toObject().value(u"lock"_s), raw);
    if (result.contains(u"record"_s))
        noteRecord(result.value(u"record"_s));
    afterSuccess(request, result);
}

void FuzzPeer::afterSuccess(const Expected &request, const QJsonObject &result)
{
    const QString &op = request.op;
    const QString recordId = request.args.value(u"recordId"_s).toString();
    if (op == u"login" || op == u"auth") {
        m_authenticated = true;
        m_role = result.value(u"user"_s).toObject().value(u"role"_s).toString();
    } else if (op == u"logout") {
        m_authenticated = false;
        m_logoutAnswered = true;
    } else if (op == u"subscribe") {
        m_subscribed.insert(recordId);
    } else if (op == u"unsubscribe") {
        m_subscribed.remove(recordId);
    } else if (op == u"subscribe_all") {
        m_subscribedAll = true;
        m_knownThroughAll.clear();
        for (const QJsonValue &lock : result.value(u"locks"_s).toArray())
            m_knownThroughAll.insert(lock.toObject().value(u"recordId"_s).toString());
    } else if (op == u"unsubscribe_all") {
        m_subscribedAll = false;
        m_knownThroughAll.clear();
    }
}

void FuzzPeer::checkEvent(const QJsonObject &event, const QByteArray &raw)
{
    require(m_authenticated, u"an event reached a connection that is not signed in"_s, raw);
    const QString problem = WireCheck::event(event);
    require(problem.isEmpty(), problem, raw);
    const QString name = event.value(u"event"_s).toString();
    const QString recordId = event.value(u"recordId"_s).toString();
    const qint64 seq = event.value(u"seq"_s).toInteger();
    const auto max = m_maxSeq.constFind(recordId);
    if (max != m_maxSeq.constEnd()) {
        if (name == u"lock_denied") {
            require(seq >= *max, u"lock_denied carries an older seq than already seen"_s, raw);
        } else {
            require(seq > *max, u"a broadcast event did not advance seq"_s, raw);
            require(!watchesExactly(recordId) || seq == *max + 1,
                    u"a watched record's seq skipped a value (missed event)"_s, raw);
        }
    }
    m_maxSeq[recordId] = qMax(seq, m_maxSeq.value(recordId, seq));
    if (m_subscribedAll)
        m_knownThroughAll.insert(recordId);
    const QJsonObject lock = event.value(u"lock"_s).toObject();
    if (lock.contains(u"token"_s))
        m_lastFence = lock.value(u"token"_s).toInteger();
}

void FuzzPeer::noteLock(const QJsonValue &value, const QByteArray &raw)
{
    const QJsonObject lock = value.toObject();
    const QString recordId = lock.value(u"recordId"_s).toString();
    const qint64 seq = lock.value(u"seq"_s).toInteger();
    require(seq >= m_maxSeq.value(recordId, 0), u"a lock snapshot is older than an event already sent"_s, raw);
    m_maxSeq[recordId] = seq;
    if (lock.contains(u"token"_s))
        m_lastFence = lock.value(u"token"_s).toInteger();
}

void FuzzPeer::noteRecord(const QJsonValue &record)
{
    m_lastVersion = record.toObject().value(u"version"_s).toInteger();
}

bool FuzzPeer::watchesExactly(const QString &recordId) const
{
    return m_subscribed.contains(recordId) || (m_subscribedAll && m_knownThroughAll.contains(recordId));
}

} // namespace recordlock::fuzz
