#pragma once

#include <QJsonObject>

namespace recordlock {

/// One REST answer before it is written: HTTP status and JSON body.
struct RestReply
{
    int status = 200;
    QJsonObject body;
};

} // namespace recordlock
