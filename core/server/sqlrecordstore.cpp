#include "server/sqlrecordstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include "server/database.h"
#include "server/serverlogging.h"
#include "server/sqltransaction.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

const QString SelectColumns = u"SELECT id, type, version, fields, updated_at, updated_by FROM records"_s;

QString fieldsToJson(const QMap<QString, QString> &fields)
{
    QJsonObject object;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QMap<QString, QString> fieldsFromJson(const QString &json)
{
    QMap<QString, QString> fields;
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it)
        fields.insert(it.key(), it.value().toString());
    return fields;
}

// LIKE treats % and _ as wildcards; a user searching for "10%" means the characters.
QString likePattern(const QString &query)
{
    QString escaped;
    escaped.reserve(query.size() + 2);
    for (const QChar c : query) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped.append(u'\\');
        escaped.append(c);
    }
    return u'%' + escaped + u'%';
}

void warn(const char *what, const QSqlQuery &query)
{
    qCWarning(lcStorage) << what << query.lastError().text();
}

} // namespace

SqlRecordStore::SqlRecordStore(Database &database)
    : m_database(database)
    , m_insert(database.db(), u"INSERT INTO records (id, type, version, fields, title, title_folded, updated_at,"
                              " updated_by, fence) VALUES (?, ?, 1, ?, ?, ?, ?, ?, 0)"_s)
{
    if (!m_insert.isValid())
        qCWarning(lcStorage) << "cannot prepare the record insert:" << m_insert.lastError();
    m_database.trackPreparedQuery(&m_exists);
    prepareExists();
}

SqlRecordStore::~SqlRecordStore()
{
    m_database.untrackPreparedQuery(&m_exists);
}

void SqlRecordStore::prepareExists()
{
    // After a reconnect m_exists is an empty query the Database reset: nothing left to free.
    m_existsGeneration = m_database.generation();
    m_exists = QSqlQuery(m_database.db());
    m_exists.setForwardOnly(true);
    m_existsPrepared = m_exists.prepare(u"SELECT 1 FROM records WHERE id = ?"_s);
    if (!m_existsPrepared)
        qCWarning(lcStorage) << "cannot prepare the record lookup:" << m_exists.lastError().text();
}

RecordData SqlRecordStore::readRow(const QSqlQuery &query)
{
    RecordData record;
    record.id = query.value(0).toString();
    record.type = query.value(1).toString();
    record.version = query.value(2).toLongLong();
    record.fields = fieldsFromJson(query.value(3).toString());
    record.updatedAt = query.value(4).toLongLong();
    record.updatedBy = query.value(5).toString();
    return record;
}

std::optional<RecordData> SqlRecordStore::get(const QString &id)
{
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    query.prepare(SelectColumns + u" WHERE id = ?"_s);
    query.addBindValue(Database::notNull(id));
    if (!query.exec()) {
        warn("cannot read record:", query);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return readRow(query);
}

bool SqlRecordStore::exists(const QString &id)
{
    if (m_existsGeneration != m_database.generation())
        prepareExists();
    if (!m_existsPrepared)
        return false;
    m_exists.bindValue(0, Database::notNull(id));
    if (!m_exists.exec()) {
        warn("cannot look up record:", m_exists);
        m_database.noteError(m_exists.lastError());
        m_exists.finish();
        return false;
    }
    const bool found = m_exists.next();
    // Ends the statement: an open read would hold back WAL checkpoints.
    m_exists.finish();
    return found;
}

RecordPage SqlRecordStore::list(const RecordFilter &filter)
{
    RecordPage page;
    QString where = u" WHERE 1 = 1"_s;
    QVariantList binds;
    if (!filter.type.isEmpty()) {
        where += u" AND type = ?"_s;
        binds << filter.type;
    }
    if (!filter.query.isEmpty()) {
        // title_folded holds the Unicode-lowered title; ids are ASCII. LOWER(id): PostgreSQL's
        // LIKE is case-sensitive, SQLite's folds ASCII.
        where += u" AND (title_folded LIKE ? ESCAPE '\\' OR LOWER(id) LIKE ? ESCAPE '\\')"_s;
        const QString pattern = likePattern(filter.query.toLower());
        binds << pattern << pattern;
    }

    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT COUNT(*) FROM records"_s + where);
    for (const QVariant &value : std::as_const(binds))
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        warn("cannot count records:", query);
        page.ok = false;
        return page;
    }
    page.total = query.value(0).toLongLong();
    query.finish();

    // The title column instead of the fields JSON: listings skip fields, and parsing is not free.
    query.prepare(u"SELECT id, type, version, title, updated_at, updated_by FROM records"_s + where
                  + u" ORDER BY id LIMIT ? OFFSET ?"_s);
    for (const QVariant &value : std::as_const(binds))
        query.addBindValue(value);
    query.addBindValue(qMax<qint64>(filter.limit, 0));
    query.addBindValue(qMax<qint64>(filter.offset, 0));
    if (!query.exec()) {
        warn("cannot list records:", query);
        page.total = 0;
        page.ok = false;
        return page;
    }
    while (query.next()) {
        RecordData record;
        record.id = query.value(0).toString();
        record.type = query.value(1).toString();
        record.version = query.value(2).toLongLong();
        // Only the title, which RecordData::title() and the list summary read from fields.
        record.fields.insert(u"title"_s, query.value(3).toString());
        record.updatedAt = query.value(4).toLongLong();
        record.updatedBy = query.value(5).toString();
        page.records.append(record);
    }
    return page;
}

