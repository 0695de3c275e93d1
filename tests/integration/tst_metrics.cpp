// GET /metrics of a real recordlockd after a known sequence of lock operations: every counter
// equals what those operations imply, and the exposition names nobody.

#include <memory>

#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

#include "protocol/lockinfo.h"
#include "protocol/names.h"
#include "metricsamples.h"
#include "opensslrun.h"
#include "protocolargs.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void countersMatchTheOperations();
    void servedOverTls();

private:
    std::unique_ptr<TestClient> loggedIn(const QString &user);

    ServerProcess m_server;
    /// Whatever identifies a person or a session: none of it may appear in /metrics.
    QStringList m_secrets;
};

std::unique_ptr<TestClient> TestMetrics::loggedIn(const QString &user)
{
    auto client = std::make_unique<TestClient>();
    const ServerMessage reply = client->connectAndLogin(m_server.wsUrl(), user);
    if (!reply.ok) {
        qWarning().noquote() << "login of" << user << "failed:" << TestClient::describe(reply);
        return nullptr;
    }
    const QJsonObject who = reply.result.value(u"user"_s).toObject();
    m_secrets << user << who.value(u"handle"_s).toString() << who.value(u"displayName"_s).toString()
              << client->token() << client->sessionId();
    return client;
}

void TestMetrics::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
}

void TestMetrics::cleanupTestCase()
{
    m_server.stop();
}

