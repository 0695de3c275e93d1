#include <QTest>

#include "daemonoptions.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using Outcome = DaemonOptions::Outcome;

/// recordlockd's flags and RECORDLOCKD_* environment.
class TestDaemonOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void flags();
    void environmentAndFlagsWin();
    void listenForms_data();
    void listenForms();
    void invalidValues_data();
    void invalidValues();
    void help();
    void limitsAndPasswordCost();
    void invalidLimits_data();
    void invalidLimits();
    void tlsAndListener();
    void tlsNeedsBothFiles_data();
    void tlsNeedsBothFiles();
    void eventDispatcher();
    void eventDispatcherBeforeTheApplication_data();
    void eventDispatcherBeforeTheApplication();
    void logFormat();
    void lockStore();
    void demoRecords();
    void invalidLogFormatAndDemoRecords_data();
    void invalidLogFormatAndDemoRecords();

private:
    static QStringList args(const QStringList &rest) { return QStringList{u"recordlockd"_s} + rest; }
};

void TestDaemonOptions::defaults()
{
    DaemonOptions options;
    QCOMPARE(options.parse(args({}), QProcessEnvironment()), Outcome::Run);
    const ServerConfig &c = options.config();
    QCOMPARE(c.address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(c.port, 8765);
    QCOMPARE(c.lockTtlMs, 120'000);
    QCOMPARE(c.orphanGraceMs, 30'000);
    QCOMPARE(c.tokenTtlMs, 43'200'000);
    QVERIFY(!c.demo);
    QCOMPARE(c.dataDir, DaemonOptions::defaultDataDir());
    QVERIFY(options.portFile().isEmpty());
}

void TestDaemonOptions::flags()
{
    DaemonOptions options;
    QCOMPARE(options.parse(args({u"--listen"_s, u"127.0.0.1:0"_s, u"--port-file"_s, u"/tmp/p"_s, u"--data-dir"_s,
                                 u"/tmp/d"_s, u"--lock-ttl"_s, u"1.5"_s, u"--orphan-grace"_s, u"0.25"_s,
                                 u"--token-ttl"_s, u"60"_s, u"--demo"_s}),
                           QProcessEnvironment()),
             Outcome::Run);
    const ServerConfig &c = options.config();
    QCOMPARE(c.port, 0);
    QCOMPARE(options.portFile(), u"/tmp/p"_s);
    QCOMPARE(c.dataDir, u"/tmp/d"_s);
    QCOMPARE(c.lockTtlMs, 1500);
    QCOMPARE(c.orphanGraceMs, 250);
    QCOMPARE(c.tokenTtlMs, 60'000);
    QVERIFY(c.demo);
}

void TestDaemonOptions::environmentAndFlagsWin()
{
    QProcessEnvironment env;
    env.insert(u"RECORDLOCKD_LISTEN"_s, u"[::1]:9000"_s);
    env.insert(u"RECORDLOCKD_PORT_FILE"_s, u"/tmp/envport"_s);
    env.insert(u"RECORDLOCKD_DATA_DIR"_s, u"/tmp/envdata"_s);
    env.insert(u"RECORDLOCKD_LOCK_TTL"_s, u"10"_s);
    env.insert(u"RECORDLOCKD_ORPHAN_GRACE"_s, u"3"_s);
    env.insert(u"RECORDLOCKD_TOKEN_TTL"_s, u"100"_s);
    env.insert(u"RECORDLOCKD_DEMO"_s, u"1"_s);
    DaemonOptions fromEnv;
    QCOMPARE(fromEnv.parse(args({}), env), Outcome::Run);
    QCOMPARE(fromEnv.config().address, QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(fromEnv.config().port, 9000);
    QCOMPARE(fromEnv.portFile(), u"/tmp/envport"_s);
    QCOMPARE(fromEnv.config().dataDir, u"/tmp/envdata"_s);
    QCOMPARE(fromEnv.config().lockTtlMs, 10'000);
    QCOMPARE(fromEnv.config().orphanGraceMs, 3'000);
    QCOMPARE(fromEnv.config().tokenTtlMs, 100'000);
    QVERIFY(fromEnv.config().demo);

    DaemonOptions flagsWin;
    QCOMPARE(flagsWin.parse(args({u"--listen"_s, u"127.0.0.1:1234"_s, u"--lock-ttl"_s, u"2"_s}), env), Outcome::Run);
    QCOMPARE(flagsWin.config().address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(flagsWin.config().port, 1234);
    QCOMPARE(flagsWin.config().lockTtlMs, 2'000);
    QCOMPARE(flagsWin.config().orphanGraceMs, 3'000);
}

void TestDaemonOptions::listenForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::newRow("ipv4") << u"127.0.0.1:8765"_s << true << u"127.0.0.1"_s << 8765;
    QTest::newRow("any port") << u"0.0.0.0:0"_s << true << u"0.0.0.0"_s << 0;
    QTest::newRow("ipv6") << u"[::1]:80"_s << true << u"::1"_s << 80;
    QTest::newRow("localhost") << u"localhost:81"_s << true << u"127.0.0.1"_s << 81;
    QTest::newRow("bare ipv6") << u"::1:80"_s << false << QString() << 0;
    QTest::newRow("no port") << u"127.0.0.1"_s << false << QString() << 0;
    QTest::newRow("port too big") << u"127.0.0.1:65536"_s << false << QString() << 0;
    QTest::newRow("bad host") << u"nohost.example:80"_s << false << QString() << 0;
    QTest::newRow("empty port") << u"127.0.0.1:"_s << false << QString() << 0;
}

void TestDaemonOptions::listenForms()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, address);
    QFETCH(int, port);
    QHostAddress parsedAddress;
    quint16 parsedPort = 1;
    QCOMPARE(DaemonOptions::parseListen(text, &parsedAddress, &parsedPort), valid);
    if (valid) {
        QCOMPARE(parsedAddress, QHostAddress(address));
        QCOMPARE(int(parsedPort), port);
    }
}

void TestDaemonOptions::invalidValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("ttl text") << QStringList{u"--lock-ttl"_s, u"abc"_s} << u"--lock-ttl"_s;
    QTest::newRow("ttl zero") << QStringList{u"--lock-ttl"_s, u"0"_s} << u"--lock-ttl"_s;
    QTest::newRow("grace negative") << QStringList{u"--orphan-grace"_s, u"-1"_s} << u"--orphan-grace"_s;
    QTest::newRow("token inf") << QStringList{u"--token-ttl"_s, u"inf"_s} << u"--token-ttl"_s;
    QTest::newRow("listen") << QStringList{u"--listen"_s, u"nonsense"_s} << u"--listen"_s;
    QTest::newRow("unknown flag") << QStringList{u"--frobnicate"_s} << u"frobnicate"_s;
    QTest::newRow("positional") << QStringList{u"extra"_s} << u"extra"_s;
    QTest::newRow("store") << QStringList{u"--store"_s, u"mongo"_s} << u"--store"_s;
    QTest::newRow("redis url without redis store") << QStringList{u"--redis-url"_s, u"redis://h:1/0"_s}
                                                   << u"needs --store redis"_s;
    QTest::newRow("redis url") << QStringList{u"--store"_s, u"redis"_s, u"--redis-url"_s, u"http://h"_s}
                               << u"--redis-url"_s;
    QTest::newRow("redis prefix") << QStringList{u"--store"_s, u"redis"_s, u"--redis-prefix"_s, u"a b"_s}
                                  << u"--redis-prefix"_s;
}

void TestDaemonOptions::invalidValues()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    DaemonOptions options;
    QCOMPARE(options.parse(args(arguments), QProcessEnvironment()), Outcome::Invalid);
    QVERIFY2(options.error().contains(mentions), qPrintable(options.error()));

    QProcessEnvironment env;
    env.insert(u"RECORDLOCKD_DEMO"_s, u"maybe"_s);
    DaemonOptions badEnv;
    QCOMPARE(badEnv.parse(args({}), env), Outcome::Invalid);
    QVERIFY(badEnv.error().contains(u"RECORDLOCKD_DEMO"_s));
}

void TestDaemonOptions::help()
{
    DaemonOptions options;
    QCOMPARE(options.parse(args({u"--help"_s}), QProcessEnvironment()), Outcome::ShowHelp);
    for (const QString &flag : {u"--listen"_s, u"--port-file"_s, u"--data-dir"_s, u"--lock-ttl"_s,
                                u"--orphan-grace"_s, u"--token-ttl"_s, u"--demo"_s})
        QVERIFY2(options.helpText().contains(flag), qPrintable(flag));
}

void TestDaemonOptions::limitsAndPasswordCost()
{
    DaemonOptions defaults;
    QCOMPARE(defaults.parse(args({}), QProcessEnvironment()), Outcome::Run);
    QCOMPARE(defaults.config().connection.rateBurst, 200);
    QCOMPARE(defaults.config().connection.ratePerSecond, 100);
    QCOMPARE(defaults.config().connection.maxConnectionsPerUser, 32);
    QCOMPARE(defaults.config().passwordHashPasses, 2u);
    QCOMPARE(defaults.config().passwordHashMemoryKiB, 65536u);

    QProcessEnvironment env;
    env.insert(u"RECORDLOCKD_RATE_BURST"_s, u"50"_s);
    env.insert(u"RECORDLOCKD_RATE_PER_SECOND"_s, u"5"_s);
    env.insert(u"RECORDLOCKD_MAX_CONNECTIONS_PER_USER"_s, u"0"_s);
    env.insert(u"RECORDLOCKD_PASSWORD_HASH_PASSES"_s, u"3"_s);
    env.insert(u"RECORDLOCKD_PASSWORD_HASH_MEMORY"_s, u"19456"_s);
    DaemonOptions fromEnv;
    QCOMPARE(fromEnv.parse(args({u"--rate-burst"_s, u"0"_s}), env), Outcome::Run);
    const ServerConfig &c = fromEnv.config();
    QCOMPARE(c.connection.rateBurst, 0); // the flag wins; 0 = unlimited
    QCOMPARE(c.connection.ratePerSecond, 5);
    QCOMPARE(c.connection.maxConnectionsPerUser, 0);
    QCOMPARE(c.passwordHashPasses, 3u);
    QCOMPARE(c.passwordHashMemoryKiB, 19456u);

    QCOMPARE(defaults.parse(args({u"--help"_s}), QProcessEnvironment()), Outcome::ShowHelp);
    for (const QString &flag : {u"--rate-burst"_s, u"--rate-per-second"_s, u"--max-connections-per-user"_s,
                                u"--password-hash-passes"_s, u"--password-hash-memory"_s})
        QVERIFY2(defaults.helpText().contains(flag), qPrintable(flag));
}

void TestDaemonOptions::invalidLimits_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("negative burst") << QStringList{u"--rate-burst"_s, u"-1"_s} << u"--rate-burst"_s;
    QTest::newRow("fractional rate") << QStringList{u"--rate-per-second"_s, u"1.5"_s} << u"--rate-per-second"_s;
    QTest::newRow("huge cap") << QStringList{u"--max-connections-per-user"_s, u"99999999999"_s}
                              << u"--max-connections-per-user"_s;
    QTest::newRow("zero passes") << QStringList{u"--password-hash-passes"_s, u"0"_s} << u"--password-hash-passes"_s;
    QTest::newRow("tiny memory") << QStringList{u"--password-hash-memory"_s, u"4"_s} << u"--password-hash-memory"_s;
}

void TestDaemonOptions::invalidLimits()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    DaemonOptions options;
    QCOMPARE(options.parse(args(arguments), QProcessEnvironment()), Outcome::Invalid);
    QVERIFY2(options.error().contains(mentions), qPrintable(options.error()));
}

void TestDaemonOptions::tlsAndListener()
{
    DaemonOptions defaults;
    QCOMPARE(defaults.parse(args({}), QProcessEnvironment()), Outcome::Run);
    const ListenerSettings &plain = defaults.config().listener;
    QVERIFY(!plain.tlsEnabled());
    QCOMPARE(plain.maxConnectionsPerAddress, 256);
    QCOMPARE(plain.upgradeTimeoutMs, 10'000);

    QProcessEnvironment env;
    env.insert(u"RECORDLOCKD_TLS_CERT"_s, u"/env/cert.pem"_s);
    env.insert(u"RECORDLOCKD_TLS_KEY"_s, u"/env/key.pem"_s);
    env.insert(u"RECORDLOCKD_MAX_CONNECTIONS_PER_ADDRESS"_s, u"0"_s);
    env.insert(u"RECORDLOCKD_UPGRADE_TIMEOUT_MS"_s, u"2500"_s);
    DaemonOptions options;
    QCOMPARE(options.parse(args({u"--tls-cert"_s, u"/etc/recordlockd/cert.pem"_s, u"--upgrade-timeout-ms"_s, u"500"_s}),
                           env),
             Outcome::Run);
    const ListenerSettings &l = options.config().listener;
    QVERIFY(l.tlsEnabled());
    QCOMPARE(l.tlsCertFile, u"/etc/recordlockd/cert.pem"_s); // the flag wins
    QCOMPARE(l.tlsKeyFile, u"/env/key.pem"_s);
    QCOMPARE(l.maxConnectionsPerAddress, 0);
    QCOMPARE(l.upgradeTimeoutMs, 500);

    for (const QString &flag : {u"--tls-cert"_s, u"--tls-key"_s, u"--max-connections-per-address"_s,
                                u"--upgrade-timeout-ms"_s, u"--event-dispatcher"_s})
        QVERIFY2(defaults.helpText().contains(flag), qPrintable(flag));
}

void TestDaemonOptions::tlsNeedsBothFiles_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("cert only") << QStringList{u"--tls-cert"_s, u"cert.pem"_s} << u"--tls-key"_s;
    QTest::newRow("key only") << QStringList{u"--tls-key"_s, u"key.pem"_s} << u"--tls-cert"_s;
    QTest::newRow("zero upgrade timeout") << QStringList{u"--upgrade-timeout-ms"_s, u"0"_s} << u"--upgrade-timeout-ms"_s;
    QTest::newRow("negative address cap") << QStringList{u"--max-connections-per-address"_s, u"-3"_s}
                                          << u"--max-connections-per-address"_s;
}

void TestDaemonOptions::tlsNeedsBothFiles()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    DaemonOptions options;
    QCOMPARE(options.parse(args(arguments), QProcessEnvironment()), Outcome::Invalid);
    QVERIFY2(options.error().contains(mentions), qPrintable(options.error()));
}

void TestDaemonOptions::eventDispatcher()
{
    DaemonOptions options;
    QCOMPARE(options.parse(args({}), QProcessEnvironment()), Outcome::Run);
    QCOMPARE(options.eventDispatcher(), u"epoll"_s);

    QProcessEnvironment env;
    env.insert(u"RECORDLOCKD_EVENT_DISPATCHER"_s, u"qt"_s);
    QCOMPARE(options.parse(args({}), env), Outcome::Run);
    QCOMPARE(options.eventDispatcher(), u"qt"_s);
    QCOMPARE(options.parse(args({u"--event-dispatcher"_s, u"epoll"_s}), env), Outcome::Run);
    QCOMPARE(options.eventDispatcher(), u"epoll"_s);

    QCOMPARE(options.parse(args({u"--event-dispatcher"_s, u"glib"_s}), QProcessEnvironment()), Outcome::Invalid);
    QVERIFY2(options.error().contains(u"--event-dispatcher"_s), qPrintable(options.error()));
}

void TestDaemonOptions::eventDispatcherBeforeTheApplication_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default") << QStringList{} << QString() << u"epoll"_s;
    QTest::newRow("flag") << QStringList{u"--event-dispatcher"_s, u"qt"_s} << QString() << u"qt"_s;
    QTest::newRow("flag with =") << QStringList{u"--event-dispatcher=QT"_s} << QString() << u"qt"_s;
    QTest::newRow("variable") << QStringList{} << u"qt"_s << u"qt"_s;
    QTest::newRow("flag wins") << QStringList{u"--event-dispatcher"_s, u"epoll"_s} << u"qt"_s << u"epoll"_s;
    QTest::newRow("typo falls back") << QStringList{u"--event-dispatcher"_s, u"qtt"_s} << QString() << u"epoll"_s;
    QTest::newRow("after --") << QStringList{u"--"_s, u"--event-dispatcher"_s, u"qt"_s} << QString() << u"epoll"_s;
}

void TestDaemonOptions::eventDispatcherBeforeTheApplication()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, variable);
    QFETCH(QString, expected);
    QProcessEnvironment env;
    if (!variable.isEmpty())
        env.insert(u"RECORDLOCKD_EVENT_DISPATCHER"_s, variable);
    QCOMPARE(DaemonOptions::eventDispatcherFromArguments(args(arguments), env), expected);
}

