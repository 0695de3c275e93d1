#pragma once

#include <QSqlQuery>

#include "server/lockstore.h"

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
    QSqlQuery m_upsert;
    bool m_prepared = false;
};

} // namespace recordlock
