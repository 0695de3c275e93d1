#include "loopbackport.h"

#include <QTcpServer>

namespace recordlock::test {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace recordlock::test
