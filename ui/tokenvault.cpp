#include "ui/tokenvault.h"

namespace recordlock {

TokenVault::~TokenVault() = default;

} // namespace recordlock