SaveOutcome SqlRecordStore::save(const QString &id, qint64 expectedVersion, qint64 fencingToken,
                                 const QMap<QString, QString> &fields, const QString &byName, qint64 atMs)
{
    SaveOutcome outcome;
    SqlTransaction transaction(m_database.db());
    if (!transaction.isActive()) {
        qCWarning(lcStorage) << "save: cannot begin:" << transaction.lastError();
        return outcome;
    }
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    // FOR UPDATE: on PostgreSQL (READ COMMITTED) a second instance saving the same record waits
    // here until this transaction ends, then reads the new version. SQLite's BEGIN IMMEDIATE
    // already serializes every writer of the file.
    const QString lockRow = m_database.isPostgres() ? u" FOR UPDATE"_s : QString();
    query.prepare(u"SELECT id, type, version, fields, updated_at, updated_by, fence FROM records WHERE id = ?"_s
                  + lockRow);
    query.addBindValue(Database::notNull(id));
    if (!query.exec()) {
        warn("save: cannot read record:", query);
        return outcome;
    }
    if (!query.next()) {
        outcome.status = SaveOutcome::Status::NotFound;
        return outcome;
    }
    RecordData record = readRow(query);
    const qint64 fence = query.value(6).toLongLong();
    query.finish();

    // A lower token than the last writer's means a holder that lost its lock is still writing.
    // Checked before the version, the order docs/protocol.md gives to save_record's errors.
    if (fencingToken < fence) {
        outcome.status = SaveOutcome::Status::StaleToken;
        outcome.currentVersion = record.version;
        return outcome;
    }
    if (record.version != expectedVersion) {
        outcome.status = SaveOutcome::Status::StaleVersion;
        outcome.currentVersion = record.version;
        return outcome;
    }

    for (auto it = fields.begin(); it != fields.end(); ++it)
        record.fields.insert(it.key(), it.value());
    record.version += 1;
    record.updatedAt = atMs;
    record.updatedBy = byName;

    // Conditional on what was read: the row lock makes it hold, the condition makes that visible.
    query.prepare(u"UPDATE records SET version = ?, fields = ?, title = ?, title_folded = ?, updated_at = ?,"
                  " updated_by = ?, fence = ? WHERE id = ? AND version = ? AND fence <= ?"_s);
    query.addBindValue(record.version);
    query.addBindValue(fieldsToJson(record.fields));
    query.addBindValue(Database::notNull(record.title()));
    query.addBindValue(Database::notNull(record.title().toLower()));
    query.addBindValue(record.updatedAt);
    query.addBindValue(Database::notNull(record.updatedBy));
    query.addBindValue(fencingToken);
    query.addBindValue(Database::notNull(id));
    query.addBindValue(expectedVersion);
    query.addBindValue(fencingToken);
    if (!query.exec()) {
        warn("save: cannot update record:", query);
        return outcome;
    }
    if (query.numRowsAffected() != 1) {
        qCWarning(lcStorage) << "save: record" << id << "changed under its row lock; refused as stale";
        outcome.status = SaveOutcome::Status::StaleVersion;
        outcome.currentVersion = expectedVersion;
        return outcome;
    }
    if (!transaction.commit()) {
        qCWarning(lcStorage) << "save: cannot commit:" << transaction.lastError();
        return outcome;
    }
    outcome.status = SaveOutcome::Status::Saved;
    outcome.record = record;
    return outcome;
}

bool SqlRecordStore::create(const RecordData &record)
{
    // Bound texts must outlive exec(): no temporaries.
    const QString fields = fieldsToJson(record.fields);
    const QString title = record.title();
    const QString titleFolded = title.toLower();
    m_insert.bindText(1, record.id);
    m_insert.bindText(2, record.type);
    m_insert.bindText(3, fields);
    m_insert.bindText(4, title);
    m_insert.bindText(5, titleFolded);
    m_insert.bindInteger(6, record.updatedAt);
    m_insert.bindText(7, record.updatedBy);
    if (!m_insert.exec()) {
        qCDebug(lcStorage) << "cannot create record" << record.id << ":" << m_insert.lastError();
        return false;
    }
    return true;
}

bool SqlRecordStore::isAvailable() const
{
    return !m_database.isConnectionLost();
}

qint64 SqlRecordStore::count()
{
    QSqlQuery query(m_database.db());
    if (!query.exec(u"SELECT COUNT(*) FROM records"_s) || !query.next()) {
        warn("cannot count records:", query);
        return 0;
    }
    return query.value(0).toLongLong();
}

} // namespace recordlock
