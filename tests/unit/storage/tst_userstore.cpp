#include <memory>
#include <sodium.h>

#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "server/database.h"
#include "server/passwordhasher.h"
#include "server/userstore.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

/// UserStore on a real SQLite file with the real hasher (cheap parameters, the code path is the same).
class TestUserStore : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_users.reset();
        m_database = std::make_unique<Database>(m_dir.filePath(u"u%1.db"_s.arg(++m_counter)));
        QVERIFY2(m_database->open(), qPrintable(m_database->lastError()));
        m_users = std::make_unique<UserStore>(*m_database, m_hasher);
    }

    void cleanup()
    {
        m_users.reset();
        m_database.reset();
    }

    void addFindVerify()
    {
        QCOMPARE(m_users->count(), 0);
        const auto added = m_users->add(u"alice"_s, u"Alice Archer"_s, u"editor"_s, u"secret"_s);
        QVERIFY(added);
        QVERIFY(added->id > 0);
        QCOMPARE(m_users->count(), 1);

        const auto found = m_users->findByName(u"alice"_s);
        QVERIFY(found);
        QCOMPARE(found->id, added->id);
        QCOMPARE(found->displayName, u"Alice Archer"_s);
        QCOMPARE(found->role, u"editor"_s);
        QCOMPARE(found->handle, added->handle);
        QVERIFY(found->passwordHash.startsWith(u"$argon2id$"_s));
        QVERIFY(m_hasher.verify(found->passwordHash, u"secret"_s));
        QVERIFY(!m_hasher.verify(found->passwordHash, u"Secret"_s));

        const auto byId = m_users->findById(added->id);
        QVERIFY(byId);
        QCOMPARE(byId->name, u"alice"_s);
        QVERIFY(!m_users->findByName(u"Alice"_s)); // names are exact
        QVERIFY(!m_users->findById(added->id + 100));
    }

    void refusesDuplicateNameAndBadRole()
    {
        QVERIFY(m_users->add(u"bob"_s, u"Bob Baker"_s, u"editor"_s, u"bob"_s));
        QVERIFY(!m_users->add(u"bob"_s, u"Another Bob"_s, u"admin"_s, u"x"_s));
        QVERIFY(!m_users->add(u"eve"_s, u"Eve"_s, u"root"_s, u"x"_s));
        QVERIFY(!m_users->add(QString(), u"Nobody"_s, u"editor"_s, u"x"_s));
        QCOMPARE(m_users->count(), 1);
    }

    void handleFormatAndUniqueness()
    {
        static const QRegularExpression format(u"^u_[0-9a-f]{10}$"_s);
        QSet<QString> handles;
        for (int i = 0; i < 12; ++i) {
            const auto user = m_users->add(u"user%1"_s.arg(i), u"User %1"_s.arg(i), u"editor"_s, u"pw"_s);
            QVERIFY(user);
            QVERIFY2(format.match(user->handle).hasMatch(), qPrintable(user->handle));
            handles.insert(user->handle);
        }
        QCOMPARE(handles.size(), 12);
    }

    void setPasswordAndRole()
    {
        const auto user = m_users->add(u"carol"_s, u"Carol White"_s, u"editor"_s, u"old"_s);
        QVERIFY(user);
        QVERIFY(m_users->setPassword(user->id, u"new"_s, 1'000));
        const QString hash = m_users->findById(user->id)->passwordHash;
        QVERIFY(m_hasher.verify(hash, u"new"_s));
        QVERIFY(!m_hasher.verify(hash, u"old"_s));

        QVERIFY(m_users->setRole(user->id, u"admin"_s));
        QCOMPARE(m_users->findByName(u"carol"_s)->role, u"admin"_s);
        QVERIFY(!m_users->setRole(user->id, u"superuser"_s));
        QCOMPARE(m_users->findByName(u"carol"_s)->role, u"admin"_s);

        QVERIFY(!m_users->setPassword(user->id + 1, u"x"_s, 1'000));
        QVERIFY(!m_users->setRole(user->id + 1, u"editor"_s));
    }

    void passwordChangeTimeIsKept()
    {
        // It revokes the tokens issued before it (AuthHandler compares it with a token's iat_ms).
        const auto user = m_users->add(u"gus"_s, u"Gus"_s, u"editor"_s, u"pw"_s, 5'000);
        QVERIFY(user);
        QCOMPARE(user->passwordChangedAt, 5'000);
        QCOMPARE(m_users->findByName(u"gus"_s)->passwordChangedAt, 5'000);
        QVERIFY(m_users->setPassword(user->id, u"pw2"_s, 9'000));
        QCOMPARE(m_users->findById(user->id)->passwordChangedAt, 9'000);
        // A role change is no password change.
        QVERIFY(m_users->setRole(user->id, u"admin"_s));
        QCOMPARE(m_users->findById(user->id)->passwordChangedAt, 9'000);
    }

    void replacePasswordHashKeepsTokensAndLosesRaces()
    {
        const auto user = m_users->add(u"hugo"_s, u"Hugo"_s, u"editor"_s, u"pw"_s, 7'000);
        QVERIFY(user);
        const PasswordHasher stronger(crypto_pwhash_OPSLIMIT_MIN + 1, crypto_pwhash_MEMLIMIT_MIN);
        const QString rehashed = stronger.hash(u"pw"_s);
        QVERIFY(m_users->replacePasswordHash(user->id, user->passwordHash, rehashed));
        const auto stored = m_users->findById(user->id);
        QCOMPARE(stored->passwordHash, rehashed);
        QCOMPARE(stored->passwordChangedAt, 7'000); // nobody is signed out by an upgrade
        QVERIFY(m_hasher.verify(stored->passwordHash, u"pw"_s));
        // A rehash computed from a hash that changed meanwhile (a `user passwd`) is dropped.
        QVERIFY(m_users->setPassword(user->id, u"changed"_s, 8'000));
        QVERIFY(!m_users->replacePasswordHash(user->id, rehashed, stronger.hash(u"pw"_s)));
        QVERIFY(m_hasher.verify(m_users->findById(user->id)->passwordHash, u"changed"_s));
        QVERIFY(!m_users->replacePasswordHash(user->id, rehashed, QString()));
    }

    void listIsOrderedByNameWithoutHashes()
    {
        QVERIFY(m_users->add(u"zoe"_s, u"Zoe"_s, u"editor"_s, u"pw"_s));
        QVERIFY(m_users->add(u"amy"_s, u"Amy"_s, u"admin"_s, u"pw"_s));
        const auto users = m_users->list();
        QVERIFY(users);
        QCOMPARE(users->size(), 2);
        QCOMPARE(users->at(0).name, u"amy"_s);
        QCOMPARE(users->at(0).role, u"admin"_s);
        QCOMPARE(users->at(1).name, u"zoe"_s);
        QVERIFY(users->at(0).passwordHash.isEmpty());
        QVERIFY(!users->at(0).handle.isEmpty());
    }

    void removeUser()
    {
        const auto user = m_users->add(u"dave"_s, u"Dave"_s, u"editor"_s, u"pw"_s);
        QVERIFY(user);
        QVERIFY(m_users->remove(user->id));
        QVERIFY(!m_users->findByName(u"dave"_s));
        QCOMPARE(m_users->count(), 0);
        QVERIFY(!m_users->remove(user->id));
        // The name is free again, but the id is not: a connection still signed in as the removed
        // account must never be mistaken for the next one.
        const auto again = m_users->add(u"dave"_s, u"Dave"_s, u"admin"_s, u"pw"_s);
        QVERIFY(again);
        QVERIFY(again->id != user->id);
        QVERIFY(!m_users->roleOf(user->id, user->handle));
        QCOMPARE(m_users->roleOf(again->id, again->handle), std::optional<QString>(u"admin"_s));
        QVERIFY(!m_users->roleOf(again->id, user->handle)); // id and handle must belong together
    }

    void migratesAVersionOneDatabase()
    {
        // A database of the first release: its accounts keep working, their tokens stay valid.
        const QString path = m_dir.filePath(u"v1.db"_s);
        {
            QSqlDatabase old = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
            old.setDatabaseName(path);
            QVERIFY(old.open());
            QSqlQuery query(old);
            QVERIFY(query.exec(u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s));
            QVERIFY(query.exec(u"INSERT INTO schema_version (version) VALUES (1)"_s));
            QVERIFY(query.exec(u"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,"
                               " display_name TEXT NOT NULL, role TEXT NOT NULL, handle TEXT UNIQUE NOT NULL,"
                               " password_hash TEXT NOT NULL)"_s));
            QVERIFY(query.exec(u"INSERT INTO users VALUES (1, 'old', 'Old Timer', 'editor', 'u_0123456789', 'h')"_s));
            QVERIFY(query.exec(u"CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL,"
                               " at INTEGER NOT NULL, action TEXT NOT NULL, actor_name TEXT NOT NULL DEFAULT '',"
                               " subject_name TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',"
                               " token INTEGER NOT NULL DEFAULT 0)"_s));
            old.close();
        }
        QSqlDatabase::removeDatabase(u"v1"_s);
        Database database(path);
        QVERIFY2(database.open(), qPrintable(database.lastError()));
        UserStore users(database, m_hasher);
        const auto old = users.findByName(u"old"_s);
        QVERIFY(old);
        QCOMPARE(old->displayName, u"Old Timer"_s);
        QCOMPARE(old->passwordChangedAt, 0);
        QCOMPARE(users.roleOf(old->id, u"u_0123456789"_s), std::optional<QString>(u"editor"_s));
        // Migrated to never-reused ids: a new account after removing the old one gets a new id.
        QVERIFY(users.remove(old->id));
        const auto next = users.add(u"next"_s, u"Next"_s, u"admin"_s, u"pw"_s);
        QVERIFY(next);
        QVERIFY(next->id != old->id);
    }

    void survivesReopen()
    {
        const auto user = m_users->add(u"erin"_s, u"Erin"_s, u"admin"_s, u"pw"_s);
        QVERIFY(user);
        const QString path = m_database->path();
        m_users.reset();
        m_database.reset();
        Database reopened(path);
        QVERIFY(reopened.open());
        UserStore users(reopened, m_hasher);
        const auto found = users.findByName(u"erin"_s);
        QVERIFY(found);
        QCOMPARE(found->handle, user->handle);
        QVERIFY(m_hasher.verify(found->passwordHash, u"pw"_s));
    }

private:
    // Minimum cost keeps a dozen hashes fast; PasswordHasher's own test covers the defaults.
    const PasswordHasher m_hasher{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<UserStore> m_users;
};

QTEST_GUILESS_MAIN(TestUserStore)
#include "tst_userstore.moc"
