#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace recordlock::test {

/// The samples of a Prometheus text exposition: `name{labels}` -> value text; comments skipped.
QHash<QString, QString> metricSamples(const QByteArray &text);

} // namespace recordlock::test
