#include "common/clock.h"

namespace recordlock {

Clock::~Clock() = default;

} // namespace recordlock
