#include "server/lockstore.h"

namespace recordlock {

LockStore::~LockStore() = default;

} // namespace recordlock
