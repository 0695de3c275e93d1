#include <QProcessEnvironment>
#include <QTest>

#include "daemonoptions.h"
#include "server/databaseurl.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

/// --db URLs: what DatabaseUrl accepts, and how recordlockd's options pass them on.
class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void validForms()
    {
        QString error;
        std::optional<DatabaseUrl> url = DatabaseUrl::parse(u"postgresql://recordlock@db.example.com/locks"_s, &error);
        QVERIFY2(url, qPrintable(error));
        QCOMPARE(url->host, u"db.example.com"_s);
        QCOMPARE(url->port, 5432);
        QCOMPARE(url->user, u"recordlock"_s);
        QCOMPARE(url->password, u""_s);
        QCOMPARE(url->databaseName, u"locks"_s);

        url = DatabaseUrl::parse(u"postgres://app:p%40ss%2Fw0rd@127.0.0.1:6543/records_1"_s, &error);
        QVERIFY2(url, qPrintable(error));
        QCOMPARE(url->port, 6543);
        QCOMPARE(url->password, u"p@ss/w0rd"_s);
        QCOMPARE(url->databaseName, u"records_1"_s);
        QVERIFY(!url->redacted().contains(u"w0rd"_s));
        QCOMPARE(url->redacted(), u"postgresql://app@127.0.0.1:6543/records_1"_s);
        // toString() keeps the password and reads back the same.
        const std::optional<DatabaseUrl> again = DatabaseUrl::parse(url->toString(), &error);
        QVERIFY(again);
        QCOMPARE(again->password, u"p@ss/w0rd"_s);
        QCOMPARE(again->user, u"app"_s);
    }

    void invalidForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("why");
        QTest::newRow("scheme") << u"mysql://u:secret@h/db"_s << u"scheme"_s;
        QTest::newRow("file") << u"/var/lib/recordlockd/recordlock.db"_s << u"scheme"_s;
        QTest::newRow("no user") << u"postgresql://h:5432/db"_s << u"no user"_s;
        QTest::newRow("no host") << u"postgresql://u:secret@/db"_s << u"no host"_s;
        QTest::newRow("no database") << u"postgresql://u:secret@h:5432"_s << u"database name"_s;
        QTest::newRow("nested path") << u"postgresql://u:secret@h/db/x"_s << u"database name"_s;
        QTest::newRow("query") << u"postgresql://u:secret@h/db?sslmode=require"_s << u"query"_s;
        QTest::newRow("port") << u"postgresql://u:secret@h:99999/db"_s << u"malformed"_s;
    }

    void invalidForms()
    {
        QFETCH(QString, text);
        QFETCH(QString, why);
        QString error;
        QVERIFY(!DatabaseUrl::parse(text, &error));
        QVERIFY2(error.contains(why), qPrintable(error));
        QVERIFY2(!error.contains(u"secret"_s), qPrintable(error));
    }

    void daemonFlagAndEnvironment()
    {
        QProcessEnvironment environment;
        DaemonOptions options;
        QCOMPARE(options.parse({u"recordlockd"_s}, environment), DaemonOptions::Outcome::Run);
        QVERIFY(options.config().databaseUrl.isEmpty()); // SQLite in the data directory

        QString error;
        environment.insert(u"RECORDLOCKD_DB"_s, u"postgresql://env@h/envdb"_s);
        QCOMPARE(options.parse({u"recordlockd"_s}, environment), DaemonOptions::Outcome::Run);
        std::optional<DatabaseUrl> url = DatabaseUrl::parse(options.config().databaseUrl, &error);
        QVERIFY2(url, qPrintable(error));
        QCOMPARE(url->databaseName, u"envdb"_s);

        // The flag wins; the password variable fills in a URL without one.
        environment.insert(u"RECORDLOCKD_DB_PASSWORD"_s, u"from-env"_s);
        QCOMPARE(options.parse({u"recordlockd"_s, u"--db"_s, u"postgres://flag@h:5433/flagdb"_s}, environment),
                 DaemonOptions::Outcome::Run);
        url = DatabaseUrl::parse(options.config().databaseUrl, &error);
        QVERIFY(url);
        QCOMPARE(url->user, u"flag"_s);
        QCOMPARE(url->port, 5433);
        QCOMPARE(url->password, u"from-env"_s);

        // ... but not one that has its own.
        QCOMPARE(options.parse({u"recordlockd"_s, u"--db"_s, u"postgres://flag:own@h/flagdb"_s}, environment),
                 DaemonOptions::Outcome::Run);
        url = DatabaseUrl::parse(options.config().databaseUrl, &error);
        QVERIFY(url);
        QCOMPARE(url->password, u"own"_s);
    }

    void daemonRefusesABadUrl()
    {
        DaemonOptions options;
        QCOMPARE(options.parse({u"recordlockd"_s, u"--db"_s, u"postgresql://u:hunter2@h"_s}, QProcessEnvironment()),
                 DaemonOptions::Outcome::Invalid);
        QVERIFY2(options.error().startsWith(u"--db: invalid database URL"_s), qPrintable(options.error()));
        QVERIFY2(!options.error().contains(u"hunter2"_s), qPrintable(options.error()));

        QProcessEnvironment environment;
        environment.insert(u"RECORDLOCKD_DB"_s, u"sqlite:///tmp/x.db"_s);
        QCOMPARE(options.parse({u"recordlockd"_s}, environment), DaemonOptions::Outcome::Invalid);
        QVERIFY2(options.error().startsWith(u"RECORDLOCKD_DB: "_s), qPrintable(options.error()));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
