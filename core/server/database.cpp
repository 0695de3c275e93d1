#include "server/database.h"

#include <atomic>

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include "server/serverlogging.h"
#include "server/sqltransaction.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

std::atomic<quint64> s_connectionCounter{0};

struct Migration
{
    int version;
    QStringList statements;
};

// Append new migrations at the end; never edit one that has shipped.
QList<Migration> migrations()
{
    return {
        {1,
         {
             u"CREATE TABLE users ("
             "id INTEGER PRIMARY KEY,"
             "name TEXT UNIQUE NOT NULL,"
             "display_name TEXT NOT NULL,"
             "role TEXT NOT NULL CHECK (role IN ('editor','admin')),"
             "handle TEXT UNIQUE NOT NULL,"
             "password_hash TEXT NOT NULL)"_s,
             // title_folded is the lower-cased title: SQLite's LIKE folds ASCII only.
             u"CREATE TABLE records ("
             "id TEXT PRIMARY KEY,"
             "type TEXT NOT NULL CHECK (type IN ('customer','claim')),"
             "version INTEGER NOT NULL,"
             "fields TEXT NOT NULL,"
             "title TEXT NOT NULL DEFAULT '',"
             "title_folded TEXT NOT NULL DEFAULT '',"
             "updated_at INTEGER NOT NULL DEFAULT 0,"
             "updated_by TEXT NOT NULL DEFAULT '',"
             "fence INTEGER NOT NULL DEFAULT 0)"_s,
             u"CREATE INDEX records_type_id ON records (type, id)"_s,
             u"CREATE TABLE lock_state ("
             "record_id TEXT PRIMARY KEY,"
             "fence INTEGER NOT NULL DEFAULT 0,"
             "seq INTEGER NOT NULL DEFAULT 0,"
             "held INTEGER NOT NULL DEFAULT 0,"
             "session_id TEXT NOT NULL DEFAULT '',"
             "user_id INTEGER NOT NULL DEFAULT 0,"
             "holder_name TEXT NOT NULL DEFAULT '',"
             "holder_handle TEXT NOT NULL DEFAULT '',"
             "since INTEGER NOT NULL DEFAULT 0,"
             "expires_at INTEGER NOT NULL DEFAULT 0,"
             "connected INTEGER NOT NULL DEFAULT 1,"
             "orphan_deadline INTEGER NOT NULL DEFAULT 0,"
             "token INTEGER NOT NULL DEFAULT 0)"_s,
             u"CREATE TABLE audit ("
             "id INTEGER PRIMARY KEY AUTOINCREMENT,"
             "record_id TEXT NOT NULL,"
             "at INTEGER NOT NULL,"
             "action TEXT NOT NULL,"
             "actor_name TEXT NOT NULL DEFAULT '',"
             "subject_name TEXT NOT NULL DEFAULT '',"
             "reason TEXT NOT NULL DEFAULT '',"
             "token INTEGER NOT NULL DEFAULT 0)"_s,
             u"CREATE INDEX audit_record_at ON audit (record_id, at)"_s,
         }},
        // Tokens issued before this time are refused (password change, or an account that reuses
        // the id of a removed one). 0 for existing accounts: their tokens stay valid.
        {2,
         {
             u"ALTER TABLE users ADD COLUMN password_changed_at INTEGER NOT NULL DEFAULT 0"_s,
         }},
        // User ids are never reused (AUTOINCREMENT): a connection still signed in as a removed
        // account must not become whoever is added next. get_history pages by (record_id, id).
        {3,
         {
             u"CREATE TABLE users_v3 ("
             "id INTEGER PRIMARY KEY AUTOINCREMENT,"
             "name TEXT UNIQUE NOT NULL,"
             "display_name TEXT NOT NULL,"
             "role TEXT NOT NULL CHECK (role IN ('editor','admin')),"
             "handle TEXT UNIQUE NOT NULL,"
             "password_hash TEXT NOT NULL,"
             "password_changed_at INTEGER NOT NULL DEFAULT 0)"_s,
             u"INSERT INTO users_v3 (id, name, display_name, role, handle, password_hash, password_changed_at)"
             " SELECT id, name, display_name, role, handle, password_hash, password_changed_at FROM users"_s,
             u"DROP TABLE users"_s,
             u"ALTER TABLE users_v3 RENAME TO users"_s,
             u"CREATE INDEX audit_record_id ON audit (record_id, id)"_s,
         }},
    };
}

} // namespace

