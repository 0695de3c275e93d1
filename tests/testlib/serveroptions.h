#pragma once

#include <QString>
#include <QStringList>

namespace recordlock::test {

/// How a ServerProcess runs recordlockd; durations in seconds, fractions allowed.
struct ServerOptions
{
    double lockTtlSeconds = 120;
    double orphanGraceSeconds = 30;
    bool demo = true;
    QStringList extraArgs;
    /// Empty: the fixture creates and owns a temporary data directory.
    QString dataDir;
    /// PEM certificate and key: the server serves TLS only and wsUrl()/httpUrl() use wss/https.
    QString tlsCertFile;
    QString tlsKeyFile;
    /// --db postgresql://... for the server. Empty: derived from the data directory when the
    /// run's backend (TestBackend) uses PostgreSQL, else the data directory's SQLite file.
    QString databaseUrl;
    /// --redis-url and --redis-prefix with --store redis. Empty: derived (prefix from the data
    /// directory) when the run's backend uses Redis, else the SQL lock store.
    QString redisUrl;
    QString redisPrefix;
};

} // namespace recordlock::test
