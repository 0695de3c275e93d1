#pragma once

#include "server/lockstore.h"
#include "server/sqlstatement.h"

namespace recordlock {

class Database;

/// LockStore on the lock_state table of a Database (which must outlive it).
class SqlLockStore final : public LockStore
{
public:
    /// Prepares its statements on database's connection.
    explicit SqlLockStore(Database &database);

    QList<LockRow> loadAll() override;
    bool write(const LockRow &row) override;

private:
    Database &m_database;
    /// Every lock change runs it: prepared once, bound through the C API.
    SqlStatement m_upsert;
};

} // namespace recordlock
