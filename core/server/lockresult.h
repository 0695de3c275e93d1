#pragma once

#include "server/lockrow.h"

namespace recordlock {

/// What a LockManager operation did, and the record's lock afterwards (or as it stands on refusal).
struct LockResult
{
    enum class Status {
        Granted,     ///< acquire or override on a free (or just expired) lock
        Renewed,     ///< acquire or override by the holding session, or renew
        Switched,    ///< moved from another session of the same user
        Overridden,  ///< override: taken from another session
        Released,    ///< release by the holder
        Held,        ///< acquire refused: another session holds it
        NotHolder,   ///< renew/release by a session that does not hold it
        StaleToken,  ///< renew/release by the holder with an outdated token
        LockChanged, ///< override refused: the lock is free or held under another handle than expected
        StoreFailed, ///< the store refused the write; nothing changed
    };

    Status status = Status::StoreFailed;
    LockRow lock;
};

} // namespace recordlock
