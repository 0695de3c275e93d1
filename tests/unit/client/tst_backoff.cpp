#include <QList>
#include <QRandomGenerator>
#include <QTest>

#include "client/backoff.h"

using namespace recordlock;

namespace {

/// A random source that always returns value.
Backoff::RandomSource fixed(double value)
{
    return [value] { return value; };
}

} // namespace

/// Backoff: exponential growth, cap, jitter bounds, reset, determinism.
class TestBackoff : public QObject
{
    Q_OBJECT

private slots:
    void defaults()
    {
        const Backoff backoff;
        QCOMPARE(backoff.baseMs(), 500);
        QCOMPARE(backoff.capMs(), 30'000);
        QCOMPARE(backoff.attempt(), 0);
    }

    void fullJitterGrowsAndCaps()
    {
        // r just below 1 gives the ceiling minus rounding: 500, 1000, 2000, ... capped at 30 s.
        Backoff backoff(500, 30'000, Backoff::Jitter::Full, fixed(0.999999));
        const QList<qint64> ceilings{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (int i = 0; i < ceilings.size(); ++i) {
            const qint64 delay = backoff.nextDelayMs();
            QVERIFY2(delay <= ceilings[i] && delay >= ceilings[i] - 1,
                     qPrintable(QStringLiteral("attempt %1: %2").arg(i).arg(delay)));
            QCOMPARE(backoff.attempt(), i + 1);
        }
    }

    void fullJitterCanBeZero()
    {
        Backoff backoff(500, 30'000, Backoff::Jitter::Full, fixed(0.0));
        QCOMPARE(backoff.nextDelayMs(), 0);
        QCOMPARE(backoff.nextDelayMs(), 0);
    }

    void equalJitterNeverBelowHalf()
    {
        Backoff low(500, 30'000, Backoff::Jitter::Equal, fixed(0.0));
        QCOMPARE(low.nextDelayMs(), 250);
        QCOMPARE(low.nextDelayMs(), 500);
        QCOMPARE(low.nextDelayMs(), 1000);
        Backoff mid(500, 30'000, Backoff::Jitter::Equal, fixed(0.5));
        QCOMPARE(mid.nextDelayMs(), 375);
        QCOMPARE(mid.nextDelayMs(), 750);
    }

    void jitterStaysInBounds_data()
    {
        QTest::addColumn<int>("jitter");
        QTest::newRow("full") << int(Backoff::Jitter::Full);
        QTest::newRow("equal") << int(Backoff::Jitter::Equal);
    }

    void jitterStaysInBounds()
    {
        QFETCH(int, jitter);
        QRandomGenerator generator(42);
        Backoff backoff(100, 5'000, Backoff::Jitter(jitter), [&generator] { return generator.generateDouble(); });
        qint64 ceiling = 100;
        for (int i = 0; i < 40; ++i) {
            const qint64 delay = backoff.nextDelayMs();
            const qint64 floor = Backoff::Jitter(jitter) == Backoff::Jitter::Equal ? ceiling / 2 : 0;
            QVERIFY2(delay >= floor && delay <= ceiling,
                     qPrintable(QStringLiteral("attempt %1: %2 not in [%3, %4]").arg(i).arg(delay).arg(floor).arg(ceiling)));
            ceiling = std::min<qint64>(ceiling * 2, 5'000);
        }
    }

    void outOfRangeRandomIsClamped()
    {
        Backoff high(500, 30'000, Backoff::Jitter::Full, fixed(7.0));
        QCOMPARE(high.nextDelayMs(), 500);
        Backoff negative(500, 30'000, Backoff::Jitter::Equal, fixed(-3.0));
        QCOMPARE(negative.nextDelayMs(), 250);
    }

    void manyAttemptsDoNotOverflow()
    {
        Backoff backoff(500, 30'000, Backoff::Jitter::Full, fixed(0.999999));
        qint64 last = 0;
        for (int i = 0; i < 1000; ++i)
            last = backoff.nextDelayMs();
        QVERIFY(last > 29'000 && last <= 30'000);
        QCOMPARE(backoff.attempt(), 1000);
    }

    void resetStartsOver()
    {
        Backoff backoff(500, 30'000, Backoff::Jitter::Equal, fixed(0.0));
        backoff.nextDelayMs();
        backoff.nextDelayMs();
        QCOMPARE(backoff.nextDelayMs(), 1000);
        backoff.reset();
        QCOMPARE(backoff.attempt(), 0);
        QCOMPARE(backoff.nextDelayMs(), 250);
        QCOMPARE(backoff.attempt(), 1);
    }

    void sameSourceSameDelays()
    {
        QRandomGenerator a(7);
        QRandomGenerator b(7);
        Backoff first(500, 30'000, Backoff::Jitter::Full, [&a] { return a.generateDouble(); });
        Backoff second(500, 30'000, Backoff::Jitter::Full, [&b] { return b.generateDouble(); });
        for (int i = 0; i < 10; ++i)
            QCOMPARE(first.nextDelayMs(), second.nextDelayMs());
    }

    void capBelowBaseIsRaisedToBase()
    {
        Backoff backoff(1000, 10, Backoff::Jitter::Full, fixed(0.999999));
        QCOMPARE(backoff.capMs(), 1000);
        QVERIFY(backoff.nextDelayMs() <= 1000);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
