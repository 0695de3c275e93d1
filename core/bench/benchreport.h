#pragma once

#include <QJsonObject>
#include <QString>

namespace recordlock {

class LoadDriver;

/// Turns a run's measurements into the report: one JSON object (what --json prints), and a
/// text table made from that same object so both always say the same.
class BenchReport
{
public:
    /// Throughput and per-op latencies of one load window.
    static QJsonObject loadJson(const LoadDriver &driver);
    /// RecordLock/Redis ratios: requests/s, acquire p50 and p99 (a throughput ratio above 1
    /// and latency ratios below 1 favour RecordLock).
    static QJsonObject ratioJson(const QJsonObject &recordLock, const QJsonObject &redis);
    /// The report as a human-readable table.
    static QString toText(const QJsonObject &report);
};

} // namespace recordlock
