// Many sessions racing for the same locks: exactly one grant at a time, tokens always increasing.

#include <memory>
#include <vector>

#include <QHash>
#include <QJsonArray>
#include <QTest>

#include "protocol/lockinfo.h"
#include "protocol/names.h"
#include "protocolargs.h"
#include "serverprocess.h"
#include "testclient.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;

namespace {

constexpr int SessionsPerUser = 3;
constexpr int Rounds = 30;
constexpr int ParallelRounds = 3;

// Each session fires a burst of acquires per round; the request rate limit is not under test here.
ServerOptions withoutRateLimit()
{
    ServerOptions options;
    options.extraArgs = QStringList{u"--rate-burst"_s, u"0"_s};
    return options;
}

} // namespace

class TestMutualExclusion : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exactlyOneGrantPerRound();
    void manyRecordsInParallel();

private:
    ServerProcess m_server{withoutRateLimit()};
    std::vector<std::unique_ptr<TestClient>> m_sessions;
    std::unique_ptr<TestClient> m_observer;
};

void TestMutualExclusion::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.output()));
    const QStringList users{u"alice"_s, u"bob"_s, u"carol"_s};
    for (int i = 0; i < SessionsPerUser; ++i) {
        for (const QString &user : users) {
            auto client = std::make_unique<TestClient>();
            const ServerMessage reply = client->connectAndLogin(m_server.wsUrl(), user);
            QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
            m_sessions.push_back(std::move(client));
        }
    }
    QVERIFY(m_sessions.size() >= 8);
    m_observer = std::make_unique<TestClient>();
    QVERIFY(m_observer->connectAndLogin(m_server.wsUrl(), u"carol"_s).ok);
}

void TestMutualExclusion::exactlyOneGrantPerRound()
{
    const QString record = u"CL-2026-0010"_s;
    QVERIFY(m_observer->request(ops::Subscribe, recordArg(record)).ok);
    const int count = int(m_sessions.size());
    qint64 lastToken = 0;

    for (int round = 0; round < Rounds; ++round) {
        // Fire every acquire before reading any reply; start with a different session each round.
        std::vector<std::pair<TestClient *, qint64>> sent;
        for (int i = 0; i < count; ++i) {
            TestClient *client = m_sessions.at((round + i) % count).get();
            sent.emplace_back(client, client->send(ops::Acquire, recordArg(record)));
        }
        TestClient *winner = nullptr;
        LockInfo granted;
        for (const auto &[client, id] : sent) {
            const ServerMessage reply = client->waitForReply(id);
            if (reply.ok) {
                QVERIFY2(!winner, qPrintable(u"two grants in round %1"_s.arg(round)));
                QCOMPARE(reply.result.value(u"outcome"_s).toString(), u"granted"_s);
                winner = client;
                granted = lockOf(reply.result);
            } else {
                QCOMPARE(TestClient::outcome(reply), u"lock_held"_s);
            }
        }
        QVERIFY2(winner, qPrintable(u"no grant in round %1"_s.arg(round)));
        QVERIFY2(granted.token > lastToken,
                 qPrintable(u"round %1: token %2 after %3"_s.arg(round).arg(granted.token).arg(lastToken)));
        lastToken = granted.token;

        // Everyone agrees on the single holder.
        for (const auto &session : m_sessions) {
            const LockInfo seen = lockOf(session->request(ops::GetLock, recordArg(record)).result);
            QVERIFY(seen.held);
            QCOMPARE(seen.sameSession, session.get() == winner);
            QCOMPARE(seen.holderHandle, granted.holderHandle);
        }

        const ServerMessage released = winner->request(
            ops::Release, {{u"recordId"_s, record}, {u"token"_s, granted.token}});
        QVERIFY2(released.ok, qPrintable(TestClient::describe(released)));
    }

    // The watcher saw strictly alternating grants and releases with consecutive seq numbers.
    QVERIFY(QTest::qWaitFor([&] { return m_observer->events().size() >= 2 * Rounds; }, 5000));
    const QList<ServerMessage> seen = m_observer->events();
    QCOMPARE(seen.size(), 2 * Rounds);
    for (qsizetype i = 0; i < seen.size(); ++i) {
        QCOMPARE(seen.at(i).event, i % 2 == 0 ? QString(events::LockAcquired) : QString(events::LockReleased));
        if (i > 0)
            QCOMPARE(seen.at(i).seq, seen.at(i - 1).seq + 1);
    }
    QVERIFY(m_observer->request(ops::Unsubscribe, recordArg(record)).ok);
    m_observer->clearEvents();
}

