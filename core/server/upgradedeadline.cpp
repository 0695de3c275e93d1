#include "server/upgradedeadline.h"

#include <QAbstractSocket>
#include <QHostAddress>

#include "server/serverlogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

UpgradeDeadline::UpgradeDeadline(QAbstractSocket *socket, int timeoutMs)
    : QObject(socket)
    , m_socket(socket)
{
    m_timer.setSingleShot(true);
    // A coarse timer may fire 5 % early, which would cut a client off before its promised time.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &UpgradeDeadline::expire);
    m_timer.start(timeoutMs);
}

void UpgradeDeadline::markUpgraded()
{
    m_upgraded = true;
    m_timer.stop();
}

void UpgradeDeadline::expire()
{
    if (m_upgraded)
        return;
    qCInfo(lcHttp).noquote() << u"closing %1:%2: no WebSocket upgrade within %3 ms"_s
                                    .arg(m_socket->peerAddress().toString())
                                    .arg(m_socket->peerPort())
                                    .arg(m_timer.interval());
    // abort(), not disconnectFromHost(): a peer that stalls must not keep the socket for a
    // graceful shutdown either. Whoever owns the socket deletes it on disconnected().
    m_socket->abort();
}

} // namespace recordlock
