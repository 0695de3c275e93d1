#include <QTest>

#include "bench/latencyrecorder.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

/// LatencyRecorder's nearest-rank quantiles.
class TestLatencyRecorder : public QObject
{
    Q_OBJECT

private slots:
    void emptyIsZero()
    {
        const LatencyRecorder recorder;
        QCOMPARE(recorder.count(), 0);
        QCOMPARE(recorder.quantile(0.5), 0);
        QCOMPARE(recorder.max(), 0);
    }

    void nearestRank()
    {
        LatencyRecorder recorder;
        for (int i = 100; i >= 1; --i) // added out of order on purpose
            recorder.add(i * 1000);
        QCOMPARE(recorder.count(), 100);
        QCOMPARE(recorder.quantile(0.50), 50'000);
        QCOMPARE(recorder.quantile(0.90), 90'000);
        QCOMPARE(recorder.quantile(0.99), 99'000);
        QCOMPARE(recorder.quantile(1.0), 100'000);
        QCOMPARE(recorder.max(), 100'000);
        recorder.add(1);
        QCOMPARE(recorder.quantile(0.0), 1);
        // 101 samples: the 51st smallest is 50,000 ns.
        QCOMPARE(recorder.toJson().value(u"p50Us"_s).toDouble(), 50.0);
    }
};

QTEST_GUILESS_MAIN(TestLatencyRecorder)
#include "tst_latencyrecorder.moc"
