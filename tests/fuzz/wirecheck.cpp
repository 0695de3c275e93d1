#include "wirecheck.h"

#include <cmath>
#include <cstdlib>

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace recordlock::fuzz {

namespace {

constexpr double MaxSafeInteger = 9007199254740992.0; // 2^53, docs/protocol.md "Request"

const QSet<QString> &knownOps()
{
    static const QSet<QString> ops{u"login"_s,       u"auth"_s,          u"logout"_s,    u"ping"_s,
                                   u"list_records"_s, u"get_record"_s,   u"save_record"_s, u"subscribe"_s,
                                   u"unsubscribe"_s, u"subscribe_all"_s, u"unsubscribe_all"_s,
                                   u"acquire"_s,     u"renew"_s,         u"release"_s,   u"get_lock"_s,
                                   u"override"_s,    u"get_history"_s};
    return ops;
}

/// The codes of the "Errors" table, minus message_too_large (reserved: never a reply).
const QSet<QString> &replyCodes()
{
    static const QSet<QString> codes{
        u"bad_request"_s, u"invalid_request"_s,  u"unknown_op"_s, u"invalid_argument"_s, u"unauthenticated"_s,
        u"invalid_credentials"_s, u"forbidden"_s, u"not_found"_s, u"lock_held"_s, u"not_holder"_s,
        u"stale_token"_s, u"no_lock"_s, u"stale_version"_s, u"session_conflict"_s, u"rate_limited"_s,
        u"connection_limit"_s, u"lock_changed"_s, u"unavailable"_s, u"internal"_s};
    return codes;
}

bool isString(const QJsonObject &object, QStringView key)
{
    return object.value(key).isString();
}

bool isBool(const QJsonObject &object, QStringView key)
{
    return object.value(key).isBool();
}


} // namespace

bool WireCheck::isInteger(const QJsonValue &value)
{
    // |n| <= 2^53 as the number was written: 9007199254740993 would round to 2^53 as a double,
    // yet it is out of range (Qt keeps it exact, and an echo of it must not change).
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) > MaxSafeInteger)
        return false;
    return std::fabs(d) < MaxSafeInteger || std::llabs(value.toInteger()) == qint64(MaxSafeInteger);
}

bool WireCheck::isRecordId(const QJsonValue &value)
{
    static const QRegularExpression pattern(u"\\A[A-Za-z0-9._-]{1,128}\\z"_s);
    return value.isString() && pattern.match(value.toString()).hasMatch();
}

bool WireCheck::isKnownOp(QStringView op)
{
    return knownOps().contains(op.toString());
}

bool WireCheck::isBeforeAuthOp(QStringView op)
{
    return op == u"login" || op == u"auth" || op == u"ping";
}

bool WireCheck::isAdminOp(QStringView op)
{
    return op == u"override" || op == u"get_history";
}

QString WireCheck::holder(const QJsonValue &value, bool withSession)
{
    const QJsonObject h = value.toObject();
    if (!value.isObject() || !isString(h, u"handle") || h.value(u"handle"_s).toString().isEmpty()
        || !isString(h, u"displayName"))
        return u"a holder needs a non-empty handle and a displayName"_s;
    if (withSession && (!isBool(h, u"sameUser") || !isBool(h, u"sameSession")))
        return u"a holder needs sameUser and sameSession"_s;
    if (h.value(u"sameSession"_s).toBool() && !h.value(u"sameUser"_s).toBool())
        return u"sameSession without sameUser"_s;
    return {};
}

