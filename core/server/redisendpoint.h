#pragma once

#include <optional>

#include <QString>

namespace recordlock {

/// Where a Redis server listens, parsed from redis://[:PASSWORD@]HOST[:PORT][/DB] or
/// unix:///PATH[?db=N]; the password never appears in display().
struct RedisEndpoint
{
    QString host;
    quint16 port = 6379;
    /// Non-empty: a Unix socket instead of host and port.
    QString socketPath;
    int database = 0;
    QString password;

    /// The endpoint of url, or nullopt with *error set.
    static std::optional<RedisEndpoint> parse(const QString &url, QString *error);
    /// The URL without its password, for logs and /healthz.
    QString display() const;
};

} // namespace recordlock