void TestDaemonOptions::lockStore()
{
    DaemonOptions options;
    QCOMPARE(options.parse(args({}), QProcessEnvironment()), Outcome::Run);
    QCOMPARE(options.config().lockStore, ServerConfig::LockStoreKind::Sql);
    QCOMPARE(options.config().redisPrefix, u"recordlock:"_s);
    QVERIFY(options.config().secretFile.isEmpty());

    QProcessEnvironment env;
    env.insert(u"RECORDLOCKD_STORE"_s, u"redis"_s);
    env.insert(u"RECORDLOCKD_REDIS_URL"_s, u"unix:///run/redis.sock?db=3"_s);
    env.insert(u"RECORDLOCKD_SECRET_FILE"_s, u"/etc/recordlockd/secret.key"_s);
    DaemonOptions fromEnv;
    QCOMPARE(fromEnv.parse(args({u"--redis-prefix"_s, u"crm:"_s}), env), Outcome::Run);
    QCOMPARE(fromEnv.config().lockStore, ServerConfig::LockStoreKind::Redis);
    QCOMPARE(fromEnv.config().redisUrl, u"unix:///run/redis.sock?db=3"_s);
    QCOMPARE(fromEnv.config().redisPrefix, u"crm:"_s);
    QCOMPARE(fromEnv.config().secretFile, u"/etc/recordlockd/secret.key"_s);
    QVERIFY(fromEnv.helpText().contains(u"--redis-url"_s));
}

