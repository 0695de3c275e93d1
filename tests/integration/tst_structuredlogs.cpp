// recordlockd --log-format json end to end: every line it writes is one JSON object with ts, level,
// category and msg; lock grants, denials, releases, overrides and restored locks carry their
// fields; session tokens and passwords never appear.

#include <memory>
#include <optional>

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include "protocol/lockinfo.h"
#include "protocol/names.h"
#include "protocolargs.h"
#include "serverprocess.h"
#include "testclient.h"
#include "usercli.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

const QString LogRecord = u"CL-2026-0012"_s;
/// Quotes and blanks: the reason must survive as one JSON string.
const QString LogOverrideReason = u"Customer \"Hannah\" on the phone, needs it now"_s;
/// A password nothing else in the output could contain by chance.
const QString LogDavePassword = u"Zebra-Quartz-7731-secret"_s;

ServerOptions jsonLogOptions()
{
    ServerOptions options;
    options.extraArgs = QStringList{u"--log-format"_s, u"json"_s};
    return options;
}

} // namespace

class TestStructuredLogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void lockEventsAreLoggedAsJson();

private:
    std::unique_ptr<TestClient> loggedIn(const QString &user, const QString &password = {});
    /// Every complete line the server wrote, parsed; fails the test on a line that is not a JSON object.
    QList<QJsonObject> logLines();
    /// The first line with this msg whose fields include all of expected, if any.
    std::optional<QJsonObject> findLine(const QString &msg, const QJsonObject &expected);
    bool waitForLine(const QString &msg, const QJsonObject &expected);

    ServerProcess m_server{jsonLogOptions()};
};

std::unique_ptr<TestClient> TestStructuredLogs::loggedIn(const QString &user, const QString &password)
{
    auto client = std::make_unique<TestClient>();
    if (!client->connectTo(m_server.wsUrl()))
        return nullptr;
    const ServerMessage reply = client->login(user, password);
    if (!reply.ok) {
        qWarning().noquote() << "login of" << user << "failed:" << TestClient::describe(reply);
        return nullptr;
    }
    return client;
}

