#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace recordlock {

/// The driving side of recordlock-client-bench: starts a recordlockd ($RECORDLOCKD) seeded with
/// generated records, then runs this program again as a fresh client process (--client) against
/// it, so the client's cold start includes nothing of the server's, and collects its report.
class StartupDriver
{
public:
    /// records: --demo-records of the server; runs: client processes started one after the other.
    StartupDriver(int records, int runs, int timeoutMs);

    /// Runs everything; false if the server did not start, a client failed or listed fewer rows.
    bool run();
    /// {"records", "runs": [client reports], "ok", "failure"?}
    const QJsonObject &report() const { return m_report; }
    /// The report as text lines.
    QString toText() const;

private:
    int m_records;
    int m_runs;
    int m_timeoutMs;
    QJsonObject m_report;
};

} // namespace recordlock