void TestDaemonOptions::logFormat()
{
    DaemonOptions options;
    QCOMPARE(options.parse(args({}), QProcessEnvironment()), Outcome::Run);
    QCOMPARE(options.logFormat(), u"text"_s);
    QCOMPARE(options.parse(args({u"--log-format"_s, u"JSON"_s}), QProcessEnvironment()), Outcome::Run);
    QCOMPARE(options.logFormat(), u"json"_s);

    QProcessEnvironment env;
    env.insert(u"RECORDLOCKD_LOG_FORMAT"_s, u"json"_s);
    QCOMPARE(options.parse(args({}), env), Outcome::Run);
    QCOMPARE(options.logFormat(), u"json"_s);
    QCOMPARE(options.parse(args({u"--log-format=text"_s}), env), Outcome::Run);
    QCOMPARE(options.logFormat(), u"text"_s);
    QVERIFY(options.helpText().contains(u"--log-format"_s));
}

void TestDaemonOptions::demoRecords()
{
    DaemonOptions options;
    QCOMPARE(options.parse(args({}), QProcessEnvironment()), Outcome::Run);
    QCOMPARE(options.config().demoRecords, 0);
    QVERIFY(!options.config().demo);

    // Generated records imply the demo users: a load test needs both.
    QCOMPARE(options.parse(args({u"--demo-records"_s, u"100000"_s}), QProcessEnvironment()), Outcome::Run);
    QCOMPARE(options.config().demoRecords, 100'000);
    QVERIFY(options.config().demo);

    QProcessEnvironment env;
    env.insert(u"RECORDLOCKD_DEMO_RECORDS"_s, u"1000000"_s);
    QCOMPARE(options.parse(args({}), env), Outcome::Run);
    QCOMPARE(options.config().demoRecords, 1'000'000);
    QVERIFY(options.config().demo);
    QCOMPARE(options.parse(args({u"--demo-records"_s, u"0"_s}), env), Outcome::Run);
    QCOMPARE(options.config().demoRecords, 0);
    QVERIFY(!options.config().demo);
    // The bench tool looks for the flag in --help before passing it.
    QVERIFY(options.helpText().contains(u"--demo-records"_s));
}

void TestDaemonOptions::invalidLogFormatAndDemoRecords_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("named");
    QTest::newRow("log format typo") << QStringList{u"--log-format"_s, u"jsonl"_s} << QString() << QString()
                                     << u"--log-format"_s;
    QTest::newRow("log format variable") << QStringList{} << u"RECORDLOCKD_LOG_FORMAT"_s << u"xml"_s
                                         << u"RECORDLOCKD_LOG_FORMAT"_s;
    QTest::newRow("negative records") << QStringList{u"--demo-records"_s, u"-1"_s} << QString() << QString()
                                      << u"--demo-records"_s;
    QTest::newRow("too many records") << QStringList{u"--demo-records"_s, u"1000001"_s} << QString() << QString()
                                      << u"--demo-records"_s;
    QTest::newRow("records not a number") << QStringList{} << u"RECORDLOCKD_DEMO_RECORDS"_s << u"lots"_s
                                          << u"RECORDLOCKD_DEMO_RECORDS"_s;
}

void TestDaemonOptions::invalidLogFormatAndDemoRecords()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, named);
    QProcessEnvironment env;
    if (!variable.isEmpty())
        env.insert(variable, value);
    DaemonOptions options;
    QCOMPARE(options.parse(args(arguments), env), Outcome::Invalid);
    QVERIFY2(options.error().contains(named), qPrintable(options.error()));
}

QTEST_GUILESS_MAIN(TestDaemonOptions)
#include "tst_daemonoptions.moc"
