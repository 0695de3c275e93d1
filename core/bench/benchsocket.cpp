#include "bench/benchsocket.h"

#include "bench/qtbenchsocket.h"
#include "bench/plainwebsocket.h"

using namespace Qt::StringLiterals;

namespace recordlock {

std::unique_ptr<BenchSocket> BenchSocket::create(const QUrl &url)
{
    // The plain socket costs the generator about half of QWebSocket's CPU per message (see
    // docs/performance.md), which leaves more of the shared cores to the server being measured.
    // TLS needs QWebSocket.
    if (url.scheme() == u"wss")
        return std::make_unique<QtBenchSocket>();
    return std::make_unique<PlainWebSocket>();
}

} // namespace recordlock