Database::Database(const QString &path)
    : m_path(path)
    , m_connectionName(u"recordlock-db-"_s + QString::number(++s_connectionCounter))
{
}

Database::~Database()
{
    if (m_db.isValid())
        m_db.close();
    // removeDatabase() warns unless every QSqlDatabase copy of the connection is gone.
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::open()
{
    if (m_open)
        return true;
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(u"cannot create directory "_s + info.absolutePath());

    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    if (!m_db.isValid())
        return fail(u"the QSQLITE driver is not available"_s);
    m_db.setDatabaseName(m_path);
    if (!m_db.open())
        return fail(u"cannot open "_s + m_path + u": "_s + m_db.lastError().text());
    if (!applyPragmas() || !migrate()) {
        m_db.close();
        return false;
    }
    m_open = true;
    qCDebug(lcStorage) << "opened" << m_path << "schema version" << SchemaVersion;
    return true;
}

bool Database::applyPragmas()
{
    QSqlQuery query(m_db);
    // WAL lets readers run beside the writer; synchronous=NORMAL keeps every committed
    // transaction across a process crash (kill -9), only an OS crash may lose the last ones.
    if (!query.exec(u"PRAGMA journal_mode=WAL"_s) || !query.next())
        return fail(u"PRAGMA journal_mode: "_s + query.lastError().text());
    const QString mode = query.value(0).toString();
    query.finish();
    if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return fail(u"the database refused WAL mode (got "_s + mode + u")"_s);

    const QStringList pragmas = {
        u"PRAGMA synchronous=NORMAL"_s,
        u"PRAGMA busy_timeout=5000"_s,
        u"PRAGMA foreign_keys=ON"_s,
    };
    for (const QString &pragma : pragmas) {
        if (!query.exec(pragma))
            return fail(pragma + u": "_s + query.lastError().text());
        query.finish();
    }
    return true;
}

bool Database::migrate()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s))
        return fail(u"cannot create schema_version: "_s + query.lastError().text());

    for (const Migration &migration : migrations()) {
        SqlTransaction transaction(m_db);
        if (!transaction.isActive())
            return fail(u"migration: "_s + transaction.lastError());
        // Read inside the transaction: another process may have migrated meanwhile.
        if (!query.exec(u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s) || !query.next())
            return fail(u"cannot read schema_version: "_s + query.lastError().text());
        const int current = query.value(0).toInt();
        query.finish();
        if (current > SchemaVersion)
            return fail(u"the database has schema version %1, newer than this program's %2"_s.arg(current).arg(
                SchemaVersion));
        if (current >= migration.version)
            continue;
        for (const QString &statement : migration.statements) {
            if (!query.exec(statement))
                return fail(u"migration %1 failed: %2"_s.arg(migration.version).arg(query.lastError().text()));
        }
        query.prepare(u"INSERT INTO schema_version (version) VALUES (?)"_s);
        query.addBindValue(migration.version);
        if (!query.exec())
            return fail(u"cannot record schema version: "_s + query.lastError().text());
        if (!transaction.commit())
            return fail(u"migration %1 commit: %2"_s.arg(migration.version).arg(transaction.lastError()));
        qCInfo(lcStorage) << "migrated" << m_path << "to schema version" << migration.version;
    }
    return true;
}

bool Database::fail(const QString &message)
{
    m_error = message;
    qCWarning(lcStorage).noquote() << message;
    return false;
}

QString Database::notNull(const QString &value)
{
    return value.isNull() ? QString(u""_s) : value;
}

} // namespace recordlock
