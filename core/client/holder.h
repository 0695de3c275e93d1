#pragma once

#include <QJsonObject>
#include <QString>

namespace recordlock {

/// A lock holder as named in events (previousHolder, by): who, and whether it is this user or window.
struct Holder
{
    /// Opaque, stable per user.
    QString handle;
    QString displayName;
    /// The holder is the user this client is signed in as (maybe in another window).
    bool sameUser = false;
    /// The holder is this very session (window).
    bool sameSession = false;

    /// Parses {"handle","displayName","sameUser","sameSession"}; missing members stay empty/false.
    static Holder fromJson(const QJsonObject &object);

    friend bool operator==(const Holder &, const Holder &) = default;
};

} // namespace recordlock
