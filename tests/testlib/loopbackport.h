#pragma once

#include <QtGlobal>

namespace recordlock::test {

/// A 127.0.0.1 port nothing listens on right now, for a server a test starts with a fixed port
/// (another process may take it first: callers retry); 0 if none could be found.
quint16 freeLoopbackPort();

} // namespace recordlock::test