QString WireCheck::lock(const QJsonValue &value, const QString &recordId)
{
    if (!value.isObject())
        return u"lock is not an object"_s;
    const QJsonObject l = value.toObject();
    if (!isRecordId(l.value(u"recordId"_s)))
        return u"lock.recordId is not a record id"_s;
    if (!recordId.isEmpty() && l.value(u"recordId"_s).toString() != recordId)
        return u"lock.recordId is not the record asked about"_s;
    if (!isInteger(l.value(u"seq"_s)) || l.value(u"seq"_s).toInteger() < 0)
        return u"lock.seq is not an integer >= 0"_s;
    const QString state = l.value(u"state"_s).toString();
    if (state == u"free") {
        if (l.contains(u"holder"_s) || l.contains(u"token"_s))
            return u"a free lock has a holder or token"_s;
        return {};
    }
    if (state != u"held")
        return u"lock.state is neither free nor held"_s;
    if (QString problem = holder(l.value(u"holder"_s), true); !problem.isEmpty())
        return problem;
    if (!isInteger(l.value(u"since"_s)) || !isInteger(l.value(u"expiresAt"_s))
        || l.value(u"since"_s).toInteger() > l.value(u"expiresAt"_s).toInteger())
        return u"lock.since/expiresAt missing or since > expiresAt"_s;
    if (!isBool(l, u"connected"))
        return u"lock.connected is not a bool"_s;
    if (l.value(u"connected"_s).toBool() == l.contains(u"orphanDeadline"_s))
        return u"orphanDeadline must be present exactly when connected is false"_s;
    if (l.contains(u"orphanDeadline"_s) && !isInteger(l.value(u"orphanDeadline"_s)))
        return u"lock.orphanDeadline is not an integer"_s;
    const bool sameSession = l.value(u"holder"_s).toObject().value(u"sameSession"_s).toBool();
    if (sameSession != l.contains(u"token"_s))
        return u"token must be present exactly when holder.sameSession is true"_s;
    if (sameSession && (!isInteger(l.value(u"token"_s)) || l.value(u"token"_s).toInteger() <= 0))
        return u"lock.token is not a positive integer"_s;
    return {};
}

QString WireCheck::lockMember(const QJsonObject &object, const QString &recordId, bool mustBeHeld, bool mustBeOwn)
{
    const QJsonValue value = object.value(u"lock"_s);
    if (QString problem = lock(value, recordId); !problem.isEmpty())
        return problem;
    const QJsonObject l = value.toObject();
    if (mustBeHeld && l.value(u"state"_s).toString() != u"held")
        return u"lock must be held"_s;
    if (mustBeOwn && !l.value(u"holder"_s).toObject().value(u"sameSession"_s).toBool())
        return u"lock must be held by this session (sameSession true, with its token)"_s;
    return {};
}

QString WireCheck::record(const QJsonValue &value, bool withFields)
{
    static const QRegularExpression fieldName(u"\\A[A-Za-z][A-Za-z0-9_]{0,63}\\z"_s);
    const QJsonObject r = value.toObject();
    if (!value.isObject() || !isRecordId(r.value(u"id"_s)))
        return u"record without a valid id"_s;
    const QString type = r.value(u"type"_s).toString();
    if (type != u"customer" && type != u"claim")
        return u"record.type is neither customer nor claim"_s;
    if (!isInteger(r.value(u"version"_s)) || r.value(u"version"_s).toInteger() < 1)
        return u"record.version is not an integer >= 1"_s;
    if (!isInteger(r.value(u"updatedAt"_s)) || !isString(r, u"updatedBy") || !isString(r, u"title"))
        return u"record.updatedAt/updatedBy/title missing"_s;
    if (!withFields)
        return r.contains(u"fields"_s) ? u"list results must omit fields"_s : QString();
    if (!r.value(u"fields"_s).isObject())
        return u"record.fields is not an object"_s;
    const QJsonObject fields = r.value(u"fields"_s).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!fieldName.match(it.key()).hasMatch() || !it.value().isString()
            || it.value().toString().size() > 16'384)
            return u"record field \"%1\" breaks the name or value rules"_s.arg(it.key());
    }
    if (fields.contains(u"title"_s) && fields.value(u"title"_s) != r.value(u"title"_s))
        return u"record.title differs from fields.title"_s;
    return {};
}

