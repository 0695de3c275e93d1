#include "bench/lockclient.h"

namespace recordlock {

LockClient::~LockClient() = default;

} // namespace recordlock
