#include <QTest>

#include "fakeclock.h"
#include "server/tokenbucket.h"
#include "server/tokenbucketmap.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

/// TokenBucket and TokenBucketMap: exact integer refill, retry times, bounded memory.
class TestTokenBucket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenRefusal()
    {
        const qint64 t0 = 1'000'000;
        TokenBucket bucket(200, 100, 1000, t0); // the protocol's request rate
        for (int i = 0; i < 200; ++i)
            QVERIFY2(bucket.tryTake(t0), qPrintable(QString::number(i)));
        QVERIFY(!bucket.tryTake(t0));
        QCOMPARE(bucket.available(t0), 0);
        // 100 per second is one per 10 ms.
        QCOMPARE(bucket.msUntilAvailable(t0), 10);
        QCOMPARE(bucket.msUntilAvailable(t0 + 3), 7);
        QVERIFY(!bucket.tryTake(t0 + 9));
        QVERIFY(bucket.tryTake(t0 + 10));
        QVERIFY(!bucket.tryTake(t0 + 10));
    }

    void refusalTakesNothing()
    {
        TokenBucket bucket(1, 1, 1000, 0);
        QVERIFY(bucket.tryTake(0));
        for (int i = 0; i < 100; ++i)
            QVERIFY(!bucket.tryTake(500));
        // Refusals did not push the next token further away.
        QCOMPARE(bucket.msUntilAvailable(500), 500);
        QVERIFY(bucket.tryTake(1000));
    }

    void slowRatesAreExact()
    {
        // One token per 60 s (the failed-login rule for a user name), capacity 5.
        TokenBucket bucket(5, 1, 60'000, 0);
        for (int i = 0; i < 5; ++i)
            QVERIFY(bucket.tryTake(0));
        QCOMPARE(bucket.msUntilAvailable(0), 60'000);
        QCOMPARE(bucket.msUntilAvailable(59'999), 1);
        QVERIFY(!bucket.tryTake(59'999));
        QVERIFY(bucket.tryTake(60'000));
        QCOMPARE(bucket.msUntilAvailable(60'000), 60'000);
        // Three rates that do not divide a second evenly: 3 per second regains one every 333.3 ms.
        TokenBucket third(1, 3, 1000, 0);
        QVERIFY(third.tryTake(0));
        QCOMPARE(third.msUntilAvailable(0), 334); // rounded up: retrying then succeeds
        QVERIFY(!third.tryTake(333));
        QVERIFY(third.tryTake(334));
    }

    void refillStopsAtCapacity()
    {
        TokenBucket bucket(3, 1, 1000, 0);
        QVERIFY(bucket.tryTake(0));
        QVERIFY(!bucket.isFull(0));
        QVERIFY(bucket.isFull(1000));
        // A year of idleness neither overflows nor exceeds the capacity.
        const qint64 later = 365LL * 24 * 3600 * 1000;
        QCOMPARE(bucket.available(later), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY(bucket.tryTake(later));
        QVERIFY(!bucket.tryTake(later));
    }

    void clockGoingBackRefillsNothing()
    {
        TokenBucket bucket(1, 1, 1000, 10'000);
        QVERIFY(bucket.tryTake(10'000));
        QVERIFY(!bucket.tryTake(5'000));
        QCOMPARE(bucket.msUntilAvailable(10'000), 1000);
        QVERIFY(bucket.tryTake(11'000));
    }

    void giveBackAndFill()
    {
        TokenBucket bucket(2, 1, 1000, 0);
        QVERIFY(bucket.tryTake(0));
        QVERIFY(bucket.tryTake(0));
        bucket.giveBack(0);
        QCOMPARE(bucket.available(0), 1);
        bucket.giveBack(0);
        bucket.giveBack(0); // never beyond capacity
        QCOMPARE(bucket.available(0), 2);
        QVERIFY(bucket.tryTake(0));
        QVERIFY(bucket.tryTake(0));
        bucket.fill(0);
        QVERIFY(bucket.isFull(0));
    }

    void mapKeepsBucketsApart()
    {
        TokenBucketMap map(1, 1, 1000);
        QVERIFY(!map.find(u"a"_s));
        QVERIFY(map.bucket(u"a"_s, 0).tryTake(0));
        QVERIFY(!map.bucket(u"a"_s, 0).tryTake(0));
        QVERIFY(map.bucket(u"b"_s, 0).tryTake(0));
        QVERIFY(map.find(u"a"_s));
        QCOMPARE(map.find(u"a"_s)->msUntilAvailable(0), 1000);
        QCOMPARE(map.size(), 2);
    }

    void mapForgetsFullBuckets()
    {
        TokenBucketMap map(1, 1, 1000);
        for (int i = 0; i < 5000; ++i)
            QVERIFY(map.bucket(QString::number(i), i).tryTake(i));
        // Keys seen once and long refilled do not accumulate without bound ...
        QVERIFY2(map.size() < 2100, qPrintable(QString::number(map.size())));
        // ... while an empty bucket is never forgotten (that would refill it early).
        QVERIFY(map.find(u"4999"_s));
        QVERIFY(!map.bucket(u"4999"_s, 4999).tryTake(4999));
    }
};

QTEST_GUILESS_MAIN(TestTokenBucket)
#include "tst_tokenbucket.moc"
