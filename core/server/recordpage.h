#pragma once

#include <QList>

#include "protocol/recorddata.h"

namespace recordlock {

/// One page of a record listing plus the number of all matches. Each record's fields hold only
/// its title: a listing shows summaries, and parsing every record's fields is not free.
struct RecordPage
{
    QList<RecordData> records;
    qint64 total = 0;
    /// False if the store could not be read (the listing is then empty, not "no matches").
    bool ok = true;
};

} // namespace recordlock
