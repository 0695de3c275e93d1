// Connection against a scripted server: sign-in, correlation, offline answers, timeouts, reconnects.

#include <memory>
#include <optional>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include "client/connection.h"
#include "common/systemclock.h"
#include "protocol/names.h"
#include "scriptedserver.h"

using namespace recordlock;
using namespace recordlock::test;
using namespace Qt::StringLiterals;

using State = Connection::State;

namespace {

/// Collects the one answer a request gets.
struct Answer
{
    std::optional<ServerMessage> reply;
    int calls = 0;

    Connection::ReplyHandler handler()
    {
        return [this](const ServerMessage &message) {
            reply = message;
            ++calls;
        };
    }
};

/// Never answers ops named "silent" (used for timeouts and drops).
bool ignoreSilent(QWebSocket *, const Request &request)
{
    return request.op == u"silent";
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void sessionIdIsUuidWithoutBraces();
    void requestWhileOfflineIsAnsweredLocally();
    void loginGoesOnline();
    void wrongPasswordFailsSignIn();
    void unreachableServerFailsSignIn();
    void repliesAreCorrelatedById();
    void unansweredRequestTimesOut();
    void dropAnswersPendingAndReconnects();
    void resumeRefusedStopsRetrying();
    void retryNowSkipsTheWait();
    void takeoverDoesNotReconnect();
    void logoutClosesWithoutReconnect();
    void closeAnswersPending();
    void reopenAnswersPendingAtOnce();
    void eventsAndServerTime();
    void oversizeRequestFailsLocally();
    void oversizeIncomingMessageDropsTheLink();

private:
    /// Opens and logs in as alice; true once Online.
    bool signIn();

    SystemClock m_clock;
    std::unique_ptr<ScriptedServer> m_server;
    std::unique_ptr<Connection> m_connection;
};

void TestConnection::init()
{
    m_server = std::make_unique<ScriptedServer>();
    QVERIFY(m_server->listen());
    m_connection = std::make_unique<Connection>(m_clock);
    m_connection->setBackoff(Backoff(50, 200, Backoff::Jitter::Equal, [] { return 0.5; }));
}

void TestConnection::cleanup()
{
    m_connection.reset();
    m_server.reset();
}

bool TestConnection::signIn()
{
    m_connection->open(m_server->url());
    m_connection->login(u"alice"_s, u"alice"_s);
    return QTest::qWaitFor([this] { return m_connection->isOnline(); }, 5000);
}

void TestConnection::sessionIdIsUuidWithoutBraces()
{
    const QString id = m_connection->sessionId();
    QCOMPARE(id.size(), 36);
    QVERIFY(!id.contains(u'{'));
    Connection other(m_clock);
    QVERIFY(other.sessionId() != id);
}

void TestConnection::requestWhileOfflineIsAnsweredLocally()
{
    Answer answer;
    m_connection->request(ops::GetLock, {{u"recordId"_s, u"CL-1"_s}}, this, answer.handler());
    QCOMPARE(answer.calls, 0); // never from inside request()
    QTRY_COMPARE(answer.calls, 1);
    QVERIFY(!answer.reply->ok);
    QCOMPARE(answer.reply->error.code, ErrorCode::Unavailable);
    QCOMPARE(answer.reply->error.message, u"offline"_s);
    QCOMPARE(m_server->connectionCount(), 0);
}

void TestConnection::loginGoesOnline()
{
    QSignalSpy states(m_connection.get(), &Connection::stateChanged);
    QSignalSpy signedIn(m_connection.get(), &Connection::signedIn);
    QVERIFY(signIn());
    QCOMPARE(states.count(), 3);
    QCOMPARE(states.at(0).at(0).value<State>(), State::Connecting);
    QCOMPARE(states.at(1).at(0).value<State>(), State::Authenticating);
    QCOMPARE(states.at(2).at(0).value<State>(), State::Online);
    QCOMPARE(signedIn.count(), 1);
    const auto session = signedIn.at(0).at(0).value<SessionInfo>();
    QCOMPARE(session.token, u"tok-alice"_s);
    QCOMPARE(session.userHandle, u"u_alice"_s);
    QCOMPARE(session.displayName, u"ALICE"_s);
    QCOMPARE(session.role, u"editor"_s);
    QCOMPARE(session.lockTtlMs, 120'000);
    QCOMPARE(m_connection->session().token, u"tok-alice"_s);
    const QList<Request> logins = m_server->requests(ops::Login);
    QCOMPARE(logins.size(), 1);
    QCOMPARE(logins.at(0).args.value(u"sessionId"_s).toString(), m_connection->sessionId());
}

void TestConnection::wrongPasswordFailsSignIn()
{
    QSignalSpy failed(m_connection.get(), &Connection::signInFailed);
    m_connection->open(m_server->url());
    m_connection->login(u"alice"_s, u"wrong"_s);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<ProtocolError>().code, ErrorCode::InvalidCredentials);
    QCOMPARE(m_connection->state(), State::Authenticating);
    // The socket stays usable for another attempt.
    m_connection->login(u"alice"_s, u"alice"_s);
    QTRY_VERIFY(m_connection->isOnline());
    QCOMPARE(m_server->connectionCount(), 1);
}

void TestConnection::unreachableServerFailsSignIn()
{
    const QUrl url = m_server->url();
    m_server->shutDown();
    QSignalSpy failed(m_connection.get(), &Connection::signInFailed);
    m_connection->open(url);
    m_connection->login(u"alice"_s, u"alice"_s);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<ProtocolError>().code, ErrorCode::Unavailable);
    QCOMPARE(m_connection->state(), State::Offline);
}