void TestMetrics::countersMatchTheOperations()
{
    const QString recordA = u"CL-2026-0001"_s;
    const QString recordB = u"CL-2026-0002"_s;
    const QString recordC = u"CL-2026-0003"_s;
    const auto alice = loggedIn(u"alice"_s);
    const auto bob = loggedIn(u"bob"_s);
    const auto carol = loggedIn(u"carol"_s);
    QVERIFY(alice && bob && carol);
    // Carol watches A: its acquired, renewed and released events are fanned out to her (3).
    QVERIFY(carol->request(ops::Subscribe, recordArg(recordA)).ok);

    const ServerMessage acquired = alice->request(ops::Acquire, recordArg(recordA));
    QCOMPARE(TestClient::outcome(acquired), u"ok"_s);
    const qint64 aliceToken = lockOf(acquired.result).token;
    QCOMPARE(TestClient::outcome(bob->request(ops::Acquire, recordArg(recordA))), u"lock_held"_s);
    QCOMPARE(TestClient::outcome(alice->request(ops::Renew, tokenArgs(recordA, aliceToken))), u"ok"_s);
    QCOMPARE(TestClient::outcome(alice->request(ops::Release, tokenArgs(recordA, aliceToken))), u"ok"_s);

    QCOMPARE(TestClient::outcome(bob->request(ops::Acquire, recordArg(recordB))), u"ok"_s);
    QCOMPARE(TestClient::outcome(bob->request(ops::Logout)), u"ok"_s);

    TestClient intruder;
    QVERIFY(intruder.connectTo(m_server.wsUrl()));
    QCOMPARE(TestClient::outcome(intruder.login(u"bob"_s, u"not-the-password"_s)), u"invalid_credentials"_s);

    // Bob again, on a new session: Carol overrides his lock on C, and his renewal then fails.
    const auto bobAgain = loggedIn(u"bob"_s);
    QVERIFY(bobAgain);
    const ServerMessage bobLock = bobAgain->request(ops::Acquire, recordArg(recordC));
    QCOMPARE(TestClient::outcome(bobLock), u"ok"_s);
    const ServerMessage overridden = carol->request(
        ops::Override, QJsonObject{{u"recordId"_s, recordC}, {u"reason"_s, u"Customer on the phone"_s}});
    QCOMPARE(TestClient::outcome(overridden), u"ok"_s);
    QCOMPARE(overridden.result.value(u"outcome"_s).toString(), u"overridden"_s);
    QVERIFY(bobAgain->waitForEvent(events::LockOverride, recordC));
    QCOMPARE(TestClient::outcome(bobAgain->request(ops::Renew, tokenArgs(recordC, lockOf(bobLock.result).token))),
             u"not_holder"_s);

    QNetworkAccessManager network;
    const std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(m_server.httpUrl(u"/metrics"_s))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), u"text/plain; version=0.0.4"_s);
    const QByteArray body = reply->readAll();
    const QHash<QString, QString> samples = metricSamples(body);

    const QList<std::pair<QString, QString>> expected{
        {u"recordlock_sessions_connected"_s, u"3"_s}, // alice, carol, bob's second session
        {u"recordlock_locks_held"_s, u"1"_s},         // C, now Carol's
        {u"recordlock_lock_ttl_seconds"_s, u"120"_s},
        {u"recordlock_lock_acquisitions_total"_s, u"3"_s},
        {u"recordlock_lock_denials_total"_s, u"1"_s},
        {u"recordlock_lock_renewals_total"_s, u"1"_s},
        {u"recordlock_lock_releases_total{reason=\"released\"}"_s, u"1"_s},
        {u"recordlock_lock_releases_total{reason=\"logout\"}"_s, u"1"_s},
        {u"recordlock_lock_releases_total{reason=\"disconnected\"}"_s, u"0"_s},
        {u"recordlock_lock_releases_total{reason=\"switched\"}"_s, u"0"_s},
        {u"recordlock_lock_expiries_total"_s, u"0"_s},
        {u"recordlock_lock_overrides_total"_s, u"1"_s},
        {u"recordlock_lock_renewal_failures_total"_s, u"1"_s},
        {u"recordlock_events_fanned_out_total"_s, u"4"_s}, // 3 to Carol on A, the override to Bob
        {u"recordlock_requests_rate_limited_total"_s, u"0"_s},
        {u"recordlock_store_errors_total{code=\"unavailable\"}"_s, u"0"_s},
        {u"recordlock_store_errors_total{code=\"internal\"}"_s, u"0"_s},
        {u"recordlock_logins_total{result=\"ok\"}"_s, u"4"_s},
        {u"recordlock_logins_total{result=\"invalid_credentials\"}"_s, u"1"_s},
        {u"recordlock_logins_total{result=\"rate_limited\"}"_s, u"0"_s},
        {u"recordlock_request_duration_seconds_count{op=\"acquire\"}"_s, u"4"_s},
        {u"recordlock_request_duration_seconds_bucket{op=\"acquire\",le=\"+Inf\"}"_s, u"4"_s},
        {u"recordlock_request_duration_seconds_count{op=\"login\"}"_s, u"5"_s},
        {u"recordlock_request_duration_seconds_count{op=\"override\"}"_s, u"1"_s},
    };
    for (const auto &[name, value] : expected) {
        QVERIFY2(samples.contains(name), qPrintable(name + u" missing from\n"_s + QString::fromUtf8(body)));
        QCOMPARE(std::pair(name, samples.value(name)), std::pair(name, value));
    }
    const double age = samples.value(u"recordlock_oldest_lock_age_seconds"_s).toDouble();
    QVERIFY2(age >= 0 && age < 60, qPrintable(samples.value(u"recordlock_oldest_lock_age_seconds"_s)));
    QVERIFY(samples.value(u"recordlock_request_duration_seconds_sum{op=\"acquire\"}"_s).toDouble() > 0);

    // Counts only: nobody's name, handle, session id or token.
    QVERIFY(!m_secrets.isEmpty());
    for (const QString &secret : std::as_const(m_secrets)) {
        QVERIFY(!secret.isEmpty());
        QVERIFY2(!body.contains(secret.toUtf8()), qPrintable(secret));
    }
}

void TestMetrics::servedOverTls()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString failure = makeSelfSignedCertificate(dir.path(), u"cert.pem"_s, u"key.pem"_s);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    ServerOptions options;
    options.tlsCertFile = dir.filePath(u"cert.pem"_s);
    options.tlsKeyFile = dir.filePath(u"key.pem"_s);
    ServerProcess server(options);
    QVERIFY2(server.start(), qPrintable(server.output()));

    QNetworkRequest request(server.httpUrl(u"/metrics"_s));
    QCOMPARE(request.url().scheme(), u"https"_s);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(QSslCertificate::fromPath(options.tlsCertFile));
    request.setSslConfiguration(tls);
    QNetworkAccessManager network;
    const std::unique_ptr<QNetworkReply> reply(network.get(request));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QHash<QString, QString> samples = metricSamples(reply->readAll());
    QCOMPARE(samples.value(u"recordlock_sessions_connected"_s), u"0"_s);
    QCOMPARE(samples.value(u"recordlock_lock_acquisitions_total"_s), u"0"_s);
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
