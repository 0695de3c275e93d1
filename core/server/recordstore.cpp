#include "server/recordstore.h"

namespace recordlock {

RecordStore::~RecordStore() = default;

} // namespace recordlock