void TestConnection::repliesAreCorrelatedById()
{
    // The server answers the second request first; each handler must still get its own reply.
    QList<std::pair<QWebSocket *, Request>> held;
    m_server->setHandler([&](QWebSocket *socket, const Request &request) {
        if (request.op != u"echo")
            return false;
        held.append({socket, request});
        if (held.size() == 2) {
            for (int i = 1; i >= 0; --i)
                m_server->reply(held[i].first, held[i].second, {{u"n"_s, held[i].second.args.value(u"n"_s)}});
        }
        return true;
    });
    QVERIFY(signIn());
    Answer first;
    Answer second;
    m_connection->request(u"echo", {{u"n"_s, 1}}, this, first.handler());
    m_connection->request(u"echo", {{u"n"_s, 2}}, this, second.handler());
    QTRY_COMPARE(first.calls + second.calls, 2);
    QCOMPARE(first.reply->result.value(u"n"_s).toInt(), 1);
    QCOMPARE(second.reply->result.value(u"n"_s).toInt(), 2);
}

void TestConnection::unansweredRequestTimesOut()
{
    m_server->setHandler(ignoreSilent);
    QVERIFY(signIn());
    m_connection->setRequestTimeoutMs(200);
    Answer answer;
    m_connection->request(u"silent", {}, this, answer.handler());
    QTRY_COMPARE(answer.calls, 1);
    QCOMPARE(answer.reply->error.code, ErrorCode::Unavailable);
    QCOMPARE(answer.reply->error.message, u"timeout"_s);
    QVERIFY(m_connection->isOnline());
    // A destroyed context means the handler is skipped, not called late.
    Answer orphan;
    {
        QObject context;
        m_connection->request(u"silent", {}, &context, orphan.handler());
    }
    QVERIFY(!QTest::qWaitFor([&] { return orphan.calls > 0 || answer.calls > 1; }, 400));
}

void TestConnection::dropAnswersPendingAndReconnects()
{
    m_server->setHandler(ignoreSilent);
    QVERIFY(signIn());
    QSignalSpy reconnected(m_connection.get(), &Connection::reconnected);
    QSignalSpy signedIn(m_connection.get(), &Connection::signedIn);
    Answer pending;
    m_connection->request(u"silent", {}, this, pending.handler());
    QTRY_COMPARE(m_server->requests(u"silent").size(), 1);

    m_server->abortAll();
    QTRY_COMPARE(pending.calls, 1);
    QCOMPARE(pending.reply->error.code, ErrorCode::Unavailable);
    QCOMPARE(pending.reply->error.message, u"offline"_s);

    QTRY_COMPARE(reconnected.count(), 1);
    QVERIFY(m_connection->isOnline());
    QCOMPARE(signedIn.count(), 1);
    QCOMPARE(m_connection->reconnectAttempt(), 0);
    const QList<Request> auths = m_server->requests(ops::Auth);
    QCOMPARE(auths.size(), 1);
    QCOMPARE(auths.at(0).args.value(u"token"_s).toString(), u"tok-alice"_s);
    QCOMPARE(auths.at(0).args.value(u"sessionId"_s).toString(), m_connection->sessionId());
    QCOMPARE(m_server->connectionCount(), 2);
}

void TestConnection::resumeRefusedStopsRetrying()
{
    QVERIFY(signIn());
    m_server->setHandler([this](QWebSocket *socket, const Request &request) {
        if (request.op != ops::Auth)
            return false;
        m_server->replyError(socket, request, ErrorCode::Unauthenticated, u"token expired"_s,
                             {{u"reason"_s, u"expired"_s}});
        return true;
    });
    QSignalSpy failed(m_connection.get(), &Connection::signInFailed);
    m_server->abortAll();
    QTRY_COMPARE(failed.count(), 1);
    const auto error = failed.at(0).at(0).value<ProtocolError>();
    QCOMPARE(error.code, ErrorCode::Unauthenticated);
    QCOMPARE(error.details.value(u"reason"_s).toString(), u"expired"_s);
    QCOMPARE(m_connection->state(), State::Offline);
    // No further attempts: the backoff would have fired several times within this wait.
    QVERIFY(!QTest::qWaitFor([this] { return m_server->connectionCount() > 2; }, 500));
    QCOMPARE(m_connection->state(), State::Offline);
}

