// HistoryPage / HistoryEntry: the get_history result as docs/protocol.md shows it, and what a
// malformed one does; TakeOverResult: the override result.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "client/historypage.h"
#include "client/takeoverresult.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestHistoryPage : public QObject
{
    Q_OBJECT

private slots:
    void protocolExample()
    {
        const auto page = HistoryPage::fromJson(parse(R"({"entries":[
            {"id":812,"at":1763776912000,"action":"overridden","actor":"Carol White","subject":"Alice Archer",
             "reason":"Customer on the phone, needs the address fixed now","token":42},
            {"id":809,"at":1763776800010,"action":"acquired","actor":"Alice Archer","subject":"","reason":"","token":41}],
            "more":false})"));
        QVERIFY(page);
        QCOMPARE(page->entries.size(), 2);
        QVERIFY(!page->more);
        const HistoryEntry &first = page->entries.at(0);
        QCOMPARE(first.id, 812);
        QCOMPARE(first.at, 1763776912000);
        QCOMPARE(first.action, QString(HistoryEntry::Overridden));
        QCOMPARE(first.actor, u"Carol White"_s);
        QCOMPARE(first.subject, u"Alice Archer"_s);
        QCOMPARE(first.reason, u"Customer on the phone, needs the address fixed now"_s);
        QCOMPARE(first.token, 42);
        QCOMPARE(page->entries.at(1).action, QString(HistoryEntry::Acquired));
        QVERIFY(page->entries.at(1).subject.isEmpty());
    }

    void moreAndMalformedEntries()
    {
        const auto page = HistoryPage::fromJson(parse(R"({"entries":[
            {"id":5,"at":1,"action":"expired","actor":"","subject":"Bob Baker","reason":"","token":3},
            {"at":1,"action":"released"},
            {"id":4,"at":1},
            "not an object"],
            "more":true})"));
        QVERIFY(page);
        QVERIFY(page->more);
        QCOMPARE(page->entries.size(), 1);
        QCOMPARE(page->entries.at(0).id, 5);
        QVERIFY(page->entries.at(0).actor.isEmpty());
    }

    void missingEntriesIsNoPage()
    {
        QVERIFY(!HistoryPage::fromJson(parse(R"({"more":false})")));
        QVERIFY(!HistoryPage::fromJson(parse(R"({"entries":{},"more":false})")));
    }

    void takeOverResult()
    {
        const auto result = TakeOverResult::fromJson(parse(R"({"outcome":"overridden","lock":{
            "recordId":"CL-2026-0042","state":"held","seq":14,
            "holder":{"handle":"u_c","displayName":"Carol White","sameUser":true,"sameSession":true},
            "since":1,"expiresAt":2,"connected":true,"token":42}})"));
        QVERIFY(result);
        QCOMPARE(result->outcome, QString(TakeOverResult::Overridden));
        QVERIFY(result->lock.held);
        QVERIFY(result->lock.sameSession);
        QCOMPARE(result->lock.token, 42);
        QCOMPARE(result->lock.seq, 14);
        QVERIFY(!TakeOverResult::fromJson(parse(R"({"outcome":"granted"})")));
    }
};

QTEST_GUILESS_MAIN(TestHistoryPage)
#include "tst_historypage.moc"
