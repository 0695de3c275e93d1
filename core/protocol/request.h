#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace recordlock {

/// A decoded client request: the echoed id, the op name and the remaining members as arguments.
struct Request
{
    QJsonValue id;
    QString op;
    QJsonObject args;
};

} // namespace recordlock
