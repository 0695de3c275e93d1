#include "serverdatabase.h"

#include <atomic>

#include <QSqlError>

#include "serverprocess.h"
#include "testbackend.h"

using namespace Qt::StringLiterals;

namespace recordlock::test {

namespace {
std::atomic<int> s_serverDatabaseCount{0};
} // namespace

ServerDatabase::ServerDatabase(const ServerProcess &server)
    : ServerDatabase(server.dataDir(), server.databaseUrl())
{
}

ServerDatabase::ServerDatabase(const QString &dataDir)
    : ServerDatabase(dataDir, TestBackend::databaseUrlFor(dataDir))
{
}

ServerDatabase::ServerDatabase(const QString &dataDir, const QString &url)
    : m_connectionName(u"recordlock-test-server-db-"_s + QString::number(++s_serverDatabaseCount))
    , m_db(TestBackend::addConnection(m_connectionName, dataDir, url))
{
}

ServerDatabase::~ServerDatabase()
{
    m_db.close();
    // removeDatabase() warns while a copy of the connection is alive.
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool ServerDatabase::open()
{
    return m_db.open();
}

QString ServerDatabase::lastError() const
{
    return m_db.lastError().text();
}

} // namespace recordlock::test
