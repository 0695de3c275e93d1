#pragma once

#include <QHostAddress>
#include <QString>

#include "server/connectionsettings.h"

namespace recordlock {

/// Everything a RecordLockServer is built from; recordlockd fills it from flags and environment.
struct ServerConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    /// 0 picks a free port.
    quint16 port = 8765;
    /// Holds recordlock.db and secret.key.
    QString dataDir;
    qint64 lockTtlMs = 120'000;
    qint64 orphanGraceMs = 30'000;
    qint64 tokenTtlMs = 43'200'000;
    /// Auth deadline, keepalive and outbound buffer cap of every connection.
    ConnectionSettings connection;
    /// Seed demo users and records into an empty database.
    bool demo = false;
};

} // namespace recordlock
