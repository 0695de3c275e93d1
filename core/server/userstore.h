#pragma once

#include <optional>

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
    /// "editor"/"admin", or on failure.
    std::optional<User> add(const QString &name, const QString &displayName, const QString &role,
                            const QString &password);
    /// The account with this user name, including its password hash for the caller to verify.
    std::optional<User> findByName(const QString &name);
    /// The account with this internal id, including its password hash.
    std::optional<User> findById(qint64 id);
    /// Replaces the password (hashed anew); false if there is no such user or on failure.
    bool setPassword(qint64 id, const QString &password);
    /// Changes the role ("editor" or "admin"); false if invalid, no such user or on failure.
    bool setRole(qint64 id, const QString &role);
    /// Deletes the account; false if there is no such user or on failure.
    bool remove(qint64 id);
    /// Number of accounts.
    qint64 count();

    /// True for the roles the server knows.
    static bool isValidRole(const QString &role);

private:
    std::optional<User> findOne(const QString &column, const QVariant &value);
    static User readRow(const QSqlQuery &query);
    static QString newHandle();

    Database &m_database;
    const PasswordHasher &m_hasher;
};

} // namespace recordlock