QList<QJsonObject> TestStructuredLogs::logLines()
{
    QList<QJsonObject> lines;
    const QStringList texts = m_server.output().split(u'\n');
    // The last piece may still be arriving.
    for (qsizetype i = 0; i + 1 < texts.size(); ++i) {
        if (texts.at(i).isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(texts.at(i).toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            qWarning().noquote() << "not a JSON object:" << texts.at(i);
            return {};
        }
        lines.append(doc.object());
    }
    return lines;
}

std::optional<QJsonObject> TestStructuredLogs::findLine(const QString &msg, const QJsonObject &expected)
{
    const QList<QJsonObject> lines = logLines();
    for (const QJsonObject &line : lines) {
        if (line.value(u"msg"_s).toString() != msg)
            continue;
        bool matches = true;
        for (auto it = expected.constBegin(); it != expected.constEnd() && matches; ++it)
            matches = line.value(it.key()) == it.value();
        if (matches)
            return line;
    }
    return std::nullopt;
}

bool TestStructuredLogs::waitForLine(const QString &msg, const QJsonObject &expected)
{
    const bool found = QTest::qWaitFor([&] { return findLine(msg, expected).has_value(); }, 10'000);
    if (!found)
        qWarning().noquote() << "no" << msg << "line with" << QJsonDocument(expected).toJson(QJsonDocument::Compact)
                             << "in:\n" << m_server.output();
    return found;
}

void TestStructuredLogs::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
}

void TestStructuredLogs::lockEventsAreLoggedAsJson()
{
    // A user with a password of its own, added while the server runs, as operators do.
    const UserCliResult added = UserCli(m_server.dataDir())
                                    .run({u"add"_s, u"dave"_s, u"--display-name"_s, u"Dave Doe"_s}, LogDavePassword);
    QVERIFY2(added.finished && added.exitCode == 0, qPrintable(added.describe()));

    const auto alice = loggedIn(u"alice"_s);
    const auto bob = loggedIn(u"bob"_s);
    const auto carol = loggedIn(u"carol"_s);
    const auto dave = loggedIn(u"dave"_s, LogDavePassword);
    QVERIFY(alice && bob && carol && dave);
    const QString aliceToken = alice->token();
    QVERIFY(!aliceToken.isEmpty());

    const ServerMessage first = alice->request(ops::Acquire, recordArg(LogRecord));
    QVERIFY2(first.ok, qPrintable(TestClient::describe(first)));
    const LockInfo firstLock = lockOf(first.result);
    const QString aliceHandle = firstLock.holderHandle;
    QVERIFY(!aliceHandle.isEmpty());
    QVERIFY(waitForLine(u"lock granted"_s, {{u"record"_s, LogRecord},
                                           {u"holder"_s, aliceHandle},
                                           {u"token"_s, double(firstLock.token)}}));

    const ServerMessage denied = bob->request(ops::Acquire, recordArg(LogRecord));
    QCOMPARE(TestClient::outcome(denied), u"lock_held"_s);
    const QJsonObject deniedFields{{u"record"_s, LogRecord}, {u"holder"_s, aliceHandle}, {u"reason"_s, u"lock_held"_s}};
    QVERIFY(waitForLine(u"lock denied"_s, deniedFields));
    const std::optional<QJsonObject> deniedLine = findLine(u"lock denied"_s, deniedFields);
    QVERIFY(deniedLine);
    const QString bobHandle = deniedLine->value(u"requester"_s).toString();
    QVERIFY(!bobHandle.isEmpty());
    QVERIFY(bobHandle != aliceHandle);

    QVERIFY(alice->request(ops::Release, tokenArgs(LogRecord, firstLock.token)).ok);
    QVERIFY(waitForLine(u"lock released"_s, {{u"record"_s, LogRecord},
                                            {u"holder"_s, aliceHandle},
                                            {u"reason"_s, QString(reasons::Released)},
                                            {u"token"_s, double(firstLock.token)}}));

    const ServerMessage second = alice->request(ops::Acquire, recordArg(LogRecord));
    QVERIFY2(second.ok, qPrintable(TestClient::describe(second)));
    const ServerMessage overridden =
        carol->request(ops::Override, QJsonObject{{u"recordId"_s, LogRecord}, {u"reason"_s, LogOverrideReason}});
    QVERIFY2(overridden.ok, qPrintable(TestClient::describe(overridden)));
    const LockInfo carolLock = lockOf(overridden.result);
    const QString carolHandle = carolLock.holderHandle;
    QVERIFY(waitForLine(u"lock overridden"_s, {{u"record"_s, LogRecord},
                                              {u"holder"_s, carolHandle},
                                              {u"previous_holder"_s, aliceHandle},
                                              {u"reason"_s, LogOverrideReason},
                                              {u"token"_s, double(carolLock.token)}}));
    // A session id appears as a short prefix only.
    const std::optional<QJsonObject> overrideLine = findLine(u"lock overridden"_s, {{u"record"_s, LogRecord}});
    QVERIFY(overrideLine);
    QVERIFY(overrideLine->value(u"session"_s).toString().size() <= 8);
    QVERIFY(!overrideLine->value(u"session"_s).toString().isEmpty());
    QVERIFY(carol->sessionId().startsWith(overrideLine->value(u"session"_s).toString()));

    // Carol's lock survives a restart and is logged as restored.
    QVERIFY2(m_server.restart(), qPrintable(m_server.output()));
    QVERIFY(waitForLine(u"lock restored"_s, {{u"record"_s, LogRecord}, {u"holder"_s, carolHandle}}));
    m_server.stop();

    const QList<QJsonObject> lines = logLines();
    QVERIFY2(lines.size() > 10, qPrintable(m_server.output()));
    static const QRegularExpression timestamp(uR"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"_s);
    for (const QJsonObject &line : lines) {
        QVERIFY2(timestamp.match(line.value(u"ts"_s).toString()).hasMatch(),
                 QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
        const QString level = line.value(u"level"_s).toString();
        QVERIFY2(level == u"debug" || level == u"info" || level == u"warning" || level == u"critical",
                 qPrintable(level));
        QVERIFY(line.value(u"category"_s).toString().startsWith(u"recordlock."_s));
        QVERIFY(line.value(u"msg"_s).isString());
    }
    const QString output = m_server.output();
    QVERIFY(output.endsWith(u'\n'));
    QVERIFY2(!output.contains(aliceToken), "a session token was logged");
    QVERIFY2(!output.contains(LogDavePassword), "a password was logged");
    QVERIFY2(!output.contains(u"$argon2"_s), "a password hash was logged");
    QVERIFY(!output.contains(u"\"password\""_s));
}

QTEST_GUILESS_MAIN(TestStructuredLogs)
#include "tst_structuredlogs.moc"
