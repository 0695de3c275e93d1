#pragma once

#include <QHostAddress>
#include <QString>

#include "server/connectionsettings.h"
#include "server/listenersettings.h"

namespace recordlock {

/// Everything a RecordLockServer is built from; recordlockd fills it from flags and environment.
struct ServerConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    /// 0 picks a free port.
    quint16 port = 8765;
    /// Holds secret.key, and recordlock.db unless databaseUrl is set.
    QString dataDir;
    /// postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME for records, users and audit (and the lock
    /// rows of the SQL lock store); empty: the SQLite file recordlock.db in dataDir.
    QString databaseUrl;
    /// The token signing key; empty: secret.key in dataDir. The instances of a cluster share one.
    QString secretFile;
    /// Where the lock rows live: Sql (the database above; one instance) or Redis (shared by instances).
    enum class LockStoreKind { Sql, Redis };
    LockStoreKind lockStore = LockStoreKind::Sql;
    /// With Redis: redis://[:PASSWORD@]HOST[:PORT][/DB] or unix:///PATH[?db=N].
    QString redisUrl;
    /// With Redis: the prefix of every key and of the event channel; instances of one cluster share it.
    QString redisPrefix = QStringLiteral("recordlock:");
    qint64 lockTtlMs = 120'000;
    qint64 orphanGraceMs = 30'000;
    qint64 tokenTtlMs = 43'200'000;
    /// Auth deadline, keepalive and outbound buffer cap of every connection.
    ConnectionSettings connection;
    /// TLS, per-address connection cap and upgrade deadline of the listening socket.
    ListenerSettings listener;
    /// Seed demo users and records into an empty database.
    bool demo = false;
    /// With demo: seed this many generated records instead of the hand-written ones (load tests); 0 = none.
    int demoRecords = 0;
    /// Argon2id cost of new password hashes: passes and memory in KiB (libsodium's INTERACTIVE
    /// limits by default). A login whose stored hash used other values stores a fresh hash.
    quint32 passwordHashPasses = 2;
    quint32 passwordHashMemoryKiB = 64 * 1024;
};

} // namespace recordlock
