#include "bench/benchlogging.h"

namespace recordlock {

Q_LOGGING_CATEGORY(lcBench, "recordlock.bench")

} // namespace recordlock
