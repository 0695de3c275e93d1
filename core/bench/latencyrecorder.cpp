#include "bench/latencyrecorder.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace recordlock {

void LatencyRecorder::add(qint64 nanoseconds)
{
    ++m_count;
    m_max = std::max(m_max, nanoseconds);
    if (m_samples.size() < MaxSamples) {
        m_samples.push_back(nanoseconds);
        m_sorted = false;
    }
}

qint64 LatencyRecorder::quantile(double q) const
{
    if (m_samples.empty())
        return 0;
    if (!m_sorted) {
        std::sort(m_samples.begin(), m_samples.end());
        m_sorted = true;
    }
    const double rank = std::ceil(std::clamp(q, 0.0, 1.0) * double(m_samples.size()));
    const std::size_t index = rank < 1 ? 0 : std::size_t(rank) - 1;
    return m_samples[std::min(index, m_samples.size() - 1)];
}

QJsonObject LatencyRecorder::toJson() const
{
    const auto us = [](qint64 ns) { return double(ns) / 1000.0; };
    return QJsonObject{
        {u"count"_s, double(m_count)},       {u"p50Us"_s, us(quantile(0.50))}, {u"p90Us"_s, us(quantile(0.90))},
        {u"p99Us"_s, us(quantile(0.99))},     {u"maxUs"_s, us(m_max)},
    };
}

} // namespace recordlock