void TestMutualExclusion::manyRecordsInParallel()
{
    const ServerMessage list = m_sessions.front()->request(ops::ListRecords);
    QVERIFY2(list.ok, qPrintable(TestClient::describe(list)));
    QStringList records;
    for (const QJsonValue &value : list.result.value(u"records"_s).toArray())
        records << value.toObject().value(u"id"_s).toString();
    QVERIFY(records.size() >= 40);
    QVERIFY(m_observer->request(ops::SubscribeAll).ok);

    const int count = int(m_sessions.size());
    QHash<QString, qint64> lastToken;
    for (int round = 0; round < ParallelRounds; ++round) {
        m_observer->clearEvents();
        struct Sent { TestClient *client; QString record; qint64 id; };
        std::vector<Sent> sent;
        for (int i = 0; i < count; ++i) {
            TestClient *client = m_sessions.at(i).get();
            // Each session walks the records from a different starting point.
            for (qsizetype k = 0; k < records.size(); ++k) {
                const QString &record = records.at((k + i * 7 + round) % records.size());
                sent.push_back({client, record, client->send(ops::Acquire, recordArg(record))});
            }
        }
        QHash<QString, std::pair<TestClient *, qint64>> winners;
        for (const Sent &s : sent) {
            const ServerMessage reply = s.client->waitForReply(s.id);
            if (!reply.ok) {
                QCOMPARE(TestClient::outcome(reply), u"lock_held"_s);
                continue;
            }
            QVERIFY2(!winners.contains(s.record), qPrintable(u"two grants for "_s + s.record));
            const qint64 token = lockOf(reply.result).token;
            QVERIFY2(token > lastToken.value(s.record, 0), qPrintable(u"token went back for "_s + s.record));
            lastToken.insert(s.record, token);
            winners.insert(s.record, {s.client, token});
        }
        QCOMPARE(winners.size(), records.size());

        // One lock_acquired per record in this round.
        QVERIFY(QTest::qWaitFor([&] { return m_observer->events().size() >= records.size(); }, 5000));
        QHash<QString, int> acquiredEvents;
        for (const ServerMessage &event : m_observer->events()) {
            QCOMPARE(event.event, QString(events::LockAcquired));
            ++acquiredEvents[event.recordId];
        }
        QCOMPARE(acquiredEvents.size(), records.size());
        for (auto it = acquiredEvents.cbegin(); it != acquiredEvents.cend(); ++it)
            QCOMPARE(it.value(), 1);

        std::vector<std::pair<TestClient *, qint64>> releases;
        for (auto it = winners.cbegin(); it != winners.cend(); ++it) {
            TestClient *client = it.value().first;
            releases.emplace_back(client, client->send(ops::Release, {{u"recordId"_s, it.key()},
                                                                       {u"token"_s, it.value().second}}));
        }
        for (const auto &[client, id] : releases) {
            const ServerMessage reply = client->waitForReply(id);
            QVERIFY2(reply.ok, qPrintable(TestClient::describe(reply)));
        }
        // Let the release events arrive before the next round starts counting.
        QVERIFY(QTest::qWaitFor([&] { return m_observer->events().size() >= 2 * records.size(); }, 5000));
    }
    const ServerMessage held = m_observer->request(ops::SubscribeAll);
    QVERIFY(held.ok);
    QVERIFY(held.result.value(u"locks"_s).toArray().isEmpty());
}

QTEST_GUILESS_MAIN(TestMutualExclusion)
#include "tst_mutualexclusion.moc"
