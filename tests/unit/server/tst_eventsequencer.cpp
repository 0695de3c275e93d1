#include <QSignalSpy>
#include <QTest>

#include "fakeclock.h"
#include "protocol/names.h"
#include "server/eventsequencer.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

LockEvent eventAt(const QString &recordId, qint64 seq)
{
    LockRow row;
    row.recordId = recordId;
    row.seq = seq;
    return LockEvent{QString(events::LockRenewed), row, std::nullopt, QString(), std::nullopt, {}, {}};
}

QList<qint64> seqsOf(const QSignalSpy &spy)
{
    QList<qint64> seqs;
    for (const QList<QVariant> &arguments : spy)
        seqs.append(arguments.at(0).value<LockEvent>().lock.seq);
    return seqs;
}

} // namespace

Q_DECLARE_METATYPE(recordlock::LockEvent)

/// Per-record seq order for the events of a cluster, on a fake clock.
class TestEventSequencer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<LockEvent>(); }
    void inOrderEventsPassAtOnce();
    void lateEarlierEventIsSentFirst();
    void repeatsAndOlderEventsAreDropped();
    void gapIsGivenUpAfterTheWait();
    void recordsAreIndependent();
};

void TestEventSequencer::inOrderEventsPassAtOnce()
{
    test::FakeClock clock;
    EventSequencer sequencer(clock);
    QSignalSpy ready(&sequencer, &EventSequencer::ready);
    for (qint64 seq = 7; seq <= 10; ++seq)
        sequencer.push(eventAt(u"R"_s, seq));
    QCOMPARE(seqsOf(ready), (QList<qint64>{7, 8, 9, 10}));
    QCOMPARE(sequencer.waitingCount(), 0);
}

void TestEventSequencer::lateEarlierEventIsSentFirst()
{
    test::FakeClock clock;
    EventSequencer sequencer(clock);
    QSignalSpy ready(&sequencer, &EventSequencer::ready);
    sequencer.push(eventAt(u"R"_s, 3));
    // This instance's own grant (5) is ready before a peer's release (4) arrives.
    sequencer.push(eventAt(u"R"_s, 5));
    sequencer.push(eventAt(u"R"_s, 6));
    QCOMPARE(seqsOf(ready), (QList<qint64>{3}));
    QCOMPARE(sequencer.waitingCount(), 2);
    sequencer.push(eventAt(u"R"_s, 4));
    QCOMPARE(seqsOf(ready), (QList<qint64>{3, 4, 5, 6}));
    QCOMPARE(sequencer.waitingCount(), 0);
}

void TestEventSequencer::repeatsAndOlderEventsAreDropped()
{
    test::FakeClock clock;
    EventSequencer sequencer(clock);
    QSignalSpy ready(&sequencer, &EventSequencer::ready);
    sequencer.push(eventAt(u"R"_s, 3));
    sequencer.push(eventAt(u"R"_s, 3));
    sequencer.push(eventAt(u"R"_s, 2));
    sequencer.push(eventAt(u"R"_s, 5));
    sequencer.push(eventAt(u"R"_s, 5));
    QCOMPARE(sequencer.waitingCount(), 1);
    QCOMPARE(seqsOf(ready), (QList<qint64>{3}));
}

void TestEventSequencer::gapIsGivenUpAfterTheWait()
{
    test::FakeClock clock;
    EventSequencer sequencer(clock);
    QSignalSpy ready(&sequencer, &EventSequencer::ready);
    sequencer.push(eventAt(u"R"_s, 1));
    sequencer.push(eventAt(u"R"_s, 4));
    sequencer.push(eventAt(u"R"_s, 3));
    clock.advance(EventSequencer::MaxWaitMs - 1);
    sequencer.flushDue();
    QCOMPARE(seqsOf(ready), (QList<qint64>{1}));
    clock.advance(1);
    sequencer.flushDue();
    // 2 never came: 3 and 4 go out in order, and 2 arriving now is too late.
    QCOMPARE(seqsOf(ready), (QList<qint64>{1, 3, 4}));
    sequencer.push(eventAt(u"R"_s, 2));
    sequencer.push(eventAt(u"R"_s, 5));
    QCOMPARE(seqsOf(ready), (QList<qint64>{1, 3, 4, 5}));
}

void TestEventSequencer::recordsAreIndependent()
{
    test::FakeClock clock;
    EventSequencer sequencer(clock);
    QSignalSpy ready(&sequencer, &EventSequencer::ready);
    sequencer.push(eventAt(u"A"_s, 1));
    sequencer.push(eventAt(u"B"_s, 10));
    sequencer.push(eventAt(u"A"_s, 3));
    sequencer.push(eventAt(u"B"_s, 11));
    QCOMPARE(seqsOf(ready), (QList<qint64>{1, 10, 11}));
    // The real timer flushes A's wait without anyone calling flushDue().
    clock.advance(EventSequencer::MaxWaitMs);
    QTRY_COMPARE(seqsOf(ready), (QList<qint64>{1, 10, 11, 3}));
}

QTEST_GUILESS_MAIN(TestEventSequencer)
#include "tst_eventsequencer.moc"
