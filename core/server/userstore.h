#pragma once

#include <optional>

#include <QList>
#include <QString>

#include "server/user.h"

class QSqlQuery;

namespace recordlock {

class Database;
class PasswordHasher;

/// The accounts in the users table. Uses the Database's connection, so call it on that thread;
/// only PasswordHasher::verify() of a found hash may run elsewhere.
class UserStore
{
public:
    /// database (open) and hasher must outlive the store.
    UserStore(Database &database, const PasswordHasher &hasher);

    /// Creates an account with a new unique handle; nullopt if the name is taken, the role is not
    /// "editor"/"admin", or on failure. createdAtMs becomes its passwordChangedAt: a token issued
    /// earlier (for a removed account whose id SQLite hands out again) is refused.
    std::optional<User> add(const QString &name, const QString &displayName, const QString &role,
                            const QString &password, qint64 createdAtMs = 0);
    /// The account with this user name, including its password hash for the caller to verify.
    std::optional<User> findByName(const QString &name);
    /// True if the last findByName()/findById() could not read the database (nullopt then means
    /// "unknown", not "no such account").
    bool lookupFailed() const { return m_lookupFailed; }
    /// The account with this internal id, including its password hash.
    std::optional<User> findById(qint64 id);
    /// The account's role as stored now ("editor"/"admin"); nullopt if there is no account with
    /// both this id and this handle (removed, or the id belongs to a newer account) or the lookup
    /// failed. Admin requests ask this every time, so a role change applies at once.
    std::optional<QString> roleOf(qint64 id, const QString &handle);
    /// Replaces the password (hashed anew) and sets passwordChangedAt to changedAtMs, which
    /// revokes the user's earlier session tokens; false if there is no such user or on failure.
    bool setPassword(qint64 id, const QString &password, qint64 changedAtMs);
    /// Replaces the stored hash of the same password (rehash with new parameters) unless it is no
    /// longer oldHash (changed meanwhile); keeps passwordChangedAt, so no token is revoked.
    bool replacePasswordHash(qint64 id, const QString &oldHash, const QString &newHash);
    /// Changes the role ("editor" or "admin"); false if invalid, no such user or on failure.
    bool setRole(qint64 id, const QString &role);
    /// Deletes the account; false if there is no such user or on failure.
    bool remove(qint64 id);
    /// Number of accounts.
    qint64 count();
    /// Every account ordered by name, without password hashes; nullopt on failure.
    std::optional<QList<User>> list();

    /// True for the roles the server knows.
    static bool isValidRole(const QString &role);

private:
    std::optional<User> findOne(const QString &column, const QVariant &value);
    static User readRow(const QSqlQuery &query);
    static QString newHandle();

    Database &m_database;
    bool m_lookupFailed = false;
    const PasswordHasher &m_hasher;
};

} // namespace recordlock
