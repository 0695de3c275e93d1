#pragma once

#include <memory>

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include "common/systemclock.h"
#include "server/recordlockserver.h"
#include "server/serverconfig.h"
#include "testclient.h"

namespace recordlock::test {

/// A RecordLockServer in the test process on 127.0.0.1, port 0. The demo data is seeded once per
/// executable (password hashing is slow on purpose); every start() runs on a fresh copy of it.
class InProcessServer
{
public:
    /// Seeds the template data directory; call once, from initTestCase().
    bool seedTemplate(QString *error);
    /// Starts a server on a fresh copy of the template; dataDir, port and demo of config are set here.
    bool start(ServerConfig config, QString *error);
    /// Stops the server and removes its data.
    void stop();

    /// The running server; nullptr before start().
    RecordLockServer *server() const { return m_server.get(); }
    /// ws://127.0.0.1:PORT/ws of the running server.
    QUrl wsUrl() const;
    /// A client connected and logged in as user (password = user name); nullptr on failure.
    std::unique_ptr<TestClient> loggedIn(const QString &user, const QString &sessionId = {}) const;
    /// The clock the server runs on.
    const SystemClock &clock() const { return m_clock; }

private:
    SystemClock m_clock;
    QTemporaryDir m_template;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RecordLockServer> m_server;
};

} // namespace recordlock::test
