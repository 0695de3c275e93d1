#pragma once

#include <QByteArray>
#include <QList>

namespace recordlock {

/// One Redis reply, copied out of hiredis so it outlives the reply object.
struct RedisValue
{
    enum class Type { Nil, Integer, String, Status, Error, Array };

    Type type = Type::Nil;
    qint64 integer = 0;
    /// String, status or error text.
    QByteArray text;
    QList<RedisValue> elements;

    /// True for an error reply (e.g. NOSCRIPT, WRONGTYPE).
    bool isError() const { return type == Type::Error; }
};

} // namespace recordlock
