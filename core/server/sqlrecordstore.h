#pragma once

#include <QSqlQuery>

#include "server/recordstore.h"
#include "server/sqlstatement.h"

class QSqlQuery;

namespace recordlock {

class Database;

/// RecordStore on the records table of a Database (SQLite or PostgreSQL; it must outlive this).
class SqlRecordStore final : public RecordStore
{
public:
    /// Uses database's connection; the database must be open.
    explicit SqlRecordStore(Database &database);
    ~SqlRecordStore() override;

    std::optional<RecordData> get(const QString &id) override;
    bool exists(const QString &id) override;
    RecordPage list(const RecordFilter &filter) override;
    SaveOutcome save(const QString &id, qint64 expectedVersion, qint64 fencingToken,
                     const QMap<QString, QString> &fields, const QString &byName, qint64 atMs) override;
    bool create(const RecordData &record) override;
    qint64 count() override;
    bool isAvailable() const override;

private:
    static RecordData readRow(const QSqlQuery &query);
    void prepareExists();

    Database &m_database;
    /// exists() runs before every acquire and release: prepared once.
    QSqlQuery m_exists;
    bool m_existsPrepared = false;
    /// The Database::generation() m_exists was prepared under.
    quint64 m_existsGeneration = 0;
    /// create() seeds 100,000 demo records in one go: prepared once.
    SqlStatement m_insert;
};

} // namespace recordlock
