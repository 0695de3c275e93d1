#include "lockstoreflags.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>

#include "optionsetting.h"
#include "server/redisendpoint.h"
#include "server/serverconfig.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {
const QString LockStoreFlagsDefaultUrl = u"redis://127.0.0.1:6379/0"_s;
} // namespace

LockStoreFlags::LockStoreFlags(const QString &storeHelp)
    : m_store(u"store"_s, storeHelp + u" [RECORDLOCKD_STORE, default sqlite]."_s, u"sqlite|redis"_s)
    , m_url(u"redis-url"_s,
            u"Redis of --store redis: redis://[:PASSWORD@]HOST[:PORT][/DB] or unix:///PATH[?db=N] "
            "[RECORDLOCKD_REDIS_URL, default %1]."_s.arg(LockStoreFlagsDefaultUrl),
            u"URL"_s)
    , m_prefix(u"redis-prefix"_s,
               u"Prefix of every Redis key and of the event channel; the instances of one cluster share it "
               "[RECORDLOCKD_REDIS_PREFIX, default recordlock:]."_s,
               u"PREFIX"_s)
{
}

void LockStoreFlags::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_store, m_url, m_prefix});
}

QString LockStoreFlags::read(const QCommandLineParser &parser, const QProcessEnvironment &environment,
                             ServerConfig *config) const
{
    if (const OptionSetting s = OptionSetting::pick(parser, m_store, environment, u"RECORDLOCKD_STORE"_s); s.isSet) {
        const QString value = s.value.trimmed().toLower();
        if (value != u"sqlite" && value != u"redis")
            return u"%1: \"%2\" is not sqlite or redis"_s.arg(s.source, s.value);
        config->lockStore = value == u"redis" ? ServerConfig::LockStoreKind::Redis : ServerConfig::LockStoreKind::Sql;
    }
    const OptionSetting url = OptionSetting::pick(parser, m_url, environment, u"RECORDLOCKD_REDIS_URL"_s);
    config->redisUrl = url.isSet ? url.value.trimmed() : LockStoreFlagsDefaultUrl;
    if (QString urlError; !RedisEndpoint::parse(config->redisUrl, &urlError))
        return u"%1: %2"_s.arg(url.isSet ? url.source : u"--redis-url"_s, urlError);
    if (url.isSet && config->lockStore != ServerConfig::LockStoreKind::Redis)
        return u"%1 needs --store redis"_s.arg(url.source);
    if (const OptionSetting s = OptionSetting::pick(parser, m_prefix, environment, u"RECORDLOCKD_REDIS_PREFIX"_s);
        s.isSet) {
        if (s.value.isEmpty() || s.value.contains(u' '))
            return u"%1: the prefix must be non-empty and without spaces"_s.arg(s.source);
        config->redisPrefix = s.value;
    }
    return QString();
}

} // namespace recordlock