QString WireCheck::error(const QJsonValue &value)
{
    const QJsonObject e = value.toObject();
    const QString code = e.value(u"code"_s).toString();
    if (!value.isObject() || !replyCodes().contains(code))
        return u"error.code \"%1\" is not a documented reply code"_s.arg(code);
    if (!isString(e, u"message"))
        return u"error.message is not a string"_s;
    if (code == u"invalid_argument" && !isString(e, u"field"))
        return u"invalid_argument without field"_s;
    if (code == u"unknown_op" && !isString(e, u"op"))
        return u"unknown_op without op"_s;
    if (code == u"unauthenticated") {
        const QString reason = e.value(u"reason"_s).toString();
        if (reason != u"missing" && reason != u"expired" && reason != u"invalid")
            return u"unauthenticated with reason \"%1\""_s.arg(reason);
    }
    if (code == u"lock_held" || code == u"not_holder" || code == u"no_lock" || code == u"lock_changed") {
        if (QString problem = lock(e.value(u"lock"_s)); !problem.isEmpty())
            return code + u": "_s + problem;
    }
    if (code == u"stale_version" && !isInteger(e.value(u"currentVersion"_s)))
        return u"stale_version without currentVersion"_s;
    if (code == u"rate_limited"
        && (!isInteger(e.value(u"retryAfterMs"_s)) || e.value(u"retryAfterMs"_s).toInteger() < 0))
        return u"rate_limited without retryAfterMs >= 0"_s;
    return {};
}

QString WireCheck::event(const QJsonObject &m)
{
    static const QSet<QString> reasons{u"released"_s, u"logout"_s, u"disconnected"_s, u"switched"_s};
    const QString name = m.value(u"event"_s).toString();
    const QString recordId = m.value(u"recordId"_s).toString();
    if (!isRecordId(m.value(u"recordId"_s)) || !isInteger(m.value(u"seq"_s)) || !isInteger(m.value(u"serverTime"_s)))
        return u"event without recordId, seq or serverTime"_s;
    if (name == u"record_updated") {
        const QJsonObject record = m.value(u"record"_s).toObject();
        if (record.value(u"id"_s).toString() != recordId || !m.value(u"changedFields"_s).isArray())
            return u"record_updated without its record or changedFields"_s;
        QStringList changed;
        for (const QJsonValue &field : m.value(u"changedFields"_s).toArray())
            changed.append(field.toString());
        QStringList carried = record.value(u"fields"_s).toObject().keys();
        changed.sort();
        carried.sort();
        return changed == carried ? QString() : u"record_updated: fields differ from changedFields"_s;
    }
    const bool held = name == u"lock_acquired" || name == u"lock_renewed" || name == u"lock_override"
                      || name == u"lock_denied";
    const bool freed = name == u"lock_released" || name == u"lock_expired";
    if (!held && !freed && name != u"lock_holder_presence")
        return u"unknown event \"%1\""_s.arg(name);
    if (QString problem = lockMember(m, recordId, held, false); !problem.isEmpty())
        return name + u": "_s + problem;
    const QJsonObject lock = m.value(u"lock"_s).toObject();
    if (freed && lock.value(u"state"_s) != u"free"_s)
        return name + u": lock is not free"_s;
    if (lock.value(u"seq"_s) != m.value(u"seq"_s))
        return name + u": lock.seq differs from the event's seq"_s;
    if (freed || name == u"lock_override") {
        if (QString problem = holder(m.value(u"previousHolder"_s), true); !problem.isEmpty())
            return name + u": previousHolder: "_s + problem;
    }
    if (name == u"lock_released" && !reasons.contains(m.value(u"reason"_s).toString()))
        return u"lock_released with an undocumented reason"_s;
    if (name == u"lock_override") {
        if (QString problem = holder(m.value(u"by"_s), false); !problem.isEmpty())
            return u"lock_override: by: "_s + problem;
        if (!m.value(u"reason"_s).isString())
            return u"lock_override without reason"_s;
    }
    return {};
}

} // namespace recordlock::fuzz
