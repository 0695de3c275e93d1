#include "server/sharedlockstore.h"

namespace recordlock {

SharedLockStore::~SharedLockStore() = default;

} // namespace recordlock
