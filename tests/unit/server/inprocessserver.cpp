#include "inprocessserver.h"

#include <QDebug>
#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace recordlock::test {

bool InProcessServer::seedTemplate(QString *error)
{
    if (!m_template.isValid()) {
        *error = u"cannot create a temporary directory"_s;
        return false;
    }
    ServerConfig config;
    config.port = 0;
    config.dataDir = m_template.path();
    config.demo = true;
    RecordLockServer seeder(config, m_clock);
    return seeder.start(error);
}

bool InProcessServer::start(ServerConfig config, QString *error)
{
    stop();
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        *error = u"cannot create a temporary directory"_s;
        return false;
    }
    const QStringList files = QDir(m_template.path()).entryList(QDir::Files);
    if (!files.contains(u"secret.key"_s)) {
        *error = u"the template is not seeded; call seedTemplate() first"_s;
        return false;
    }
    for (const QString &file : files) {
        if (!QFile::copy(m_template.filePath(file), m_dir->filePath(file))
            || !QFile::setPermissions(m_dir->filePath(file), QFile::ReadOwner | QFile::WriteOwner)) {
            *error = u"cannot copy %1"_s.arg(file);
            return false;
        }
    }
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.dataDir = m_dir->path();
    config.demo = true;
    m_server = std::make_unique<RecordLockServer>(config, m_clock);
    return m_server->start(error);
}

void InProcessServer::stop()
{
    m_server.reset();
    m_dir.reset();
}

QUrl InProcessServer::wsUrl() const
{
    return QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_server ? m_server->port() : 0));
}

std::unique_ptr<TestClient> InProcessServer::loggedIn(const QString &user, const QString &sessionId) const
{
    auto client = std::make_unique<TestClient>();
    if (!sessionId.isEmpty())
        client->setSessionId(sessionId);
    const ServerMessage reply = client->connectAndLogin(wsUrl(), user);
    if (!reply.ok) {
        qWarning() << "login failed:" << TestClient::describe(reply);
        return nullptr;
    }
    return client;
}

} // namespace recordlock::test
