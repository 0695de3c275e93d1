#include "server/redisendpoint.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Redis' default number of logical databases; SELECT beyond it fails at connect time anyway.
constexpr int RedisEndpointMaxDatabase = 1'000'000;

std::optional<int> redisEndpointDatabase(const QString &text, QString *error)
{
    if (text.isEmpty())
        return 0;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 0 || value > RedisEndpointMaxDatabase) {
        *error = u"the Redis database must be a number, not \"%1\""_s.arg(text);
        return std::nullopt;
    }
    return value;
}

} // namespace

std::optional<RedisEndpoint> RedisEndpoint::parse(const QString &url, QString *error)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid()) {
        *error = u"not a valid URL: %1"_s.arg(parsed.errorString());
        return std::nullopt;
    }
    RedisEndpoint endpoint;
    endpoint.password = parsed.password(QUrl::FullyDecoded);
    std::optional<int> database;
    if (parsed.scheme() == u"unix"_s) {
        endpoint.socketPath = parsed.path(QUrl::FullyDecoded);
        if (endpoint.socketPath.isEmpty()) {
            *error = u"unix:// needs a socket path, e.g. unix:///run/redis/redis.sock"_s;
            return std::nullopt;
        }
        database = redisEndpointDatabase(QUrlQuery(parsed).queryItemValue(u"db"_s), error);
    } else if (parsed.scheme() == u"redis"_s) {
        endpoint.host = parsed.host();
        if (endpoint.host.isEmpty()) {
            *error = u"redis:// needs a host, e.g. redis://127.0.0.1:6379/0"_s;
            return std::nullopt;
        }
        endpoint.port = quint16(parsed.port(6379));
        QString path = parsed.path();
        if (path.startsWith(u'/'))
            path.remove(0, 1);
        database = redisEndpointDatabase(path, error);
    } else {
        *error = u"the Redis URL must start with redis:// or unix://"_s;
        return std::nullopt;
    }
    if (!database)
        return std::nullopt;
    endpoint.database = *database;
    return endpoint;
}

QString RedisEndpoint::display() const
{
    if (!socketPath.isEmpty())
        return u"unix://%1?db=%2"_s.arg(socketPath).arg(database);
    return u"redis://%1:%2/%3"_s.arg(host).arg(port).arg(database);
}

} // namespace recordlock
