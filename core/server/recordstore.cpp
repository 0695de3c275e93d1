#include "server/recordstore.h"

namespace recordlock {

RecordStore::~RecordStore() = default;

bool RecordStore::isAvailable() const
{
    return true;
}

} // namespace recordlock
