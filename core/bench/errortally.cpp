#include "bench/errortally.h"

#include "bench/benchlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

void ErrorTally::addError(const QString &kind, const QString &detail)
{
    if (!m_errors.contains(kind)) {
        m_details.insert(kind, detail);
        qCWarning(lcBench).noquote() << "error" << kind << detail;
    }
    ++m_errors[kind];
}

qint64 ErrorTally::errorCount() const
{
    qint64 total = 0;
    for (const qint64 n : m_errors)
        total += n;
    return total;
}

QJsonObject ErrorTally::toJson() const
{
    QJsonObject byKind;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        byKind.insert(it.key(), double(it.value()));
    QJsonObject details;
    for (auto it = m_details.cbegin(); it != m_details.cend(); ++it)
        details.insert(it.key(), it.value());
    return QJsonObject{{u"errors"_s, double(errorCount())},
                       {u"byKind"_s, byKind},
                       {u"firstDetails"_s, details},
                       {u"denials"_s, double(m_denials)},
                       {u"lostLocks"_s, double(m_lost)}};
}

} // namespace recordlock
