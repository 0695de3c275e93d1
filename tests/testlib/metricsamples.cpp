#include "metricsamples.h"

namespace recordlock::test {

QHash<QString, QString> metricSamples(const QByteArray &text)
{
    QHash<QString, QString> samples;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        samples.insert(QString::fromUtf8(line.left(space)), QString::fromUtf8(line.mid(space + 1)));
    }
    return samples;
}

} // namespace recordlock::test
