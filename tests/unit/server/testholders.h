#pragma once

// The lock holders the LockManager tests share: two windows of Alice, one of Bob, two of Carol.

#include <QString>

#include "server/lockholder.h"

namespace recordlock::testholders {

using namespace Qt::StringLiterals;

inline LockHolder alice1()
{
    return LockHolder{u"alice-window-1"_s, 1, u"Alice Archer"_s, u"u_alice"_s};
}
inline LockHolder alice2()
{
    return LockHolder{u"alice-window-2"_s, 1, u"Alice Archer"_s, u"u_alice"_s};
}
inline LockHolder bob()
{
    return LockHolder{u"bob-window-1"_s, 2, u"Bob Baker"_s, u"u_bob"_s};
}
inline LockHolder carol1()
{
    return LockHolder{u"carol-window-1"_s, 3, u"Carol White"_s, u"u_carol"_s};
}
inline LockHolder carol2()
{
    return LockHolder{u"carol-window-2"_s, 3, u"Carol White"_s, u"u_carol"_s};
}

} // namespace recordlock::testholders