void TestConnection::retryNowSkipsTheWait()
{
    QVERIFY(signIn());
    m_connection->setBackoff(Backoff(60'000, 60'000, Backoff::Jitter::Equal, [] { return 0.0; }));
    const QUrl url = m_server->url();
    const quint16 port = m_server->port();
    m_server.reset(); // server gone: the reconnect attempt fails and the long wait starts
    QTRY_COMPARE(m_connection->state(), State::WaitingToReconnect);
    QCOMPARE(m_connection->reconnectAttempt(), 1);
    QVERIFY(m_connection->reconnectInMs() > 20'000 && m_connection->reconnectInMs() <= 30'000);

    m_server = std::make_unique<ScriptedServer>();
    QVERIFY(m_server->listen(port));
    QCOMPARE(m_server->url(), url);
    QSignalSpy reconnected(m_connection.get(), &Connection::reconnected);
    m_connection->retryNow();
    QTRY_COMPARE(reconnected.count(), 1);
    QVERIFY(m_connection->isOnline());
    QCOMPARE(m_connection->reconnectInMs(), 0);
}

void TestConnection::takeoverDoesNotReconnect()
{
    QVERIFY(signIn());
    QSignalSpy takenOver(m_connection.get(), &Connection::sessionTakenOver);
    m_server->closeAll(4000);
    QTRY_COMPARE(takenOver.count(), 1);
    QCOMPARE(m_connection->state(), State::Offline);
    QVERIFY(!QTest::qWaitFor([this] { return m_server->connectionCount() > 1; }, 300));
}

void TestConnection::logoutClosesWithoutReconnect()
{
    QVERIFY(signIn());
    QSignalSpy signedOut(m_connection.get(), &Connection::signedOut);
    m_connection->logout();
    QTRY_COMPARE(signedOut.count(), 1);
    QCOMPARE(m_server->requests(ops::Logout).size(), 1);
    QCOMPARE(m_connection->state(), State::Offline);
    QVERIFY(m_connection->session().token.isEmpty());
    QVERIFY(!QTest::qWaitFor([this] { return m_server->connectionCount() > 1; }, 300));
}

void TestConnection::closeAnswersPending()
{
    m_server->setHandler(ignoreSilent);
    QVERIFY(signIn());
    Answer pending;
    m_connection->request(u"silent", {}, this, pending.handler());
    m_connection->close();
    QCOMPARE(pending.calls, 1);
    QCOMPARE(pending.reply->error.code, ErrorCode::Unavailable);
    QCOMPARE(m_connection->state(), State::Offline);
    QVERIFY(!QTest::qWaitFor([this] { return m_server->connectionCount() > 1; }, 300));
}

void TestConnection::reopenAnswersPendingAtOnce()
{
    m_server->setHandler(ignoreSilent);
    QVERIFY(signIn());
    Answer pending;
    m_connection->request(u"silent", {}, this, pending.handler());
    QTRY_COMPARE(m_server->requests(u"silent").size(), 1);
    // Its reply could only have come on the old socket: it is answered now, not after 10 s.
    m_connection->open(m_server->url());
    QTRY_COMPARE_WITH_TIMEOUT(pending.calls, 1, 2000);
    QCOMPARE(pending.reply->error.code, ErrorCode::Unavailable);
    QCOMPARE(pending.reply->error.message, u"offline"_s);
    // Still signed in: the new socket resumes the session.
    QTRY_VERIFY(m_connection->isOnline());
    QCOMPARE(m_server->requests(ops::Auth).size(), 1);
}

void TestConnection::eventsAndServerTime()
{
    QVERIFY(signIn());
    QSignalSpy events(m_connection.get(), &Connection::eventReceived);
    m_server->broadcastEvent(u"lock_acquired", u"CL-1"_s, 7, {});
    QTRY_COMPARE(events.count(), 1);
    const auto message = events.at(0).at(0).value<ServerMessage>();
    QCOMPARE(message.event, u"lock_acquired"_s);
    QCOMPARE(message.seq, 7);
    // The scripted server's clock is in 2025 whatever the local clock says.
    const qint64 skew = m_connection->serverClock().serverNowMs() - m_server->serverTime();
    QVERIFY2(qAbs(skew) < 1000, qPrintable(QString::number(skew)));
}

void TestConnection::oversizeRequestFailsLocally()
{
    QVERIFY(signIn());
    Answer answer;
    m_connection->request(u"echo", {{u"blob"_s, QString(70'000, u'x')}}, this, answer.handler());
    QTRY_COMPARE(answer.calls, 1);
    QCOMPARE(answer.reply->error.code, ErrorCode::MessageTooLarge);
    QVERIFY(m_connection->isOnline());
    QVERIFY(m_server->requests(u"echo").isEmpty());
}

void TestConnection::oversizeIncomingMessageDropsTheLink()
{
    m_connection->setMaxIncomingMessageBytes(64 * 1024);
    QVERIFY(signIn());
    QSignalSpy reconnected(m_connection.get(), &Connection::reconnected);
    m_server->broadcastEvent(u"lock_acquired", u"CL-1"_s, 1, {{u"blob"_s, QString(100'000, u'x')}});
    QTRY_COMPARE(reconnected.count(), 1);
    QCOMPARE(m_server->connectionCount(), 2);
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
