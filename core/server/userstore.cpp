#include "server/userstore.h"

#include <sodium.h>

#include <QSqlError>
#include <QSqlQuery>

#include "server/database.h"
#include "server/passwordhasher.h"
#include "server/serverlogging.h"
#include "server/sqltransaction.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

// Handles are random, not derived from the id or name, so they reveal neither.
constexpr int HandleBytes = 5;
constexpr int HandleAttempts = 8;

} // namespace

UserStore::UserStore(Database &database, const PasswordHasher &hasher)
    : m_database(database)
    , m_hasher(hasher)
{
}

bool UserStore::isValidRole(const QString &role)
{
    return role == u"editor"_s || role == u"admin"_s;
}

QString UserStore::newHandle()
{
    if (sodium_init() < 0)
        return {};
    unsigned char bytes[HandleBytes];
    randombytes_buf(bytes, sizeof bytes);
    return u"u_"_s + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes), HandleBytes).toHex());
}

std::optional<User> UserStore::add(const QString &name, const QString &displayName, const QString &role,
                                   const QString &password, qint64 createdAtMs)
{
    if (name.isEmpty() || !isValidRole(role))
        return std::nullopt;
    if (findByName(name))
        return std::nullopt;
    User user;
    user.name = name;
    user.displayName = displayName.isNull() ? u""_s : displayName;
    user.role = role;
    user.passwordHash = m_hasher.hash(password);
    user.passwordChangedAt = createdAtMs;
    if (user.passwordHash.isEmpty())
        return std::nullopt;

    // A savepoint inside an outer transaction: on PostgreSQL a refused INSERT (the name taken
    // meanwhile) would otherwise abort the whole outer transaction.
    SqlTransaction transaction(m_database.db());
    if (!transaction.isActive()) {
        qCWarning(lcIdentity) << "cannot add user" << name << ":" << transaction.lastError();
        return std::nullopt;
    }
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    for (int attempt = 0; attempt < HandleAttempts; ++attempt) {
        user.handle = newHandle();
        if (user.handle.isEmpty())
            return std::nullopt;
        // 40 random bits make a clash unlikely, but UNIQUE decides: a clash only costs a retry.
        // RETURNING works on both engines (SQLite 3.35+); QPSQL has no lastInsertId() without OIDs.
        query.prepare(u"INSERT INTO users (name, display_name, role, handle, password_hash, password_changed_at)"
                      " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (handle) DO NOTHING RETURNING id"_s);
        query.addBindValue(user.name);
        query.addBindValue(user.displayName);
        query.addBindValue(user.role);
        query.addBindValue(user.handle);
        query.addBindValue(user.passwordHash);
        query.addBindValue(user.passwordChangedAt);
        if (!query.exec()) {
            // Most likely the name was taken between findByName() and here.
            qCWarning(lcIdentity) << "cannot add user" << name << ":" << query.lastError().text();
            return std::nullopt;
        }
        if (query.next()) {
            user.id = query.value(0).toLongLong();
            query.finish();
            if (!transaction.commit()) {
                qCWarning(lcIdentity) << "cannot add user" << name << ":" << transaction.lastError();
                return std::nullopt;
            }
            qCInfo(lcIdentity) << "added user" << name << "as" << role;
            return user;
        }
        query.finish();
    }
    qCWarning(lcIdentity) << "no free handle for user" << name;
    return std::nullopt;
}

std::optional<User> UserStore::findByName(const QString &name)
{
    return findOne(u"name"_s, name);
}

std::optional<User> UserStore::findById(qint64 id)
{
    return findOne(u"id"_s, id);
}

std::optional<QString> UserStore::roleOf(qint64 id, const QString &handle)
{
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    // The handle too: a connection of a removed account must not inherit a later account's role.
    query.prepare(u"SELECT role FROM users WHERE id = ? AND handle = ?"_s);
    query.addBindValue(id);
    query.addBindValue(Database::notNull(handle));
    if (!query.exec()) {
        qCWarning(lcIdentity) << "cannot read a role:" << query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return query.value(0).toString();
}

std::optional<User> UserStore::findOne(const QString &column, const QVariant &value)
{
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, name, display_name, role, handle, password_hash, password_changed_at FROM users WHERE "_s
                  + column
                  + u" = ?"_s);
    query.addBindValue(value);
    m_lookupFailed = !query.exec();
    if (m_lookupFailed) {
        qCWarning(lcIdentity) << "cannot look up user:" << query.lastError().text();
        Database::noteError(m_database.db(), query.lastError());
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return readRow(query);
}

User UserStore::readRow(const QSqlQuery &query)
{
    User user;
    user.id = query.value(0).toLongLong();
    user.name = query.value(1).toString();
    user.displayName = query.value(2).toString();
    user.role = query.value(3).toString();
    user.handle = query.value(4).toString();
    user.passwordHash = query.value(5).toString();
    user.passwordChangedAt = query.value(6).toLongLong();
    return user;
}

bool UserStore::setPassword(qint64 id, const QString &password, qint64 changedAtMs)
{
    const QString hash = m_hasher.hash(password);
    if (hash.isEmpty())
        return false;
    QSqlQuery query(m_database.db());
    query.prepare(u"UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?"_s);
    query.addBindValue(hash);
    query.addBindValue(changedAtMs);
    query.addBindValue(id);
    if (!query.exec()) {
        qCWarning(lcIdentity) << "cannot set password:" << query.lastError().text();
        return false;
    }
    return query.numRowsAffected() == 1;
}

bool UserStore::replacePasswordHash(qint64 id, const QString &oldHash, const QString &newHash)
{
    if (newHash.isEmpty())
        return false;
    QSqlQuery query(m_database.db());
    // Conditional: a `recordlockd user passwd` that ran meanwhile must win over a rehash.
    query.prepare(u"UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?"_s);
    query.addBindValue(newHash);
    query.addBindValue(id);
    query.addBindValue(oldHash);
    if (!query.exec()) {
        qCWarning(lcIdentity) << "cannot store a rehashed password:" << query.lastError().text();
        return false;
    }
    return query.numRowsAffected() == 1;
}

bool UserStore::setRole(qint64 id, const QString &role)
{
    if (!isValidRole(role))
        return false;
    QSqlQuery query(m_database.db());
    query.prepare(u"UPDATE users SET role = ? WHERE id = ?"_s);
    query.addBindValue(role);
    query.addBindValue(id);
    if (!query.exec()) {
        qCWarning(lcIdentity) << "cannot set role:" << query.lastError().text();
        return false;
    }
    return query.numRowsAffected() == 1;
}

bool UserStore::remove(qint64 id)
{
    QSqlQuery query(m_database.db());
    query.prepare(u"DELETE FROM users WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec()) {
        qCWarning(lcIdentity) << "cannot remove user:" << query.lastError().text();
        return false;
    }
    return query.numRowsAffected() == 1;
}

qint64 UserStore::count()
{
    QSqlQuery query(m_database.db());
    if (!query.exec(u"SELECT COUNT(*) FROM users"_s) || !query.next()) {
        qCWarning(lcIdentity) << "cannot count users:" << query.lastError().text();
        return 0;
    }
    return query.value(0).toLongLong();
}

std::optional<QList<User>> UserStore::list()
{
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, name, display_name, role, handle, password_hash, password_changed_at FROM users"
                    " ORDER BY name"_s)) {
        qCWarning(lcIdentity) << "cannot list users:" << query.lastError().text();
        return std::nullopt;
    }
    QList<User> users;
    while (query.next()) {
        User user = readRow(query);
        user.passwordHash.clear();
        users.append(user);
    }
    return users;
}

} // namespace recordlock
