#include "bench/recordpicker.h"

namespace recordlock {

RecordPicker::RecordPicker(QStringList recordIds, quint32 seed)
    : m_ids(std::move(recordIds))
    , m_random(seed)
{
}

const QString &RecordPicker::pick()
{
    return m_ids[qsizetype(m_random.bounded(quint32(m_ids.size())))];
}

} // namespace recordlock
