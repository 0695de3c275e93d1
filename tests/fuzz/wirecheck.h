#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

namespace recordlock::fuzz {

/// Checks server messages against docs/protocol.md, written from the document rather than from
/// the server's code so that it can disagree with it. Every check returns an empty string when
/// the value conforms, otherwise what is wrong.
class WireCheck
{
public:
    /// An integer JSON number with |n| <= 2^53.
    static bool isInteger(const QJsonValue &value);
    /// A record id: 1-128 characters of [A-Za-z0-9._-].
    static bool isRecordId(const QJsonValue &value);
    /// An op name listed under "Operations".
    static bool isKnownOp(QStringView op);
    /// An op that may run before login/auth (login, auth, ping).
    static bool isBeforeAuthOp(QStringView op);
    /// An admin op (override, get_history).
    static bool isAdminOp(QStringView op);

    /// A lock object; recordId, when given, must match.
    static QString lock(const QJsonValue &value, const QString &recordId = {});
    /// A record object, with or without its fields.
    static QString record(const QJsonValue &value, bool withFields);
    /// The lock member of object (a result, an error, an event); it must be held, and held by
    /// the recipient's own session (sameSession, with its token), when asked.
    static QString lockMember(const QJsonObject &object, const QString &recordId, bool mustBeHeld, bool mustBeOwn);
    /// A holder / previousHolder / by object; withSession: sameUser and sameSession are required.
    static QString holder(const QJsonValue &value, bool withSession);
    /// The error object of a failed reply, including the members its code requires.
    static QString error(const QJsonValue &value);
    /// An event message (type "event").
    static QString event(const QJsonObject &message);
};

} // namespace recordlock::fuzz
