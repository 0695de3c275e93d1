#pragma once

#include <QSqlDatabase>
#include <QString>

namespace recordlock {

/// One SQLite connection to the server's database file, with pragmas set and the schema migrated.
/// Lives on one thread; every store built on it must be destroyed before it.
class Database
{
public:
    /// The schema version this build creates and understands.
    static constexpr int SchemaVersion = 3;

    /// Prepares a connection to path (a file; created by open() if missing).
    explicit Database(const QString &path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens the file, sets WAL/synchronous/busy_timeout/foreign_keys and migrates; false on error.
    bool open();
    /// True after a successful open().
    bool isOpen() const { return m_open; }
    /// The connection, for the stores built on this database.
    QSqlDatabase db() const { return m_db; }
    /// The file this database lives in.
    QString path() const { return m_path; }
    /// Why open() failed.
    QString lastError() const { return m_error; }
    /// value, or "" for a null QString: Qt binds null as SQL NULL, which NOT NULL text columns refuse.
    static QString notNull(const QString &value);

private:
    bool applyPragmas();
    bool migrate();
    bool fail(const QString &message);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_open = false;
    QString m_error;
};

} // namespace recordlock
