#pragma once

#include <vector>

#include <QJsonObject>
#include <QtGlobal>

namespace recordlock {

/// Latency samples of one kind (e.g. acquire round trips) and their quantiles. Keeps every
/// sample up to a cap (exact quantiles; a bounded run stays well below it).
class LatencyRecorder
{
public:
    /// Samples beyond this many are counted but not kept (about 80 MB).
    static constexpr std::size_t MaxSamples = 10'000'000;

    /// Adds one latency in nanoseconds.
    void add(qint64 nanoseconds);
    /// Samples added, including any beyond MaxSamples.
    qint64 count() const { return m_count; }
    /// The q-quantile (0..1) in nanoseconds, nearest rank; 0 when empty.
    qint64 quantile(double q) const;
    /// The largest sample in nanoseconds.
    qint64 max() const { return m_max; }
    /// {"count", "p50Us", "p90Us", "p99Us", "maxUs"} in microseconds.
    QJsonObject toJson() const;

private:
    mutable std::vector<qint64> m_samples;
    mutable bool m_sorted = true;
    qint64 m_count = 0;
    qint64 m_max = 0;
};

} // namespace recordlock
