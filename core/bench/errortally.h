#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace recordlock {

/// Client-side outcomes that are not successes: errors (must stay zero) by kind, and the
/// expected refusals (lock_held denials, not_holder after a lost lock) counted apart.
class ErrorTally
{
public:
    /// Counts one error of this kind (e.g. "reply:internal", "closed", "protocol") with a
    /// detail kept for the first occurrence of the kind.
    void addError(const QString &kind, const QString &detail);
    /// Counts one lock_held answer to an acquire.
    void addDenial() { ++m_denials; }
    /// Counts one not_holder answer to a renew or release.
    void addLost() { ++m_lost; }

    /// All errors.
    qint64 errorCount() const;
    qint64 denials() const { return m_denials; }
    qint64 lost() const { return m_lost; }
    /// Errors by kind.
    const QMap<QString, qint64> &errors() const { return m_errors; }
    /// The first detail seen per kind.
    const QMap<QString, QString> &firstDetails() const { return m_details; }
    /// {"errors": n, "byKind": {...}, "firstDetails": {...}, "denials": n, "lostLocks": n}
    QJsonObject toJson() const;

private:
    QMap<QString, qint64> m_errors;
    QMap<QString, QString> m_details;
    qint64 m_denials = 0;
    qint64 m_lost = 0;
};

} // namespace recordlock
