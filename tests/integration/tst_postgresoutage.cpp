// PostgreSQL restarts under a running recordlockd: requests answer `unavailable` and /healthz says
// 503 while it is down, and the server reconnects by itself once it is back.

#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include "postgresprocess.h"
#include "protocol/lockinfo.h"
#include "protocol/names.h"
#include "protocolargs.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

/// The reconnect timer ticks every second; the wait allows several failed attempts and a slow start.
constexpr int ReconnectWaitMs = 15'000;

struct Health
{
    int status = 0;
    QJsonObject body;
};

QJsonObject saveArgs(const QString &recordId, qint64 token, qint64 version, const QString &notes)
{
    return {{u"recordId"_s, recordId},
            {u"token"_s, token},
            {u"version"_s, version},
            {u"fields"_s, QJsonObject{{u"notes"_s, notes}}}};
}

} // namespace

class TestPostgresOutage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void serverReconnectsAfterRestart();

private:
    Health health();
    qint64 versionOf(const QString &recordId);

    PostgresProcess m_postgres;
    std::unique_ptr<ServerProcess> m_server;
    TestClient m_alice;
};

void TestPostgresOutage::initTestCase()
{
    QVERIFY2(m_postgres.create(), qPrintable(m_postgres.output()));
    ServerOptions options;
    options.databaseUrl = m_postgres.url();
    m_server = std::make_unique<ServerProcess>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    const ServerMessage login = m_alice.connectAndLogin(m_server->wsUrl(), u"alice"_s);
    QVERIFY2(login.ok, qPrintable(TestClient::describe(login)));
}

void TestPostgresOutage::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
    m_postgres.stop();
}

Health TestPostgresOutage::health()
{
    QNetworkAccessManager network;
    const std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(m_server->httpUrl(u"/healthz"_s))));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10'000))
        return {};
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
            QJsonDocument::fromJson(reply->readAll()).object()};
}

qint64 TestPostgresOutage::versionOf(const QString &recordId)
{
    const ServerMessage reply = m_alice.request(ops::GetRecord, recordArg(recordId));
    return reply.ok ? reply.result.value(u"record"_s).toObject().value(u"version"_s).toInteger() : -1;
}

void TestPostgresOutage::serverReconnectsAfterRestart()
{
    const QString recordId = u"C-1003"_s;
    const ServerMessage acquired = m_alice.request(ops::Acquire, recordArg(recordId));
    QVERIFY2(acquired.ok, qPrintable(TestClient::describe(acquired)));
    const qint64 token = lockOf(acquired.result).token;
    const qint64 version = versionOf(recordId);
    QVERIFY(version >= 1);
    const ServerMessage before = m_alice.request(ops::SaveRecord, saveArgs(recordId, token, version, u"before"_s));
    QVERIFY2(before.ok, qPrintable(TestClient::describe(before)));
    QCOMPARE(health().status, 200);

    QVERIFY2(m_postgres.stop(), qPrintable(m_postgres.output()));

    const ServerMessage list = m_alice.request(ops::ListRecords);
    QCOMPARE(TestClient::outcome(list), u"unavailable"_s);
    const ServerMessage save = m_alice.request(ops::SaveRecord, saveArgs(recordId, token, version + 1, u"down"_s));
    QCOMPARE(TestClient::outcome(save), u"unavailable"_s);
    const Health down = health();
    QCOMPARE(down.status, 503);
    const QJsonObject database = down.body.value(u"dependencies"_s).toObject().value(u"database"_s).toObject();
    QCOMPARE(database.value(u"status"_s).toString(), u"unavailable"_s);
    QVERIFY(!database.value(u"problem"_s).toString().isEmpty());
    // A sign-in cannot be checked now: that is not a wrong password.
    TestClient bob;
    QCOMPARE(TestClient::outcome(bob.connectAndLogin(m_server->wsUrl(), u"bob"_s)), u"unavailable"_s);
    QVERIFY(m_server->isRunning());

    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.output()));
    QTRY_COMPARE_WITH_TIMEOUT(health().status, 200, ReconnectWaitMs);

    // The same recordlockd, not a restarted one: the session, its lock and its token carry on.
    const ServerMessage listed = m_alice.request(ops::ListRecords);
    QVERIFY2(listed.ok, qPrintable(TestClient::describe(listed)));
    QVERIFY(!listed.result.value(u"records"_s).toArray().isEmpty());
    QCOMPARE(versionOf(recordId), version + 1);
    const ServerMessage after = m_alice.request(ops::SaveRecord, saveArgs(recordId, token, version + 1, u"after"_s));
    QVERIFY2(after.ok, qPrintable(TestClient::describe(after)));
    QCOMPARE(after.result.value(u"record"_s).toObject().value(u"version"_s).toInteger(), version + 2);
    QCOMPARE(versionOf(recordId), version + 2);
    const ServerMessage released = m_alice.request(ops::Release, tokenArgs(recordId, token));
    QVERIFY2(released.ok, qPrintable(TestClient::describe(released)));
    QVERIFY(m_server->isRunning());
}

QTEST_GUILESS_MAIN(TestPostgresOutage)
#include "tst_postgresoutage.moc"
