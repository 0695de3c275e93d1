#pragma once

#include <QList>

#include "server/lockrow.h"

namespace recordlock {

class SharedLockStore;

/// Durable storage of LockRows: one instance's own SQL table, or a store shared by instances.
class LockStore
{
public:
    virtual ~LockStore();
    /// The shared-store side of this store, or nullptr if one instance owns the rows alone.
    virtual SharedLockStore *shared() { return nullptr; }
    /// Every stored row (held locks and free records whose counters are non-zero).
    virtual QList<LockRow> loadAll() = 0;
    /// Durably upserts one row; false if it could not be stored (the caller must not act on it).
    virtual bool write(const LockRow &row) = 0;
};

} // namespace recordlock
