#include "opcheck.h"

#include <QJsonArray>
#include <QSet>

#include "wirecheck.h"

using namespace Qt::StringLiterals;

namespace recordlock::fuzz {

namespace {

bool isString(const QJsonObject &object, QStringView key)
{
    return object.value(key).isString();
}

/// An optional integer argument of a request that succeeded (so it was valid), or fallback.
qint64 integerArg(const QJsonObject &args, QStringView key, qint64 fallback)
{
    const QJsonValue value = args.value(key);
    return WireCheck::isInteger(value) ? qint64(value.toDouble()) : fallback;
}

} // namespace

bool OpCheck::errorAllowed(QStringView op, QStringView code)
{
    static const QSet<QString> anyOp{u"invalid_argument"_s, u"unauthenticated"_s, u"rate_limited"_s,
                                     u"unavailable"_s, u"internal"_s};
    static const QHash<QString, QSet<QString>> specific{
        {u"login"_s, {u"invalid_credentials"_s, u"session_conflict"_s, u"connection_limit"_s}},
        {u"auth"_s, {u"session_conflict"_s, u"connection_limit"_s}},
        {u"get_record"_s, {u"not_found"_s}},
        {u"save_record"_s, {u"not_found"_s, u"no_lock"_s, u"stale_token"_s, u"stale_version"_s}},
        {u"subscribe"_s, {u"not_found"_s}},
        {u"acquire"_s, {u"not_found"_s, u"lock_held"_s}},
        {u"renew"_s, {u"not_holder"_s, u"stale_token"_s}},
        {u"release"_s, {u"not_holder"_s, u"stale_token"_s}},
        {u"get_lock"_s, {u"not_found"_s}},
        {u"override"_s, {u"forbidden"_s, u"not_found"_s, u"lock_changed"_s}},
        {u"get_history"_s, {u"forbidden"_s, u"not_found"_s}},
    };
    const QString c = code.toString();
    return anyOp.contains(c) || specific.value(op.toString()).contains(c);
}

QString OpCheck::result(QStringView op, const QJsonObject &args, const QJsonValue &value)
{
    if (!value.isObject())
        return u"result is not an object"_s;
    const QJsonObject r = value.toObject();
    const QString recordId = args.value(u"recordId"_s).toString();
    if (op == u"login" || op == u"auth") {
        const QJsonObject user = r.value(u"user"_s).toObject();
        const QString role = user.value(u"role"_s).toString();
        if (r.value(u"token"_s).toString().isEmpty() || !WireCheck::isInteger(r.value(u"tokenExpiresAt"_s))
            || r.value(u"sessionId"_s) != args.value(u"sessionId"_s) || !WireCheck::isInteger(r.value(u"lockTtlMs"_s))
            || !WireCheck::isInteger(r.value(u"orphanGraceMs"_s)) || !r.value(u"locks"_s).isArray())
            return u"login/auth result misses token, tokenExpiresAt, sessionId, durations or locks"_s;
        if (!WireCheck::holder(user, false).isEmpty() || (role != u"editor" && role != u"admin"))
            return u"login/auth result: bad user object"_s;
        for (const QJsonValue &lock : r.value(u"locks"_s).toArray()) {
            const QString problem = WireCheck::lockMember(QJsonObject{{u"lock"_s, lock}}, {}, true, true);
            if (!problem.isEmpty())
                return u"login/auth locks: "_s + problem;
        }
        return {};
    }
    if (op == u"logout" || op == u"unsubscribe" || op == u"unsubscribe_all")
        return r.isEmpty() ? QString() : u"result must be {}"_s;
    if (op == u"ping")
        return r == QJsonObject{{u"pong"_s, true}} ? QString() : u"ping result must be {\"pong\":true}"_s;
    if (op == u"list_records")
        return recordList(args, r);
    if (op == u"get_record") {
        if (QString problem = WireCheck::record(r.value(u"record"_s), true); !problem.isEmpty())
            return problem;
        if (r.value(u"record"_s).toObject().value(u"id"_s).toString() != recordId)
            return u"get_record returned another record"_s;
        return WireCheck::lockMember(r, recordId, false, false);
    }
    if (op == u"save_record") {
        if (QString problem = WireCheck::record(r.value(u"record"_s), true); !problem.isEmpty())
            return problem;
        return r.value(u"record"_s).toObject().value(u"id"_s).toString() == recordId
                   ? QString() : u"save_record returned another record"_s;
    }
    if (op == u"subscribe" || op == u"get_lock")
        return WireCheck::lockMember(r, recordId, false, false);
    if (op == u"release") {
        if (QString problem = WireCheck::lockMember(r, recordId, false, false); !problem.isEmpty())
            return problem;
        return r.value(u"lock"_s).toObject().value(u"state"_s) == u"free"_s ? QString() : u"release: lock not free"_s;
    }
    if (op == u"renew")
        return WireCheck::lockMember(r, recordId, true, true);
    if (op == u"subscribe_all") {
        if (!r.value(u"locks"_s).isArray())
            return u"subscribe_all result without locks"_s;
        for (const QJsonValue &lock : r.value(u"locks"_s).toArray()) {
            const QString problem = WireCheck::lockMember(QJsonObject{{u"lock"_s, lock}}, {}, true, false);
            if (!problem.isEmpty())
                return u"subscribe_all: "_s + problem;
        }
        return {};
    }
    if (op == u"acquire" || op == u"override") {
        const QString outcome = r.value(u"outcome"_s).toString();
        const bool known = op == u"acquire"
                               ? (outcome == u"granted" || outcome == u"renewed" || outcome == u"switched")
                               : (outcome == u"overridden" || outcome == u"granted" || outcome == u"renewed");
        if (!known)
            return u"unexpected outcome \"%1\""_s.arg(outcome);
        return WireCheck::lockMember(r, recordId, true, true);
    }
    if (op == u"get_history")
        return historyEntries(args, r);
    return u"a reply succeeded for op \"%1\", which docs/protocol.md does not know"_s.arg(op);
}

QString OpCheck::recordList(const QJsonObject &args, const QJsonObject &r)
{
    if (!r.value(u"records"_s).isArray() || !WireCheck::isInteger(r.value(u"total"_s)))
        return u"list_records result without records and total"_s;
    const QJsonArray records = r.value(u"records"_s).toArray();
    const qint64 limit = integerArg(args, u"limit", 1000);
    if (records.size() > limit || r.value(u"total"_s).toInteger() < records.size())
        return u"list_records: more records than limit or total"_s;
    QString previous;
    for (const QJsonValue &entry : records) {
        const QJsonObject record = entry.toObject();
        if (QString problem = WireCheck::record(entry, false); !problem.isEmpty())
            return u"list_records: "_s + problem;
        const QString id = record.value(u"id"_s).toString();
        if (QString problem = WireCheck::lockMember(record, id, false, false); !problem.isEmpty())
            return u"list_records: "_s + problem;
        if (args.value(u"type"_s).isString() && record.value(u"type"_s) != args.value(u"type"_s))
            return u"list_records: a record of another type"_s;
        if (!previous.isEmpty() && !(previous < id))
            return u"list_records: records not ordered by id"_s;
        previous = id;
    }
    return {};
}

QString OpCheck::historyEntries(const QJsonObject &args, const QJsonObject &r)
{
    static const QSet<QString> actions{u"acquired"_s, u"released"_s, u"logout"_s,     u"switched"_s,
                                       u"expired"_s,  u"disconnected"_s, u"overridden"_s, u"saved"_s};
    if (!r.value(u"entries"_s).isArray() || !r.value(u"more"_s).isBool())
        return u"get_history result without entries and more"_s;
    const QJsonArray entries = r.value(u"entries"_s).toArray();
    const qint64 limit = integerArg(args, u"limit", 100);
    if (entries.size() > limit)
        return u"get_history: more entries than limit"_s;
    qint64 previousId = integerArg(args, u"before", 0);
    bool first = previousId == 0;
    for (const QJsonValue &value : entries) {
        const QJsonObject e = value.toObject();
        if (!WireCheck::isInteger(e.value(u"id"_s)) || !WireCheck::isInteger(e.value(u"at"_s))
            || !WireCheck::isInteger(e.value(u"token"_s))
            || !actions.contains(e.value(u"action"_s).toString()) || !isString(e, u"actor")
            || !isString(e, u"subject") || !isString(e, u"reason"))
            return u"get_history: malformed entry"_s;
        const qint64 id = e.value(u"id"_s).toInteger();
        if (!first && id >= previousId)
            return u"get_history: entries not newest first, or not before \"before\""_s;
        first = false;
        previousId = id;
    }
    return {};
}

} // namespace recordlock::fuzz
