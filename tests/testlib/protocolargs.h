#pragma once

#include <QJsonObject>
#include <QString>

#include "protocol/lockinfo.h"

namespace recordlock::test {

/// {"recordId": recordId}, the argument of subscribe, acquire, get_lock, ...
QJsonObject recordArg(const QString &recordId);
/// {"recordId": recordId, "token": token}, the arguments of renew and release.
QJsonObject tokenArgs(const QString &recordId, qint64 token);
/// The "lock" member of a reply result, an error's details or an event; an empty LockInfo if absent.
LockInfo lockOf(const QJsonObject &container);

} // namespace recordlock::test
