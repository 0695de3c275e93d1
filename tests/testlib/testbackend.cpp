#include "testbackend.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QtDebug>

using namespace Qt::StringLiterals;

namespace recordlock::test {

namespace {

/// Names the database of a data directory (see databaseUrlFor()).
const QString TestBackendMarkerFile = u"test-backend-database"_s;

const QString TestBackendRunThroughServices = u"run the test through scripts/with-test-services.sh"_s;

QString testBackendVariable(const char *name)
{
    return qEnvironmentVariable(name).trimmed();
}

QString testBackendDirHash(const QString &dataDir)
{
    const QByteArray path = QDir(dataDir).absolutePath().toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex().left(16));
}

/// A database name is an identifier in CREATE DATABASE: letters, digits and _ only.
bool testBackendIsPlainName(const QString &name)
{
    if (name.isEmpty() || name.size() > 63)
        return false;
    for (const QChar c : name) {
        if (!(c.isLower() && c.unicode() < 128) && !(c.isDigit() && c.unicode() < 128) && c != u'_')
            return false;
    }
    return true;
}

QString testBackendUrlWithDatabase(const QString &url, const QString &databaseName)
{
    QUrl copy(url);
    copy.setPath(u'/' + databaseName);
    return copy.toString(QUrl::FullyEncoded);
}

} // namespace

QString TestBackend::name()
{
    const QString value = testBackendVariable("RECORDLOCK_TEST_BACKEND");
    return value.isEmpty() ? u"sqlite"_s : value;
}

bool TestBackend::usesPostgres()
{
    const QString backend = name();
    return backend == u"postgres" || backend == u"redis+postgres";
}

bool TestBackend::usesRedis()
{
    return name() == u"redis+postgres";
}

QString TestBackend::problem()
{
    const QString backend = name();
    if (backend != u"sqlite" && backend != u"postgres" && backend != u"redis+postgres")
        return u"RECORDLOCK_TEST_BACKEND=%1 is unknown (sqlite, postgres or redis+postgres)"_s.arg(backend);
    if (usesPostgres() && testBackendVariable("RECORDLOCK_TEST_PG_URL").isEmpty())
        return u"backend %1 needs RECORDLOCK_TEST_PG_URL: "_s.arg(backend) + TestBackendRunThroughServices;
    if (usesRedis() && redisUrl().isEmpty())
        return u"backend %1 needs RECORDLOCK_TEST_REDIS_URL: "_s.arg(backend) + TestBackendRunThroughServices;
    return {};
}

QString TestBackend::freshDatabaseUrl(const QString &name)
{
    const QString serverUrl = testBackendVariable("RECORDLOCK_TEST_PG_URL");
    if (serverUrl.isEmpty()) {
        qWarning().noquote() << "RECORDLOCK_TEST_PG_URL is not set:" << TestBackendRunThroughServices;
        return {};
    }
    if (!testBackendIsPlainName(name)) {
        qWarning().noquote() << "not a plain database name (a-z, 0-9, _):" << name;
        return {};
    }
    const QString connectionName = u"recordlock-test-admin-"_s + name;
    bool ok = false;
    {
        QSqlDatabase admin = addConnection(connectionName, QString(), serverUrl);
        if (!admin.open()) {
            qWarning().noquote() << "cannot connect to" << serverUrl << ":" << admin.lastError().text();
        } else {
            QSqlQuery query(admin);
            query.prepare(u"SELECT 1 FROM pg_database WHERE datname = ?"_s);
            query.addBindValue(name);
            if (query.exec() && query.next()) {
                ok = true;
            } else if (query.exec(u"CREATE DATABASE "_s + name)) {
                ok = true;
            } else {
                // Another process may have created it between the check and here.
                QSqlQuery again(admin);
                again.prepare(u"SELECT 1 FROM pg_database WHERE datname = ?"_s);
                again.addBindValue(name);
                ok = again.exec() && again.next();
                if (!ok)
                    qWarning().noquote() << "cannot create database" << name << ":" << query.lastError().text();
            }
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return ok ? testBackendUrlWithDatabase(serverUrl, name) : QString();
}

QString TestBackend::redisUrl()
{
    return testBackendVariable("RECORDLOCK_TEST_REDIS_URL");
}

QString TestBackend::databaseNameFor(const QString &dataDir)
{
    return u"recordlock_"_s + testBackendDirHash(dataDir);
}

QString TestBackend::redisPrefixFor(const QString &dataDir)
{
    return u"recordlock-test-"_s + testBackendDirHash(dataDir) + u':';
}

QString TestBackend::databaseUrlFor(const QString &dataDir)
{
    if (!usesPostgres())
        return {};
    const QString name = databaseNameFor(dataDir);
    // The data directory names its database, so that a copy of the directory (a test preparing
    // several instances of one installation) starts on a copy of the database, as with SQLite.
    QFile marker(QDir(dataDir).filePath(TestBackendMarkerFile));
    QString source;
    if (marker.open(QIODevice::ReadOnly))
        source = QString::fromUtf8(marker.readAll()).trimmed();
    marker.close();
    const QString url = source.isEmpty() || source == name ? freshDatabaseUrl(name) : copiedDatabaseUrl(source, name);
    if (url.isEmpty() || source == name)
        return url;
    if (!QDir().mkpath(dataDir) || !marker.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || marker.write(name.toUtf8() + '\n') <= 0) {
        qWarning().noquote() << "cannot write" << marker.fileName();
        return {};
    }
    return url;
}

QString TestBackend::copiedDatabaseUrl(const QString &source, const QString &name)
{
    const QString serverUrl = testBackendVariable("RECORDLOCK_TEST_PG_URL");
    if (serverUrl.isEmpty() || !testBackendIsPlainName(source) || !testBackendIsPlainName(name))
        return freshDatabaseUrl(name);
    const QString connectionName = u"recordlock-test-copy-"_s + name;
    bool ok = false;
    {
        QSqlDatabase admin = addConnection(connectionName, QString(), serverUrl);
        if (admin.open()) {
            QSqlQuery query(admin);
            query.prepare(u"SELECT 1 FROM pg_database WHERE datname = ?"_s);
            query.addBindValue(name);
            // TEMPLATE copies every table; it needs the source without connections (a stopped server).
            ok = (query.exec() && query.next()) || query.exec(u"CREATE DATABASE %1 TEMPLATE %2"_s.arg(name, source));
            if (!ok)
                qWarning().noquote() << "cannot copy database" << source << "to" << name << ":"
                                     << query.lastError().text();
        } else {
            qWarning().noquote() << "cannot connect to" << serverUrl << ":" << admin.lastError().text();
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return ok ? testBackendUrlWithDatabase(serverUrl, name) : QString();
}

QSqlDatabase TestBackend::addConnection(const QString &connectionName, const QString &dataDir, const QString &url)
{
    if (url.isEmpty()) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(QDir(dataDir).filePath(u"recordlock.db"_s));
        return db;
    }
    const QUrl parsed(url);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(parsed.host());
    db.setPort(parsed.port(5432));
    db.setUserName(parsed.userName());
    db.setPassword(parsed.password());
    db.setDatabaseName(parsed.path().mid(1));
    return db;
}

} // namespace recordlock::test
