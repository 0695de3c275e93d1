#pragma once

#include <QList>

#include "server/lockrow.h"

namespace recordlock {

/// Durable storage of LockRows (SQLite now, Redis later).
class LockStore
{
public:
    virtual ~LockStore();
    /// Every stored row (held locks and free records whose counters are non-zero).
    virtual QList<LockRow> loadAll() = 0;
    /// Durably upserts one row; false if it could not be stored (the caller must not act on it).
    virtual bool write(const LockRow &row) = 0;
};

} // namespace recordlock
