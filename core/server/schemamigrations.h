#pragma once

#include <QList>
#include <QStringList>

namespace recordlock {

/// The statements that bring a database from version - 1 to version.
struct SchemaMigration
{
    int version;
    QStringList statements;
};

/// The schema history of each SQL engine. Both reach the same tables, columns and version numbers;
/// the statements differ where the dialects do. Append new migrations at the end of both lists;
/// never edit one that has shipped.
class SchemaMigrations
{
public:
    /// The schema version this build creates and understands.
    static constexpr int LatestVersion = 4;

    /// SQLite: 64-bit INTEGER columns, AUTOINCREMENT ids.
    static QList<SchemaMigration> sqlite();
    /// PostgreSQL: BIGINT for every timestamp and counter, identity ids, "C" collation on the
    /// keys so ORDER BY matches SQLite's byte order.
    static QList<SchemaMigration> postgres();
};

} // namespace recordlock
